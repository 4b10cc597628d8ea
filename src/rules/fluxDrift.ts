import { KubeEvent, sortEvents } from '../model/events';
import { parseKustomizationHistory } from '../model/history';
import { parseTime, stringField } from '../model/json';
import { Resource } from '../model/resource';
import { sameRevision } from '../model/revision';
import { RULES } from './catalogue';
import { command, kubectlEvents } from './commands';
import { conditionEvidence, eventEvidence, Finding, finding, RuleContext } from './context';
import { commaList, Message, msg } from './messages';

/** kustomize-controller's change-set lines: `Deployment/default/app configured`. */
const CONFIGURED_LINE =
  /^\s*([A-Za-z][A-Za-z0-9]*\/(?:[a-z0-9.-]+\/)?[A-Za-z0-9.:_-]+) configured\s*$/m;

function configuredObjects(message: string): string[] {
  return [...message.matchAll(new RegExp(CONFIGURED_LINE.source, 'gm'))].map(match => match[1]);
}

/** A change this long after a revision's first reconciliation is not part of that first apply. */
const DRIFT_MARGIN_MS = 30_000;

/** FLUX-DRIFT: a controller changed objects back on a revision it had already applied. */
export function drift(context: RuleContext, resource: Resource): Finding[] {
  const events = context.index.eventsFor(resource);
  if (resource.kind === 'HelmRelease') {
    const condition = resource.conditions.find(c => c.reason === 'DriftDetected');
    const driftEvents = events.filter(event => event.reason === 'DriftDetected');
    if (!condition && driftEvents.length === 0) return [];
    return [
      driftFinding(
        resource,
        [...conditionEvidence(condition), ...eventEvidence(driftEvents, 2)],
        msg('fluxState.drift.helm')
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
      msg('fluxState.drift.kustomize', {
        objects: objects.length ? commaList(objects) : msg('fluxState.drift.objects'),
      })
    ),
  ];
}

function driftFinding(
  resource: Resource,
  evidence: Finding['diagnosis']['evidence'],
  explanation: Message
): Finding {
  return finding({
    rule: RULES.FLUX_DRIFT,
    resource,
    title: msg('fluxState.drift.title', { kind: resource.kind, name: resource.name }),
    explanation: msg('list.sentences', { first: explanation, next: msg('fluxState.drift.revert') }),
    evidence,
    actions: [command(msg('fluxState.drift.events'), kubectlEvents(resource))],
  });
}
