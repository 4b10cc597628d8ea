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
import { parseTime, stringField } from '../model/json';
import { commitLiveness, Liveness } from '../model/liveness';
import { Resource } from '../model/resource';
import { parseRevision, sameRevision } from '../model/revision';
import { Controller, isInTrouble, reconcilerOf } from '../model/runtime';
import { inFlight, intervalMs, lastHandled, timeoutMs } from '../model/staleness';
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

function stale(context: RuleContext, resource: Resource): Finding[] {
  if (isSuspended(resource)) return [];
  const index = context.index;
  const controller = reconcilerOf(index, resource);
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
        controller,
        `The reconcile requested at ${requestedAt} was never handled (last handled: ${
          handledAt ?? 'never'
        }).`
      ),
    ];
  }
  const interval = intervalMs(resource);
  // Flux allows an attempt spec.timeout; it is due every spec.interval; the rest is margin.
  const limit =
    interval === undefined
      ? undefined
      : context.settings.staleIntervals * interval + timeoutMs(resource);
  const attempt = inFlight(resource);
  if (attempt) {
    const since = parseTime(attempt.since);
    if (limit !== undefined && since !== undefined && context.now - since > limit) {
      return [
        staleFinding(
          context,
          resource,
          controller,
          `It has been reconciling since ${
            attempt.since
          } without finishing (allowed: spec.timeout ${
            stringField(resource.raw, 'spec', 'timeout') ?? 'default'
          } within spec.interval ${stringField(resource.raw, 'spec', 'interval')}).`
        ),
      ];
    }
    // Work in flight within its time is progress, not staleness.
    return controllerDown(context, resource, controller);
  }
  // Only kustomize-controller ≥ 1.5 records every reconciliation (status.history): without it,
  // quiet is not evidence of staleness.
  if (limit !== undefined && parseKustomizationHistory(resource.raw.status).length) {
    const handled = lastHandled(index, resource);
    if (handled && context.now - handled.time > limit) {
      return [
        staleFinding(
          context,
          resource,
          controller,
          `${capitalize(handled.text)}, more than ${
            context.settings.staleIntervals
          }× spec.interval + spec.timeout ago, and nothing newer shows it was handled.`
        ),
      ];
    }
  }
  return controllerDown(context, resource, controller);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A controller down, degraded or missing: the object's status is the last one it wrote. */
function controllerDown(
  context: RuleContext,
  resource: Resource,
  controller: Controller | undefined
): Finding[] {
  if (!controller || !isInTrouble(controller)) return [];
  const detail =
    controller.state === 'degraded'
      ? `${controller.name} is degraded: the status of ${resource.kind} ${resource.name} may be stale.`
      : `${controller.name} is ${
          controller.state === 'missing' ? 'not installed' : 'down'
        }: the status of ${resource.kind} ${resource.name} is the last one it wrote.`;
  const handled = lastHandled(context.index, resource);
  return [
    staleFinding(context, resource, controller, detail, {
      evidence: handled ? [`Last sign of handling: ${handled.text}.`] : [],
      title: `${resource.kind} ${resource.name}: ${
        controller.state === 'degraded' ? 'status may be stale' : 'status is stale'
      } while ${controller.name} is ${
        controller.state === 'missing' ? 'not installed' : controller.state
      }`,
    }),
  ];
}

function staleFinding(
  context: RuleContext,
  resource: Resource,
  controller: Controller | undefined,
  detail: string,
  options: { title?: string; evidence?: string[] } = {}
): Finding {
  const blame = !controller
    ? 'The controller may be down, overloaded or crash-looping: check its pod and logs.'
    : isInTrouble(controller)
    ? `Nothing handles it until ${controller.name} is back: its Ready and revisions are not current, and a reconcile request waits too.`
    : controller.state === 'available'
    ? `${controller.name} is Available, so it is not down: it may be overloaded (a long queue, API rate limits) or stuck on this object; its logs for the object tell.`
    : `What state ${controller.name} is in could not be read: check its pod and logs.`;
  return finding({
    rule: RULES.FLUX_STALE,
    resource,
    title:
      options.title ??
      `${resource.kind} ${resource.name} has not been reconciled when it should have been`,
    explanation: `${detail} ${blame}`,
    evidence: [
      { kind: 'field', text: detail },
      ...(options.evidence ?? []).map(text => ({ kind: 'field' as const, text })),
    ],
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
    const liveness = commitLiveness(kustomization);
    const { title, explanation } = behindText(kustomization, liveness);
    return [
      finding({
        rule: RULES.FLUX_ROLLOUT_BEHIND,
        resource: kustomization,
        title,
        explanation,
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
  const timeout = timeoutMs(kustomization);
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

/** The newest commit did not pass: whether its objects are live comes from `commitLiveness`, said once. */
function behindText(
  kustomization: Resource,
  liveness: Liveness
): { title: string; explanation: string } {
  const name = kustomization.name;
  const attempted = liveness.attempted.short;
  const healthy = liveness.lastHealthy.short;
  const inferred = liveness.inferred ? ' (inferred from status.history)' : '';
  if (sameRevision(liveness.live.raw, liveness.attempted.raw) && liveness.live.raw) {
    return {
      title: `Kustomization ${name}: ${attempted} is applied but not healthy; last healthy ${healthy}`,
      explanation: `kustomize-controller applied ${attempted} — its objects are live in the cluster${inferred} — and then its health checks failed, so status.lastAppliedRevision still names ${healthy}. The bad change is live: fix forward or revert it in Git. The failing rule on this Kustomization says why.`,
    };
  }
  if (sameRevision(liveness.live.raw, liveness.lastHealthy.raw) && liveness.live.raw) {
    return {
      title: `Kustomization ${name} still runs ${healthy}; ${attempted} did not land`,
      explanation: `The newest commit ${attempted} was attempted but not applied: the cluster still runs ${healthy}${inferred}.${
        liveness.partial
          ? ' The apply failed part-way: CRDs and Namespaces, applied in an earlier stage, may already be from the new commit.'
          : ''
      } The failing rule on this Kustomization says why.`,
    };
  }
  return {
    title: `Kustomization ${name}: ${attempted} did not pass; ${healthy} was the last to pass`,
    explanation: `Whether the objects of ${attempted} or of ${healthy} run is not known from the status (the Ready reason no longer says how the last attempt ended). The failing rule on this Kustomization says why.`,
  };
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
