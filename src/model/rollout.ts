import { ClusterIndex, ObjectRole } from './clusterIndex';
import { commitLink, CommitLinkSettings } from './commitLink';
import { findCondition, readyState } from './conditions';
import { DependencyWait, dependencyWaitOf } from './dependencies';
import {
  artifactRevisionOf,
  artifactUpdatedAtOf,
  lastAppliedRevisionOf,
  lastAttemptedRevisionOf,
  sourceUrlOf,
} from './fluxSpec';
import { healthOf, isSuspended } from './health';
import { HistoryEntry, parseKustomizationHistory } from './history';
import { inventoryEntryRef } from './inventory';
import { sourceRefOf } from './join';
import { field, parseTime, stringField } from './json';
import { commitLiveness, Liveness } from './liveness';
import { ObjectRef, refOf, Resource } from './resource';
import { parseRevision, Revision, sameRevision } from './revision';
import { inFlight } from './staleness';

/**
 * Where one Kustomization stands with its source's current revision.
 * - `applied`: the source's revision is applied and Ready.
 * - `in-progress`: it is being applied (Reconciling, Ready Unknown, or a spec change not yet observed).
 * - `failed`: the latest attempt failed (applied ≠ attempted, or Ready=False).
 * - `waiting`: it waits for a dependency (DependencyNotReady): not tried, not failed.
 * - `behind`: still on an older revision with no failure reported yet.
 * - `suspended`: `spec.suspend: true`: it will not move.
 * - `unknown`: the source or its revision could not be read.
 */
export type RolloutState =
  | 'applied'
  | 'in-progress'
  | 'failed'
  | 'waiting'
  | 'behind'
  | 'suspended'
  | 'unknown';

export interface CrossplaneReadiness {
  role: ObjectRole;
  total: number;
  ready: number;
  failing: number;
  /** Listed in the inventory but not found, or not visible, or with no conclusive status. */
  unknown: number;
}

export interface KustomizationRollout {
  kustomization: Resource;
  state: RolloutState;
  applied: Revision;
  attempted: Revision;
  /** The source's current artifact revision. */
  target: Revision;
  /** Ready condition message when failed or in progress. */
  message: string;
  /** Milliseconds since the source first had the target revision (artifact lastUpdateTime). */
  sinceTargetMs?: number;
  crossplane: CrossplaneReadiness[];
  history: HistoryEntry[];
  /** Which commit's objects run: the one answer every view gives. */
  liveness: Liveness;
  /** What it waits for, when it waits for a dependency. */
  waiting?: DependencyWait;
}

export interface SourceRollout {
  cluster: string;
  source: ObjectRef;
  sourceResource?: Resource;
  revision: Revision;
  /** Commit message when the source reports it (GitRepository `status.artifact.metadata`, OCI annotations). */
  commitMessage?: string;
  commitUrl?: string;
  /** Repository URL (`spec.url`), used to line up the same repository across clusters. */
  url?: string;
  /**
   * The source's own state: when it is `failing` (Ready=False), `revision` is
   * only the last commit it fetched, not the branch's latest.
   */
  sourceState: 'ready' | 'failing' | 'progressing' | 'unknown';
  /** Since when it fails (its Ready condition's lastTransitionTime), with the reason. */
  failingSince?: string;
  failingReason?: string;
  kustomizations: KustomizationRollout[];
}

export interface RolloutOptions {
  now?: number;
  links?: CommitLinkSettings;
}

const CROSSPLANE_ROLES: ObjectRole[] = [
  'xrd',
  'composition',
  'package',
  'claim',
  'composite',
  'managed',
];

export function crossplaneReadiness(
  index: ClusterIndex,
  kustomization: Resource
): CrossplaneReadiness[] {
  const byRole = new Map<ObjectRole, CrossplaneReadiness>();
  for (const entry of index.inventory(kustomization).entries) {
    const ref = inventoryEntryRef(entry, kustomization.cluster);
    const resource = index.get(ref);
    const role = resource ? index.role(resource) : roleFromInventory(index, ref);
    if (!CROSSPLANE_ROLES.includes(role)) continue;
    let tally = byRole.get(role);
    if (!tally) {
      tally = { role, total: 0, ready: 0, failing: 0, unknown: 0 };
      byRole.set(role, tally);
    }
    tally.total++;
    const health = resource ? healthOf(index, resource).health : 'unknown';
    if (health === 'healthy' || (health === 'no-status' && role === 'composition')) tally.ready++;
    else if (health === 'failing') tally.failing++;
    else tally.unknown++;
  }
  return CROSSPLANE_ROLES.flatMap(role =>
    byRole.has(role) ? [byRole.get(role) as CrossplaneReadiness] : []
  );
}

function roleFromInventory(index: ClusterIndex, ref: ObjectRef): ObjectRole {
  if (ref.group === 'apiextensions.crossplane.io') {
    if (ref.kind === 'CompositeResourceDefinition') return 'xrd';
    if (ref.kind === 'Composition') return 'composition';
  }
  if (
    ref.group === 'pkg.crossplane.io' &&
    ['Provider', 'Function', 'Configuration'].includes(ref.kind)
  )
    return 'package';
  return index.xrdFor(ref.cluster, ref.group, ref.kind)?.role ?? 'other';
}

export function kustomizationRollout(
  index: ClusterIndex,
  kustomization: Resource,
  source: Resource | undefined,
  options: RolloutOptions = {}
): KustomizationRollout {
  const sourceKind = source?.kind ?? sourceRefOf(kustomization)?.kind;
  const status = field(kustomization.raw, 'status');
  const applied = parseRevision(lastAppliedRevisionOf(kustomization.raw), sourceKind);
  const attempted = parseRevision(lastAttemptedRevisionOf(kustomization.raw), sourceKind);
  const target = parseRevision(artifactRevisionOf(source?.raw), sourceKind);
  const ready = readyState(kustomization);
  const readyCondition = findCondition(kustomization, 'Ready');
  // An attempt in flight; Reconciling=True with ProgressingWithRetry is a failure awaiting its retry.
  const reconciling = !!inFlight(kustomization);
  const waiting = dependencyWaitOf(index, kustomization, options.now);
  const artifactTime = parseTime(artifactUpdatedAtOf(source?.raw));

  let state: RolloutState;
  if (isSuspended(kustomization)) state = 'suspended';
  else if (waiting) state = 'waiting';
  else if (!target.raw) state = applied.raw ? stateWithoutTarget(ready, reconciling) : 'unknown';
  else if (
    ready === 'false' &&
    (!sameRevision(attempted.raw, applied.raw) ||
      sameRevision(attempted.raw, target.raw) ||
      !applied.raw)
  ) {
    state = 'failed';
  } else if (sameRevision(applied.raw, target.raw) && ready === 'true' && !reconciling)
    state = 'applied';
  else if (reconciling || ready === 'unknown' || ready === 'progressing') state = 'in-progress';
  else if (ready === 'false') state = 'failed';
  else state = sameRevision(applied.raw, target.raw) ? 'in-progress' : 'behind';

  return {
    kustomization,
    state,
    applied,
    attempted,
    target,
    message: state === 'applied' ? '' : readyCondition?.message ?? '',
    sinceTargetMs:
      artifactTime !== undefined && options.now !== undefined
        ? Math.max(0, options.now - artifactTime)
        : undefined,
    crossplane: crossplaneReadiness(index, kustomization),
    history: parseKustomizationHistory(status, sourceKind),
    liveness: commitLiveness(kustomization, sourceKind),
    waiting,
  };
}

function stateWithoutTarget(ready: string, reconciling: boolean): RolloutState {
  if (ready === 'false') return 'failed';
  if (reconciling || ready === 'progressing') return 'in-progress';
  return 'unknown';
}

/** One entry per source that at least one Kustomization uses, per cluster; sources no one uses are left out. */
export function sourceRollouts(index: ClusterIndex, options: RolloutOptions = {}): SourceRollout[] {
  const bySource = new Map<string, SourceRollout>();
  for (const kustomization of index.withRole('kustomization')) {
    const sourceRef = sourceRefOf(kustomization);
    if (!sourceRef) continue;
    const key = `${sourceRef.cluster}|${sourceRef.kind}|${sourceRef.namespace}|${sourceRef.name}`;
    let rollout = bySource.get(key);
    if (!rollout) {
      const sourceResource = index.get(sourceRef);
      const url = sourceUrlOf(sourceResource?.raw);
      const revision = parseRevision(artifactRevisionOf(sourceResource?.raw), sourceRef.kind);
      rollout = {
        cluster: sourceRef.cluster,
        source: sourceResource ? refOf(sourceResource) : sourceRef,
        sourceResource,
        revision,
        commitMessage: commitMessageOf(sourceResource),
        commitUrl:
          sourceRef.kind === 'GitRepository'
            ? commitLink(url, revision.commit, options.links)
            : undefined,
        url,
        ...sourceStateOf(sourceResource),
        kustomizations: [],
      };
      bySource.set(key, rollout);
    }
    rollout.kustomizations.push(
      kustomizationRollout(index, kustomization, rollout.sourceResource, options)
    );
  }
  return [...bySource.values()];
}

function sourceStateOf(
  source: Resource | undefined
): Pick<SourceRollout, 'sourceState' | 'failingSince' | 'failingReason'> {
  if (!source) return { sourceState: 'unknown' };
  const state = readyState(source);
  if (state === 'false') {
    const ready = findCondition(source, 'Ready');
    return {
      sourceState: 'failing',
      failingSince: ready?.lastTransitionTime,
      failingReason: ready?.reason,
    };
  }
  if (state === 'true') return { sourceState: 'ready' };
  return { sourceState: state === 'absent' ? 'unknown' : 'progressing' };
}

function commitMessageOf(source: Resource | undefined): string | undefined {
  if (!source) return undefined;
  return (
    stringField(
      source.raw,
      'status',
      'artifact',
      'metadata',
      'org.opencontainers.image.description'
    ) ??
    stringField(source.raw, 'status', 'artifact', 'metadata', 'commit.message') ??
    stringField(source.raw, 'status', 'observedCommitMessage')
  );
}

/**
 * The same commit across clusters: sources that point at one repository URL
 * (or have the same name when no URL is known) and report the same revision.
 */
export interface CommitRollout {
  revision: Revision;
  url?: string;
  commitUrl?: string;
  commitMessage?: string;
  sources: SourceRollout[];
  counts: Record<RolloutState, number>;
}

export function commitRollouts(rollouts: SourceRollout[]): CommitRollout[] {
  const byCommit = new Map<string, CommitRollout>();
  for (const rollout of rollouts) {
    const identity = rollout.revision.commit ?? rollout.revision.digest ?? rollout.revision.raw;
    const key = `${
      rollout.url ?? `${rollout.source.kind}/${rollout.source.namespace}/${rollout.source.name}`
    }|${identity}`;
    let commit = byCommit.get(key);
    if (!commit) {
      commit = {
        revision: rollout.revision,
        url: rollout.url,
        commitUrl: rollout.commitUrl,
        commitMessage: rollout.commitMessage,
        sources: [],
        counts: {
          applied: 0,
          'in-progress': 0,
          failed: 0,
          waiting: 0,
          behind: 0,
          suspended: 0,
          unknown: 0,
        },
      };
      byCommit.set(key, commit);
    }
    commit.sources.push(rollout);
    for (const kustomization of rollout.kustomizations) commit.counts[kustomization.state]++;
  }
  return [...byCommit.values()];
}
