import {
  conditionState,
  findCondition,
  readyState,
  statusObservedGeneration,
} from '../model/conditions';
import { KubeEvent, sortEvents } from '../model/events';
import { isSuspended } from '../model/health';
import { parseKustomizationHistory } from '../model/history';
import { sourceRefOf } from '../model/join';
import { parseDuration, parseTime, stringField } from '../model/json';
import { Resource } from '../model/resource';
import { parseRevision, sameRevision } from '../model/revision';
import { RULES } from './catalogue';
import { command, fluxLogs, kubectlEvents, open, reconcile, resume } from './commands';
import { conditionEvidence, eventEvidence, Finding, finding, Rule, RuleContext } from './context';
import { controllerBlockers } from './runtime';

/** FLUX-SUSPENDED, FLUX-STALLED, FLUX-STALE, FLUX-ROLLOUT-BEHIND, FLUX-DRIFT. */
export const fluxStateRules: Rule = context => {
  const index = context.index;
  const reconcilables = [
    ...index.withRole('kustomization'),
    ...index.withRole('helmrelease'),
    ...index.withRole('source'),
  ];
  return [
    ...reconcilables.flatMap(resource => [
      ...suspended(context, resource),
      ...stalled(resource),
      ...stale(context, resource),
    ]),
    ...index
      .withRole('kustomization')
      .flatMap(kustomization => rolloutBehind(context, kustomization)),
    ...[...index.withRole('kustomization'), ...index.withRole('helmrelease')].flatMap(resource =>
      drift(context, resource)
    ),
  ];
};

function suspended(context: RuleContext, resource: Resource): Finding[] {
  if (!isSuspended(resource)) return [];
  const suspendEvent = context.index
    .eventsFor(resource)
    .filter(event => /suspend/i.test(event.reason) || /suspended/i.test(event.message))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))[0];
  return [
    finding({
      rule: RULES.FLUX_SUSPENDED,
      resource,
      title: `${resource.kind} ${resource.name} is suspended${
        suspendEvent?.lastSeen ? ` since ${suspendEvent.lastSeen}` : ''
      }`,
      explanation:
        'Flux does not reconcile it: new commits are not applied and drift is not corrected until it is resumed. Resume also requests a reconcile.',
      evidence: [{ kind: 'field', text: 'spec.suspend: true' }],
      actions: [resume(resource)],
    }),
  ];
}

function stalled(resource: Resource): Finding[] {
  // A stalled HelmRelease is FLUX-HELM-STUCK (with the reset action): one error, not two.
  if (resource.kind === 'HelmRelease') return [];
  const condition = findCondition(resource, 'Stalled');
  // Stale is not current: a Stalled=True about an older generation is no verdict on the new spec.
  if (
    condition?.status !== 'True' ||
    conditionState(resource, 'Stalled', statusObservedGeneration(resource)) !== 'true'
  )
    return [];
  return [
    finding({
      rule: RULES.FLUX_STALLED,
      resource,
      title: `${resource.kind} ${resource.name} is stalled${
        condition.reason ? ` (${condition.reason})` : ''
      }`,
      explanation:
        'The controller gave up retrying: it will not try again on its own. Fix the cause in the message, then reconcile.',
      evidence: conditionEvidence(condition),
      actions: [reconcile(resource), command('Controller logs for it', fluxLogs(resource))],
    }),
  ];
}

function intervalMs(resource: Resource): number | undefined {
  return parseDuration(stringField(resource.raw, 'spec', 'interval'));
}

function stale(context: RuleContext, resource: Resource): Finding[] {
  if (isSuspended(resource)) return [];
  const requestedAt = resource.annotations['reconcile.fluxcd.io/requestedAt'];
  const handledAt = stringField(resource.raw, 'status', 'lastHandledReconcileAt');
  const requestedTime = parseTime(requestedAt);
  if (
    requestedAt &&
    requestedAt !== handledAt &&
    requestedTime !== undefined &&
    context.now - requestedTime > context.settings.requestStaleAfterMs
  ) {
    return [
      staleFinding(
        context,
        resource,
        `The reconcile requested at ${requestedAt} was never handled (last handled: ${
          handledAt ?? 'never'
        }).`
      ),
    ];
  }
  const interval = intervalMs(resource);
  if (interval === undefined) return [];
  const timeout = parseDuration(stringField(resource.raw, 'spec', 'timeout')) ?? 0;
  const limit = context.settings.staleIntervals * interval + timeout;
  const history = parseKustomizationHistory(resource.raw.status);
  const lastReconciled = parseTime(history[0]?.lastReconciled);
  if (lastReconciled !== undefined && context.now - lastReconciled > limit) {
    return [
      staleFinding(
        context,
        resource,
        `The last reconciliation recorded in status.history ran at ${history[0].lastReconciled}, more than ${context.settings.staleIntervals}× spec.interval ago.`
      ),
    ];
  }
  const reconciling = findCondition(resource, 'Reconciling');
  const since = parseTime(reconciling?.lastTransitionTime);
  if (reconciling?.status === 'True' && since !== undefined && context.now - since > limit) {
    return [
      staleFinding(
        context,
        resource,
        `It has been reconciling since ${reconciling.lastTransitionTime} without finishing.`
      ),
    ];
  }
  return [];
}

function staleFinding(context: RuleContext, resource: Resource, detail: string): Finding {
  return finding({
    rule: RULES.FLUX_STALE,
    resource,
    title: `${resource.kind} ${resource.name} has not been reconciled when it should have been`,
    explanation: `${detail} The controller may be down, overloaded or crash-looping: check its pod and logs.`,
    evidence: [{ kind: 'field', text: detail }],
    actions: [command('Controller logs for it', fluxLogs(resource)), reconcile(resource)],
    // A controller that is down, crash-looping or missing is the root cause.
    blockedBy: controllerBlockers(context.index, resource),
  });
}

function rolloutBehind(context: RuleContext, kustomization: Resource): Finding[] {
  if (isSuspended(kustomization)) return [];
  const status = kustomization.raw.status;
  const applied = parseRevision(stringField(status, 'lastAppliedRevision'));
  const attempted = parseRevision(stringField(status, 'lastAttemptedRevision'));
  const ready = findCondition(kustomization, 'Ready');
  if (
    applied.raw &&
    attempted.raw &&
    !sameRevision(applied.raw, attempted.raw) &&
    readyState(kustomization) !== 'unknown'
  ) {
    return [
      finding({
        rule: RULES.FLUX_ROLLOUT_BEHIND,
        resource: kustomization,
        title: `Kustomization ${kustomization.name} still runs ${applied.short}; ${attempted.short} did not land`,
        explanation: `The newest commit ${attempted.short} was attempted but not applied: the cluster still runs ${applied.short}. The failing rule on this Kustomization says why.`,
        evidence: [
          { kind: 'field', text: `status.lastAppliedRevision: ${applied.raw}` },
          { kind: 'field', text: `status.lastAttemptedRevision: ${attempted.raw}` },
          ...conditionEvidence(ready),
        ],
        actions: [
          reconcile(kustomization, true),
          command('Events of the Kustomization', kubectlEvents(kustomization)),
        ],
      }),
    ];
  }
  const sourceRef = sourceRefOf(kustomization);
  const source = sourceRef ? context.index.get(sourceRef) : undefined;
  const target = parseRevision(stringField(source?.raw, 'status', 'artifact', 'revision'));
  const artifactTime = parseTime(stringField(source?.raw, 'status', 'artifact', 'lastUpdateTime'));
  const interval = intervalMs(kustomization) ?? 0;
  const timeout = parseDuration(stringField(kustomization.raw, 'spec', 'timeout')) ?? interval;
  if (
    !source ||
    !target.raw ||
    !applied.raw ||
    sameRevision(applied.raw, target.raw) ||
    artifactTime === undefined
  )
    return [];
  if (context.now - artifactTime <= interval + timeout) return [];
  return [
    finding({
      rule: RULES.FLUX_ROLLOUT_BEHIND,
      resource: kustomization,
      title: `Kustomization ${kustomization.name} is behind its source: ${applied.short} applied, ${target.short} available`,
      explanation: `The source has had ${target.short} since ${stringField(
        source.raw,
        'status',
        'artifact',
        'lastUpdateTime'
      )}, longer than spec.interval + spec.timeout, but the Kustomization still runs ${
        applied.short
      }.`,
      evidence: [
        { kind: 'field', text: `status.lastAppliedRevision: ${applied.raw}` },
        { kind: 'field', text: `${source.kind} ${source.name} artifact: ${target.raw}` },
        ...conditionEvidence(ready),
      ],
      actions: [reconcile(kustomization, true), open(`Open ${source.kind} ${source.name}`, source)],
    }),
  ];
}

/** kustomize-controller's change-set lines: `Deployment/default/app configured`. */
const CONFIGURED_LINE =
  /^\s*([A-Za-z][A-Za-z0-9]*\/(?:[a-z0-9.-]+\/)?[A-Za-z0-9.:_-]+) configured\s*$/m;

function configuredObjects(message: string): string[] {
  return [...message.matchAll(new RegExp(CONFIGURED_LINE.source, 'gm'))].map(match => match[1]);
}

/** A change this long after a revision's first reconciliation is not part of that first apply. */
const DRIFT_MARGIN_MS = 30_000;

function drift(context: RuleContext, resource: Resource): Finding[] {
  const events = context.index.eventsFor(resource);
  if (resource.kind === 'HelmRelease') {
    const condition = resource.conditions.find(c => c.reason === 'DriftDetected');
    const driftEvents = events.filter(event => event.reason === 'DriftDetected');
    if (!condition && driftEvents.length === 0) return [];
    return [
      driftFinding(
        resource,
        [...conditionEvidence(condition), ...eventEvidence(driftEvents, 2)],
        'helm-controller detected changes to the release objects made outside Helm.'
      ),
    ];
  }
  const applied = stringField(resource.raw, 'status', 'lastAppliedRevision');
  const atApplied = events.filter(
    event =>
      event.type === 'Normal' &&
      event.revision !== undefined &&
      sameRevision(event.revision, applied)
  );
  // The first apply of a commit reports its changes too: drift is a change on a revision that
  // had already been applied before the event (an earlier event of that revision, the same
  // change set seen more than once, or status.history's first reconciliation well before it).
  const firstApplied = parseKustomizationHistory(resource.raw.status)
    .filter(entry => entry.revision.raw && sameRevision(entry.revision.raw, applied))
    .map(entry => parseTime(entry.firstReconciled))
    .filter((time): time is number => time !== undefined)
    .sort((a, b) => a - b)[0];
  const appliedBefore = (event: KubeEvent): boolean => {
    const seen = parseTime(event.lastSeen);
    return (
      event.count > 1 ||
      atApplied.some(other => other !== event && (other.lastSeen ?? '') < (event.lastSeen ?? '')) ||
      (firstApplied !== undefined && seen !== undefined && seen - firstApplied > DRIFT_MARGIN_MS)
    );
  };
  const driftEvents = sortEvents(
    atApplied.filter(event => CONFIGURED_LINE.test(event.message) && appliedBefore(event))
  );
  if (driftEvents.length === 0) return [];
  // The object named is the one of the newest drift event.
  const objects = configuredObjects(driftEvents[0].message);
  return [
    driftFinding(
      resource,
      eventEvidence(driftEvents, 2),
      `kustomize-controller changed ${
        objects.join(', ') || 'objects'
      } back on an unchanged revision: someone or something edited them outside Git.`
    ),
  ];
}

function driftFinding(
  resource: Resource,
  evidence: Finding['diagnosis']['evidence'],
  explanation: string
): Finding {
  return finding({
    rule: RULES.FLUX_DRIFT,
    resource,
    title: `${resource.kind} ${resource.name}: drift from Git was corrected`,
    explanation: `${explanation} Manual edits are reverted on every reconciliation; make the change in Git instead.`,
    evidence,
    actions: [command('Events', kubectlEvents(resource))],
  });
}
