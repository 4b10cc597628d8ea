import type { ClusterIndex } from '../model/clusterIndex';
import { chooseServedVersion, FLUX_SOURCE_GROUP } from '../model/kinds';
import type { Resource } from '../model/resource';
import { VisibilityGap } from '../model/visibility';
import type { Discovery } from './discovery';
import { ListedKind, listedKindKey } from './listedKinds';
import type { ClassSpec } from './resourceClasses';
import { RuntimeList } from './runtimeLists';
import { notServedGap, outsideNamespacesGap } from './visibility';

/**
 * Which lists the plugin opens, and which of them it watches. Pure: the store
 * host renders one feed per planned list.
 *
 * The watch budget (issue 13): every watch is one WebSocket in Headlamp 0.45
 * (no multiplexer unless Headlamp was built with it, which a plugin cannot
 * tell), Chromium allows 255 per browser, shared with Headlamp's own pages and
 * other tabs. The plugin watches at most `WATCH_BUDGET` lists at once, the ones
 * that matter most first; the rest are listed again every `POLL_INTERVAL_MS`
 * (Headlamp's `useList({ refetchInterval })`, which opens no socket).
 */
export const WATCH_BUDGET = 40;
/** Watches a page may open itself (the events next to the objects it shows), within the budget. */
export const PAGE_WATCH_RESERVE = 4;
/** What the store may watch: the budget less what pages keep for themselves. */
export const STORE_WATCH_BUDGET = WATCH_BUDGET - PAGE_WATCH_RESERVE;
export const POLL_INTERVAL_MS = 30_000;
/**
 * Re-read lists are started this many at a time (the next ones once these
 * answered): a thousand lists at once make Chromium refuse requests
 * (ERR_INSUFFICIENT_RESOURCES). Lists not started yet are pending: unknown.
 */
export const POLLED_LISTS_AT_ONCE = 50;

export type FeedSource = 'kind' | 'events' | 'crds';

export interface PlannedFeed {
  key: string;
  cluster: string;
  source: FeedSource;
  spec: ClassSpec;
  /** Only objects with these labels (controllers by their labels, applied objects by Flux's). */
  labelSelector?: string;
  namespace?: string;
  /** Lower is more important to keep live (see `assignWatches`). */
  priority: number;
  /** Set by `assignWatches`: watched (a WebSocket) or re-listed on a timer. */
  watch: boolean;
}

/** Where each cluster's namespaced kinds are listed (undefined: cluster-wide). */
export type NamespacePlan = (cluster: string) => string[] | undefined;

export interface FeedPlan {
  feeds: PlannedFeed[];
  gaps: VisibilityGap[];
  /** `cluster|listedKindKey` of every kind planned: a feed, a gap, or nothing to ask (not served). */
  considered?: ReadonlySet<string>;
}

/**
 * Watch priorities, most important first: what Flux reconciles, its sources,
 * the controllers (a controller down is the cause on everything it reconciles),
 * warning events, Crossplane's own kinds and the rest of Flux's, the CRD list,
 * kinds with objects failing or in progress, everything else.
 */
export const PRIORITY = {
  reconciled: 0,
  sources: 1,
  controllers: 2,
  events: 3,
  fixed: 4,
  crds: 5,
  hot: 6,
  rest: 7,
} as const;

function fixedPriority(group: string, kind: string): number {
  if (kind === 'Kustomization' || kind === 'HelmRelease') return PRIORITY.reconciled;
  if (group === FLUX_SOURCE_GROUP) return PRIORITY.sources;
  return PRIORITY.fixed;
}

/**
 * One feed per namespace when the lists are limited to some namespaces (the
 * chooser, allowed namespaces), else one cluster-wide; the namespaces left out
 * are a gap, so nothing outside them is taken for missing.
 */
function scoped(
  feed: PlannedFeed,
  namespaces: string[] | undefined,
  gaps: VisibilityGap[]
): PlannedFeed[] {
  if (!feed.spec.namespaced || namespaces === undefined) return [feed];
  if (feed.namespace !== undefined)
    return namespaces.includes(feed.namespace)
      ? [feed]
      : (gaps.push(outsideNamespacesGap(feed.spec, feed.cluster, namespaces)), []);
  gaps.push(outsideNamespacesGap(feed.spec, feed.cluster, namespaces));
  return namespaces.map(namespace => ({ ...feed, key: `${feed.key}|ns=${namespace}`, namespace }));
}

function settled(discovery: ReadonlyMap<string, Discovery>, cluster: string): boolean {
  const known = discovery.get(cluster);
  return !!known && known.state !== 'loading';
}

/**
 * One list per served kind per cluster (label-selected where the kind says so);
 * unserved kinds become gaps without a request. `isHot` tells the kinds with
 * objects failing or in progress, which are watched before the other dynamic kinds.
 */
export function planKindFeeds(
  clusters: string[],
  discovery: ReadonlyMap<string, Discovery>,
  kindsFor: (cluster: string) => ListedKind[],
  namespacesFor: NamespacePlan,
  isHot: (cluster: string, kind: ListedKind) => boolean = () => false
): FeedPlan {
  const feeds: PlannedFeed[] = [];
  const gaps: VisibilityGap[] = [];
  const considered = new Set<string>();
  for (const cluster of clusters) {
    const known = discovery.get(cluster);
    if (!known || known.state === 'loading') continue;
    for (const kind of kindsFor(cluster)) {
      considered.add(`${cluster}|${listedKindKey(kind)}`);
      let version: string | undefined;
      if (known.state === 'ready') {
        version = kind.versions.length
          ? chooseServedVersion(kind, known.served)
          : known.served.get(kind.group)?.[0];
        if (!version) {
          // A label-selected list of a kind another list reads whole says nothing new.
          if (!kind.labelSelector) gaps.push(notServedGap(kind, cluster));
          continue;
        }
      } else {
        version = kind.versions[0];
        if (!version) continue;
      }
      const feed: PlannedFeed = {
        key: `${cluster}|${listedKindKey(kind)}`,
        cluster,
        source: 'kind',
        spec: {
          group: kind.group,
          version,
          kind: kind.kind,
          plural: kind.plural,
          namespaced: kind.namespaced,
        },
        priority:
          kind.origin === 'fixed'
            ? fixedPriority(kind.group, kind.kind)
            : isHot(cluster, kind)
            ? PRIORITY.hot
            : PRIORITY.rest,
        watch: true,
      };
      if (kind.labelSelector) feed.labelSelector = kind.labelSelector;
      feeds.push(...scoped(feed, namespacesFor(cluster), gaps));
    }
  }
  return { feeds, gaps, considered };
}

/** Deployments and Pods of the Flux and Crossplane controllers: a few label-selected lists per cluster. */
export function planRuntimeFeeds(
  clusters: string[],
  discovery: ReadonlyMap<string, Discovery>,
  listsFor: (cluster: string) => RuntimeList[],
  namespacesFor: NamespacePlan
): FeedPlan {
  const gaps: VisibilityGap[] = [];
  const feeds = clusters.flatMap(cluster =>
    !settled(discovery, cluster)
      ? []
      : listsFor(cluster).flatMap(list => {
          const feed: PlannedFeed = {
            key: `${cluster}|${list.id}`,
            cluster,
            source: 'kind',
            spec: {
              group: list.group,
              version: list.version,
              kind: list.kind,
              plural: list.plural,
              namespaced: true,
            },
            priority: PRIORITY.controllers,
            watch: true,
          };
          if (list.labelSelector) feed.labelSelector = list.labelSelector;
          if (list.namespace) feed.namespace = list.namespace;
          return scoped(feed, namespacesFor(cluster), gaps);
        })
  );
  // Several label-selected lists of one kind leave the same namespaces out: one gap says it.
  const unique = gaps.filter(
    (gap, i) =>
      gaps.findIndex(other => other.cluster === gap.cluster && other.kind === gap.kind) === i
  );
  return { feeds, gaps: unique };
}

/** Warning events (evidence for the rules) and CRDs (which kinds exist) of each cluster. */
export function planClusterFeeds(clusters: string[]): PlannedFeed[] {
  return clusters.flatMap(cluster => [
    {
      key: `${cluster}|events`,
      cluster,
      source: 'events' as const,
      spec: { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
      priority: PRIORITY.events,
      watch: true,
    },
    {
      key: `${cluster}|crds`,
      cluster,
      source: 'crds' as const,
      spec: {
        group: 'apiextensions.k8s.io',
        version: 'v1',
        kind: 'CustomResourceDefinition',
        plural: 'customresourcedefinitions',
        namespaced: false,
      },
      priority: PRIORITY.crds,
      watch: true,
    },
  ]);
}

/**
 * Marks the `budget` most important feeds as watched and the rest as polled
 * (the store's budget by default: pages keep `PAGE_WATCH_RESERVE` for themselves).
 * Sticky: among the dynamic kinds (hot or not), a list watched before keeps its
 * watch, so a re-plan (a kind found, an object turning Ready) does not cut a
 * socket that may still be connecting. Otherwise stable: among equals, the
 * order of the plan (clusters in their order, kinds by key).
 */
export function assignWatches(
  feeds: PlannedFeed[],
  budget = STORE_WATCH_BUDGET,
  watchedBefore: ReadonlySet<string> = new Set()
): PlannedFeed[] {
  const tier = (feed: PlannedFeed) => Math.min(feed.priority, PRIORITY.hot);
  const order = feeds
    .map((feed, position) => ({ feed, position, kept: watchedBefore.has(feed.key) ? 0 : 1 }))
    .sort(
      (a, b) =>
        tier(a.feed) - tier(b.feed) ||
        a.kept - b.kept ||
        a.feed.priority - b.feed.priority ||
        a.position - b.position
    );
  const watched = new Set(order.slice(0, Math.max(0, budget)).map(({ feed }) => feed.key));
  return feeds.map(feed => ({ ...feed, watch: watched.has(feed.key) }));
}

/** An object that is failing or in progress, by its conditions alone (cheap: no rules). */
function isUnsettled(resource: Resource): boolean {
  return resource.conditions.some(
    condition =>
      (condition.type === 'Ready' || condition.type === 'Synced') && condition.status !== 'True'
  );
}

/**
 * `cluster|listedKindKey` of the dynamic kinds with objects failing or in
 * progress in the index: where change is likely, so watched first.
 */
export function hotKinds(index: ClusterIndex, cluster: string, kinds: ListedKind[]): Set<string> {
  const hot = new Set<string>();
  for (const kind of kinds) {
    if (kind.origin === 'fixed' || !kind.kind) continue;
    if (index.list(cluster, kind.group, kind.kind).some(isUnsettled))
      hot.add(`${cluster}|${listedKindKey(kind)}`);
  }
  return hot;
}
