import { ClusterIndex } from './clusterIndex';
import { conditionState, findCondition, statusObservedGeneration } from './conditions';
import { intervalOf, lastHandledReconcileAtOf, timeoutOf } from './fluxSpec';
import { parseKustomizationHistory } from './history';
import { parseDuration, parseTime } from './json';
import { Condition, Resource } from './resource';

/**
 * Is a Flux object's status current? What tells that its controller handled
 * it lately, whether an attempt is in flight, and how long Flux itself allows
 * one to take (spec.interval, spec.timeout). Pure: reads the index only.
 */

const MINUTE = 60_000;

export function intervalMs(resource: Resource): number | undefined {
  return parseDuration(intervalOf(resource.raw));
}

/**
 * `spec.timeout`, else the controller's default: a Kustomization's defaults to
 * its interval, a HelmRelease's to 5m (Helm actions), a source's to 60s.
 */
export function timeoutMs(resource: Resource): number {
  const set = parseDuration(timeoutOf(resource.raw));
  if (set !== undefined) return set;
  if (resource.kind === 'Kustomization') return intervalMs(resource) ?? 0;
  if (resource.kind === 'HelmRelease') return 5 * MINUTE;
  return MINUTE;
}

/** Which field or event says that the controller handled the object, with its time verbatim. */
export type HandledSign =
  | { by: 'history'; at: string }
  | { by: 'condition'; type: string; at: string }
  | { by: 'request'; at: string }
  | { by: 'event'; reason: string; at: string };

/** One piece of evidence that the controller wrote something about the object, and when. */
export interface Handled {
  time: number;
  /** What a person reads, as data (the rules word it: src/rules/fluxStale.ts). */
  sign: HandledSign;
}

/**
 * The newest sign that the controller handled the object: a `status.history`
 * reconciliation, a condition transition, a handled reconcile request, or an
 * event about it (Flux emits one per failed attempt and per finished reconcile).
 */
export function lastHandled(index: ClusterIndex, resource: Resource): Handled | undefined {
  const candidates: Handled[] = [];
  const add = (at: string | undefined, sign: (at: string) => HandledSign) => {
    const time = parseTime(at);
    if (at !== undefined && time !== undefined) candidates.push({ time, sign: sign(at) });
  };
  for (const entry of parseKustomizationHistory(resource.raw.status))
    add(entry.lastReconciled, at => ({ by: 'history', at }));
  for (const condition of resource.conditions)
    add(condition.lastTransitionTime, at => ({ by: 'condition', type: condition.type, at }));
  add(lastHandledReconcileAtOf(resource.raw), at => ({ by: 'request', at }));
  for (const event of index.eventsFor(resource))
    add(event.lastSeen, at => ({ by: 'event', reason: event.reason, at }));
  return candidates.sort((a, b) => b.time - a.time)[0];
}

/** An attempt the controller is running now (Reconciling=True, reason Progressing), and since when. */
export interface InFlight {
  since?: string;
  /** The condition that shows the attempt (and its message): Reconciling=True, else Ready=Unknown. */
  condition: Condition;
}

/**
 * Flux marks the start of an attempt with Ready=Unknown (Progressing) and
 * Reconciling=True (Progressing, "Fetching manifests for revision …"); a
 * failed attempt leaves Reconciling=True with reason ProgressingWithRetry,
 * which is a failure waiting for its retry, not work in flight. Stalled=True
 * is the controller's word that it stopped trying (helm-controller v1.4 leaves
 * Ready=Unknown "Fulfilling prerequisites" beside Stalled=True RetriesExceeded):
 * nothing runs until the object, its source or a request changes.
 */
export function inFlight(resource: Resource): InFlight | undefined {
  if (hasStopped(resource)) return undefined;
  const reconciling = findCondition(resource, 'Reconciling');
  const ready = findCondition(resource, 'Ready');
  const progressing =
    (reconciling?.status === 'True' && reconciling.reason === 'Progressing') ||
    (ready?.status === 'Unknown' && ready.reason === 'Progressing');
  if (!progressing) return undefined;
  // The attempt began at the newer of the two transitions (Reconciling stays True across retries).
  const times = [reconciling, ready]
    .filter(condition => condition && condition.status !== 'False')
    .map(condition => condition?.lastTransitionTime)
    .filter((time): time is string => parseTime(time) !== undefined)
    .sort((a, b) => (parseTime(b) ?? 0) - (parseTime(a) ?? 0));
  const shown = reconciling?.status === 'True' ? reconciling : ready;
  if (!shown) return undefined;
  return { since: times[0], condition: shown };
}

/**
 * The controller said it stopped trying the current spec (Stalled=True for this generation): it
 * waits for a change of the object, its source or a request, so quiet is expected, not stale.
 */
export function hasStopped(resource: Resource): boolean {
  return conditionState(resource, 'Stalled', statusObservedGeneration(resource)) === 'true';
}
