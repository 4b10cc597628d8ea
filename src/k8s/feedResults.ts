import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import { ClusterIndex, ListedRecord } from '../model/clusterIndex';
import { PendingList } from '../model/visibility';
import { hotKinds, PlannedFeed } from './feedPlan';
import { FeedResult } from './KindFeed';
import { KindDemand, kindsInUse, ListedKind, listedKindKey } from './listedKinds';
import { RuntimeList, runtimeLists } from './runtimeLists';

/**
 * What the store host does with what its lists answered, apart from React:
 * answered or pending, plain objects per answer, the lists that answered
 * (for the index), and what the last index says is in use.
 */

/** Lists whose answer decides which other kinds exist (XR, claim, managed, ProviderConfig kinds). */
export const CATALOGUE_KEYS = [
  'crds',
  'apiextensions.crossplane.io/compositeresourcedefinitions',
  'pkg.crossplane.io/providerrevisions',
];

/** Plain JSON objects of one feed, each with its cluster, cached per result. */
const plainCache = new WeakMap<
  FeedResult,
  Array<{ raw: Record<string, unknown>; instance: KubeObject }>
>();
export function plainObjects(result: FeedResult) {
  let cached = plainCache.get(result);
  if (!cached) {
    cached = (result.items ?? []).map(instance => ({
      raw: { ...(instance.jsonData as Record<string, unknown>), cluster: instance.cluster },
      instance,
    }));
    plainCache.set(result, cached);
  }
  return cached;
}

/** A list has answered when it returned items or an error; until then it is pending. */
export function answered(result: FeedResult | undefined): result is FeedResult {
  return result !== undefined && (result.items !== null || result.errors.length > 0);
}

export function sameResult(a: FeedResult | undefined, b: FeedResult): boolean {
  return (
    a !== undefined &&
    a.items === b.items &&
    a.errors.length === b.errors.length &&
    a.errors.every(
      (error, i) => error.status === b.errors[i].status && error.message === b.errors[i].message
    )
  );
}

export function pendingOf(feed: PlannedFeed): PendingList {
  const list: PendingList = {
    cluster: feed.cluster,
    group: feed.spec.group,
    kind: feed.spec.kind || feed.spec.plural,
  };
  if (feed.namespace !== undefined) list.namespace = feed.namespace;
  return list;
}

/** What the last index says is in use, per cluster: the kinds to list beyond the fixed ones, and the runtime lists. */
export interface InUse {
  key: string;
  kinds: ReadonlyMap<string, ListedKind[]>;
  runtime: ReadonlyMap<string, RuntimeList[]>;
  /** `cluster|group|plural` of kinds with objects failing or in progress: watched first. */
  hot: ReadonlySet<string>;
}

export const NOTHING_IN_USE: InUse = {
  key: '',
  kinds: new Map(),
  runtime: new Map(),
  hot: new Set(),
};

export function inUseFrom(
  index: ClusterIndex,
  clusters: string[],
  crdsByCluster: ReadonlyMap<string, unknown[]>,
  demand: KindDemand
): InUse {
  const kinds = new Map<string, ListedKind[]>();
  const runtime = new Map<string, RuntimeList[]>();
  const hot = new Set<string>();
  const parts: string[] = [];
  for (const cluster of clusters) {
    const clusterKinds = kindsInUse(index, cluster, crdsByCluster.get(cluster), demand);
    const lists = runtimeLists(index, cluster);
    kinds.set(cluster, clusterKinds);
    runtime.set(cluster, lists);
    for (const key of hotKinds(index, cluster, clusterKinds)) hot.add(key);
    parts.push(
      `${cluster}:${clusterKinds.map(listedKindKey).join(',')}:${lists.map(l => l.id).join(',')}`
    );
  }
  return { key: `${parts.join(';')}#${[...hot].sort().join(',')}`, kinds, runtime, hot };
}

/** The lists that answered without error, for the index to tell "not there" from "not read". */
export function listedRecords(
  feeds: readonly PlannedFeed[],
  results: ReadonlyMap<string, FeedResult>
): ListedRecord[] {
  const records: ListedRecord[] = [];
  for (const feed of feeds) {
    if (feed.source !== 'kind' || !feed.spec.kind) continue;
    const result = results.get(feed.key);
    if (!answered(result) || result.errors.length) continue;
    const record: ListedRecord = {
      cluster: feed.cluster,
      group: feed.spec.group,
      kind: feed.spec.kind,
    };
    if (feed.labelSelector) record.labelSelector = feed.labelSelector;
    records.push(record);
  }
  return records;
}
