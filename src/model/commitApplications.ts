import { ClusterIndex } from './clusterIndex';
import { findCondition } from './conditions';
import { parseKustomizationHistory } from './history';
import { commitLiveness } from './liveness';
import { Resource } from './resource';
import { parseRevision, Revision, sameRevision } from './revision';

/**
 * Which commits a Kustomization applied, and how each ended, from what
 * identifies a commit's application — not from `status.history` alone:
 * kustomize-controller keeps one history entry per manifest *digest* and
 * relabels it with the newest revision that produced it, so an entry's
 * revision and times may belong to several commits.
 *
 * Evidence, strongest first:
 * - `status`: lastAppliedRevision / lastAttemptedRevision with the Ready reason (`commitLiveness`);
 * - `event`: Flux events carry the revision in an annotation (`<group>/revision`):
 *   Normal events about a revision mean it was applied, Warning events that an attempt failed;
 * - `history`: a digest's entry, read as "the newest commit that produced these manifests" (inferred).
 */
export type ApplicationOutcome = 'applied' | 'applied-unhealthy' | 'failed' | 'unknown';

export interface CommitApplication {
  revision: Revision;
  outcome: ApplicationOutcome;
  /** When, as the evidence says (ISO text). */
  at?: string;
  evidence: 'status' | 'event' | 'history';
  /** True when read from a digest entry rather than from the commit itself. */
  inferred: boolean;
  /** The event reason or history status, verbatim. */
  detail: string;
}

const HISTORY_OUTCOME: Record<string, ApplicationOutcome> = {
  ReconciliationSucceeded: 'applied',
  HealthCheckFailed: 'applied-unhealthy',
  PruneFailed: 'applied-unhealthy',
  ReconciliationFailed: 'failed',
};

export function commitApplications(
  index: ClusterIndex,
  kustomization: Resource,
  sourceKind?: string
): CommitApplication[] {
  const found: CommitApplication[] = [];
  const known = (revision: Revision) =>
    found.some(item => sameRevision(item.revision.raw, revision.raw));

  const liveness = commitLiveness(kustomization, sourceKind);
  const ready = findCondition(kustomization, 'Ready');
  if (liveness.lastHealthy.raw) {
    found.push({
      revision: liveness.lastHealthy,
      outcome: 'applied',
      at: ready?.status === 'True' ? ready.lastTransitionTime : undefined,
      evidence: 'status',
      inferred: false,
      detail: 'status.lastAppliedRevision',
    });
  }
  if (liveness.attempted.raw && !known(liveness.attempted)) {
    const outcome: ApplicationOutcome =
      liveness.state === 'live-unhealthy'
        ? 'applied-unhealthy'
        : liveness.state === 'not-applied'
        ? 'failed'
        : 'unknown';
    found.push({
      revision: liveness.attempted,
      outcome,
      at: ready?.lastTransitionTime,
      evidence: 'status',
      inferred: liveness.inferred,
      detail: ready?.reason || 'status.lastAttemptedRevision',
    });
  }
  // Newest event per revision: Normal = applied, Warning = the attempt failed.
  const events = index
    .eventsFor(kustomization)
    .filter(event => event.revision)
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
  for (const event of events) {
    const revision = parseRevision(event.revision, sourceKind);
    if (known(revision)) continue;
    found.push({
      revision,
      outcome: event.type === 'Warning' ? 'failed' : 'applied',
      at: event.lastSeen,
      evidence: 'event',
      inferred: false,
      detail: event.reason,
    });
  }
  for (const entry of parseKustomizationHistory(kustomization.raw.status, sourceKind)) {
    if (!entry.revision.raw || known(entry.revision)) continue;
    found.push({
      revision: entry.revision,
      outcome: HISTORY_OUTCOME[entry.lastReconciledStatus] ?? 'unknown',
      at: entry.lastReconciled,
      evidence: 'history',
      inferred: true,
      detail: entry.lastReconciledStatus,
    });
  }
  return found;
}
