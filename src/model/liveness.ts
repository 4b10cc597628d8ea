import { findCondition, readyState } from './conditions';
import { isWaitingForDependency } from './dependencies';
import { lastAppliedRevisionOf, lastAttemptedRevisionOf } from './fluxSpec';
import { parseKustomizationHistory } from './history';
import { Resource } from './resource';
import { parseRevision, Revision, sameRevision } from './revision';
import { inFlight } from './staleness';

/**
 * "Is this commit live?" — one answer per Kustomization, from
 * `lastAppliedRevision`, `lastAttemptedRevision` and the Ready reason, with
 * kustomize-controller's order of work: build → apply (server-side, in stages:
 * CRDs and Namespaces first) → prune → health checks → lastAppliedRevision.
 * So a health-check (or prune) failure means the attempted commit's objects
 * are applied and live but not healthy; a build or artifact failure means
 * nothing of it was applied and the last applied revision still runs; an
 * apply failure means it was not applied (objects of earlier stages may be).
 *
 * - `live`: the attempted commit is the applied one.
 * - `live-unhealthy`: the attempted commit's objects are applied and did not pass health checks (or prune).
 * - `not-applied`: the attempted commit failed before or during apply; `live` is the previous one.
 * - `applying`: an attempt is in flight (`live` moves to the attempted commit once its health checks start).
 * - `waiting`: it waits for a dependency: the source's newest commit is not tried.
 * - `unknown`: nothing was ever applied, or the status does not tell.
 */
export type LivenessState =
  | 'live'
  | 'live-unhealthy'
  | 'not-applied'
  | 'applying'
  | 'waiting'
  | 'unknown';

export interface Liveness {
  state: LivenessState;
  /** The revision whose objects run in the cluster, as far as the status tells (empty when unknown). */
  live: Revision;
  /** The newest commit tried (`lastAttemptedRevision`, else the applied one). */
  attempted: Revision;
  /** The last commit that passed everything (`lastAppliedRevision`). */
  lastHealthy: Revision;
  /** The Ready reason the verdict comes from. */
  reason: string;
  /** An apply failure: objects of the stages before the failing one (CRDs, Namespaces) may be from `attempted`. */
  partial: boolean;
  /** Read from status.history (a digest's last status) rather than from the Ready condition. */
  inferred: boolean;
}

/** Reasons after which the attempted commit's objects were applied. */
const APPLIED_THEN_FAILED = new Set(['HealthCheckFailed', 'HealthCheckCanceled', 'PruneFailed']);
/** Reasons after which nothing of the attempted commit was applied. */
const NOT_APPLIED = new Set(['BuildFailed', 'ArtifactFailed']);
const HEALTH_MESSAGE = /^Running health checks for revision (\S+)/;

const EMPTY = parseRevision(undefined);

export function commitLiveness(kustomization: Resource, sourceKind?: string): Liveness {
  const lastHealthy = parseRevision(lastAppliedRevisionOf(kustomization.raw), sourceKind);
  const attemptedRaw = lastAttemptedRevisionOf(kustomization.raw) || lastHealthy.raw;
  const attempted = parseRevision(attemptedRaw, sourceKind);
  const ready = findCondition(kustomization, 'Ready');
  const reason = ready?.reason ?? '';
  const state = readyState(kustomization);
  const result = (
    liveState: LivenessState,
    live: Revision,
    extra: Partial<Pick<Liveness, 'partial' | 'inferred'>> = {}
  ): Liveness => ({
    state: liveState,
    live,
    attempted,
    lastHealthy,
    reason,
    partial: extra.partial ?? false,
    inferred: extra.inferred ?? false,
  });
  const differs = !!attempted.raw && !sameRevision(attempted.raw, lastHealthy.raw);

  if (isWaitingForDependency(kustomization)) {
    // The dependency check comes before any work: what runs is what the last attempt left.
    return {
      ...outcomeOfLastAttempt(kustomization, attempted, lastHealthy, differs, sourceKind),
      state: 'waiting',
      reason,
    };
  }
  const attempt = inFlight(kustomization);
  if (attempt) {
    const checking = HEALTH_MESSAGE.exec(attempt.condition.message ?? '')?.[1];
    // Health checks run after apply: the objects of that revision are applied already.
    if (checking) return result('applying', parseRevision(checking, sourceKind));
    return result('applying', differs ? lastHealthy : attempted);
  }
  if (!attempted.raw) return result('unknown', EMPTY);
  if (!differs) {
    if (state === 'true') return result('live', lastHealthy);
    if (state === 'false')
      return result(APPLIED_THEN_FAILED.has(reason) ? 'live-unhealthy' : 'live', lastHealthy);
    return result('unknown', lastHealthy);
  }
  if (state === 'false') {
    if (APPLIED_THEN_FAILED.has(reason)) return result('live-unhealthy', attempted);
    if (NOT_APPLIED.has(reason)) return result('not-applied', lastHealthy);
    // ReconciliationFailed and other apply errors: not applied; earlier stages may be.
    return result('not-applied', lastHealthy, { partial: true });
  }
  return result('unknown', EMPTY);
}

/** For a Kustomization that did not just try: what its last attempt left, from status.history. */
function outcomeOfLastAttempt(
  kustomization: Resource,
  attempted: Revision,
  lastHealthy: Revision,
  differs: boolean,
  sourceKind?: string
): Omit<Liveness, 'state' | 'reason'> {
  const base = { attempted, lastHealthy, partial: false, inferred: false };
  if (!differs) return { ...base, live: lastHealthy };
  const entry = parseKustomizationHistory(kustomization.raw.status, sourceKind).find(item =>
    sameRevision(item.revision.raw, attempted.raw)
  );
  if (entry && APPLIED_THEN_FAILED.has(entry.lastReconciledStatus))
    return { ...base, live: attempted, inferred: true };
  if (entry && entry.lastReconciledStatus === 'ReconciliationFailed')
    return { ...base, live: lastHealthy, partial: true, inferred: true };
  // Without a record of the attempt, which of the two runs is not known.
  return { ...base, live: entry ? lastHealthy : EMPTY, inferred: !!entry };
}
