import { ClusterIndex, ObjectRole } from '../model/clusterIndex';
import { CommitApplication, commitApplications } from '../model/commitApplications';
import { commitLink } from '../model/commitLink';
import { crossplaneRoleOf } from '../model/crossplaneRole';
import { lastAppliedOriginRevisionOf } from '../model/fluxSpec';
import { Health, healthRank, HealthSummary } from '../model/health';
import { HistoryEntry } from '../model/history';
import { inventoryEntryRef } from '../model/inventory';
import { lookUp } from '../model/join';
import { joinTree, sourceRefOf, walkTree } from '../model/join';
import { stringField } from '../model/json';
import { ObjectRef, refKey, Resource } from '../model/resource';
import { isHexSha, parseRevision, Revision } from '../model/revision';
import {
  KustomizationRollout,
  kustomizationRollout,
  RolloutOptions,
  SourceRollout,
  sourceRollouts,
} from '../model/rollout';

/**
 * One commit across the selected clusters: which Kustomizations applied it,
 * tried to, are still to, or moved past it; everything those applied; and
 * what of that still fails, down through what Crossplane composed.
 */

/** A commit named in a URL: 7 to 64 hex characters, lower case. Anything else is refused. */
export function normalizeSha(text: string | undefined): string | undefined {
  const sha = (text ?? '').trim().toLowerCase();
  return isHexSha(sha) ? sha : undefined;
}

/** The revision names this commit (full sha or a prefix of at least 7 characters). */
export function matchesCommit(revision: Revision | undefined, sha: string): boolean {
  return !!revision?.commit && revision.commit.startsWith(sha);
}

/**
 * How a Kustomization stands with the commit (its objects' liveness from `commitLiveness`):
 * - `applied`: its last applied revision is the commit, and nothing newer replaced its objects;
 * - `applied-unhealthy`: it applied the commit (its objects are live) and the health checks failed;
 * - `superseded`: it applied the commit once; a newer commit's objects (applied, not healthy) replaced them;
 * - `attempted`: it tried the commit and has not applied it (failed before applying, or still going);
 * - `pending`: its source is at the commit and it has not tried it yet (behind, waiting, suspended);
 * - `history`: the commit is only in its `status.history` — inferred: each entry is one manifest
 *   digest, labelled with the newest commit that produced it.
 */
export type CommitRelation =
  | 'applied'
  | 'applied-unhealthy'
  | 'superseded'
  | 'attempted'
  | 'pending'
  | 'history';

export interface CommitKustomization {
  rollout: KustomizationRollout;
  relation: CommitRelation;
  historyEntry?: HistoryEntry;
  /** What records the commit's application (status, a revision-carrying event, or a digest entry). */
  application?: CommitApplication;
}

export interface TouchedObject {
  ref: ObjectRef;
  resource?: Resource;
  role?: ObjectRole;
  status: HealthSummary;
  kustomization: Resource;
}

export interface FailingObject {
  ref: ObjectRef;
  resource?: Resource;
  status: HealthSummary;
  /** The applied object it belongs to (itself when it was applied directly). */
  appliedObject: ObjectRef;
  kustomization: Resource;
  /** Levels below the applied object (0 for the applied object). */
  depth: number;
}

export interface KindCount {
  group: string;
  kind: string;
  count: number;
  failing: number;
}

export interface CommitView {
  sha: string;
  /** The full sha when a source, Kustomization or history entry names it in full. */
  commit?: string;
  revision?: Revision;
  commitUrl?: string;
  message?: string;
  /** Sources whose current artifact is this commit. */
  sources: SourceRollout[];
  kustomizations: CommitKustomization[];
  touched: TouchedObject[];
  touchedByKind: KindCount[];
  failing: FailingObject[];
}

const FAILING: ReadonlySet<Health> = new Set<Health>(['failing', 'missing']);
const RELATION_ORDER: CommitRelation[] = [
  'attempted',
  'applied-unhealthy',
  'applied',
  'superseded',
  'pending',
  'history',
];
/** Relations whose Kustomization's inventory holds the commit's objects. */
const LIVE_RELATIONS: ReadonlySet<CommitRelation> = new Set<CommitRelation>([
  'applied',
  'applied-unhealthy',
]);

function relationOf(
  index: ClusterIndex,
  rollout: KustomizationRollout,
  sha: string
):
  | { relation: CommitRelation; historyEntry?: HistoryEntry; application?: CommitApplication }
  | undefined {
  const found = relationFromStatus(rollout, sha);
  const application = commitApplications(
    index,
    rollout.kustomization,
    sourceRefOf(rollout.kustomization)?.kind
  ).find(item => matchesCommit(item.revision, sha));
  if (found) return { ...found, application };
  // Flux events carry the revision: a commit applied and since replaced still shows there.
  if (application) return { relation: 'history', application };
  return undefined;
}

function relationFromStatus(
  rollout: KustomizationRollout,
  sha: string
): { relation: CommitRelation; historyEntry?: HistoryEntry } | undefined {
  const historyEntry = rollout.history.find(
    entry => matchesCommit(entry.revision, sha) || matchesCommit(entry.origin, sha)
  );
  const origin = parseRevision(
    lastAppliedOriginRevisionOf(rollout.kustomization.raw),
    'GitRepository'
  );
  const liveness = rollout.liveness;
  if (liveness.state === 'live-unhealthy' && matchesCommit(liveness.live, sha))
    return { relation: 'applied-unhealthy', historyEntry };
  if (matchesCommit(rollout.applied, sha) || matchesCommit(origin, sha)) {
    const replaced =
      liveness.state === 'live-unhealthy' &&
      !!liveness.live.raw &&
      !matchesCommit(liveness.live, sha);
    return { relation: replaced ? 'superseded' : 'applied', historyEntry };
  }
  if (matchesCommit(rollout.attempted, sha)) return { relation: 'attempted', historyEntry };
  if (matchesCommit(rollout.target, sha)) return { relation: 'pending', historyEntry };
  if (historyEntry) return { relation: 'history', historyEntry };
  return undefined;
}

export function commitView(
  index: ClusterIndex,
  sha: string,
  options: RolloutOptions = {}
): CommitView {
  const sources = sourceRollouts(index, options);
  const matchingSources = sources.filter(source => matchesCommit(source.revision, sha));
  const kustomizations: CommitKustomization[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const rollout of source.kustomizations) {
      seen.add(rollout.kustomization.key);
      const found = relationOf(index, rollout, sha);
      if (found) kustomizations.push({ rollout, ...found });
    }
  }
  // Kustomizations without a readable source still say which commit they applied.
  for (const kustomization of index.withRole('kustomization')) {
    if (seen.has(kustomization.key)) continue;
    const source = sourceRefOf(kustomization);
    const rollout = kustomizationRollout(
      index,
      kustomization,
      source ? index.get(source) : undefined,
      options
    );
    const found = relationOf(index, rollout, sha);
    if (found) kustomizations.push({ rollout, ...found });
  }
  kustomizations.sort(
    (a, b) =>
      RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) ||
      a.rollout.kustomization.cluster.localeCompare(b.rollout.kustomization.cluster) ||
      a.rollout.kustomization.namespace.localeCompare(b.rollout.kustomization.namespace) ||
      a.rollout.kustomization.name.localeCompare(b.rollout.kustomization.name)
  );

  const touched: TouchedObject[] = [];
  const failing: FailingObject[] = [];
  const byKind = new Map<string, KindCount>();
  for (const { rollout, relation } of kustomizations) {
    // The inventory is what the cluster runs: it holds this commit's objects only when they are live.
    if (!LIVE_RELATIONS.has(relation) && !matchesCommit(rollout.liveness.live, sha)) continue;
    const kustomization = rollout.kustomization;
    for (const entry of index.inventory(kustomization).entries) {
      const ref = inventoryEntryRef(entry, kustomization.cluster);
      const looked = lookUp(index, ref);
      touched.push({
        ref,
        resource: looked.resource,
        role: crossplaneRoleOf(index, ref),
        status: looked.status,
        kustomization,
      });
      const kindKey = `${ref.group}|${ref.kind}`;
      const count = byKind.get(kindKey) ?? {
        group: ref.group,
        kind: ref.kind,
        count: 0,
        failing: 0,
      };
      count.count++;
      if (FAILING.has(looked.status.health)) count.failing++;
      byKind.set(kindKey, count);
      if (!looked.resource) {
        if (FAILING.has(looked.status.health))
          failing.push({ ref, status: looked.status, appliedObject: ref, kustomization, depth: 0 });
        continue;
      }
      walkTree(joinTree(index, looked.resource, { followKustomizations: false }), (node, depth) => {
        if (node.relation === 'provider' || node.repeated) return;
        const status = node.resource ? node.status : lookUp(index, node.ref).status;
        if (FAILING.has(status.health))
          failing.push({
            ref: node.ref,
            resource: node.resource,
            status,
            appliedObject: ref,
            kustomization,
            depth,
          });
      });
    }
  }
  // An object below several applied ones (a Function in many pipelines) is listed once, nearest the top.
  const nearest = new Map<string, FailingObject>();
  for (const item of failing) {
    const key = refKey(item.ref);
    const known = nearest.get(key);
    if (!known || item.depth < known.depth) nearest.set(key, item);
  }
  failing.splice(0, failing.length, ...nearest.values());
  failing.sort(
    (a, b) =>
      healthRank(a.status.health) - healthRank(b.status.health) ||
      b.depth - a.depth ||
      a.ref.kind.localeCompare(b.ref.kind) ||
      a.ref.name.localeCompare(b.ref.name)
  );

  const named =
    matchingSources[0]?.revision ??
    kustomizations
      .map(k => k.rollout)
      .flatMap(r => [r.applied, r.attempted, r.target])
      .find(r => matchesCommit(r, sha)) ??
    kustomizations
      .flatMap(k => [k.historyEntry?.revision, k.application?.revision])
      .find(r => matchesCommit(r, sha));
  const url = stringField(
    matchingSources[0]?.sourceResource?.raw ??
      kustomizations
        .map(k => sourceRefOf(k.rollout.kustomization))
        .map(ref => (ref ? index.get(ref) : undefined))
        .find(source => source?.kind === 'GitRepository')?.raw,
    'spec',
    'url'
  );
  const commit = named?.commit;
  return {
    sha,
    commit,
    revision: named,
    commitUrl: matchingSources[0]?.commitUrl ?? commitLink(url, commit ?? sha, options.links),
    message: matchingSources.find(source => source.commitMessage)?.commitMessage,
    sources: matchingSources,
    kustomizations,
    touched,
    touchedByKind: [...byKind.values()].sort(
      (a, b) => b.failing - a.failing || b.count - a.count || a.kind.localeCompare(b.kind)
    ),
    failing,
  };
}
