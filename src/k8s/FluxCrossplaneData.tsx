import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildIndex, ClusterIndex } from '../model/clusterIndex';
import { CommitLinkSettings } from '../model/commitLink';
import { Resource } from '../model/resource';
import { ANY_KIND, PendingList, VisibilityGap } from '../model/visibility';
import { diagnose, DiagnosisReport } from '../rules';
import {
  linkSettings,
  PluginSettings,
  ruleSettings,
  usePluginSettings,
} from '../settings/pluginSettings';
import {
  publishData,
  useDataWanted,
  useDemand,
  useKindDemand,
  usePublishedData,
} from './dataStore';
import { useDiscovery } from './discovery';
import {
  assignWatches,
  planClusterFeeds,
  planKindFeeds,
  planRuntimeFeeds,
  POLL_INTERVAL_MS,
  POLLED_LISTS_AT_ONCE,
} from './feedPlan';
import {
  answered,
  CATALOGUE_KEYS,
  InUse,
  inUseFrom,
  listedRecords,
  NOTHING_IN_USE,
  pendingOf,
  plainObjects,
  sameResult,
} from './feedResults';
import { CrdFeed, FeedResult, KindFeed, WarningEventFeed } from './KindFeed';
import { FIXED_KINDS, listedKindKey } from './listedKinds';
import { RUNTIME_LISTS } from './runtimeLists';
import { useNamespacePlans, useSelectedClusterNames } from './selection';
import { gapFromError } from './visibility';

/** Everything a page reads: one index and one diagnosis report per data change. */
export interface FluxCrossplaneData {
  clusters: string[];
  index: ClusterIndex;
  report: DiagnosisReport;
  /** True until discovery and every list have answered once (which lists: `index.pending`). */
  loading: boolean;
  /** Discovery failures per cluster (the lists were still tried at default versions). */
  discoveryErrors: Array<{ cluster: string; message: string }>;
  settings: PluginSettings;
  links: CommitLinkSettings;
  /** The Headlamp object behind a model resource, for actions (patch goes to its own cluster). */
  objectFor(resource: Resource): KubeObject | undefined;
  now: number;
  /** The CustomResourceDefinitions read per cluster (the Flux version label when Deployments say nothing). */
  crdsByCluster?: ReadonlyMap<string, unknown[]>;
  /** How live the data is: lists watched, lists re-read on a timer (the watch budget), and the oldest re-read. */
  liveness?: DataLiveness;
}

export interface DataLiveness {
  watched: number;
  polled: number;
  intervalMs: number;
  /** When the least recent of the re-read lists last answered (undefined: one has not yet). */
  oldestReadAt(): number | undefined;
}

const EMPTY_INDEX = buildIndex({ objects: [] });

/**
 * The lists and watches of the selected clusters and namespaces, and the one
 * index and diagnosis report built from them per data change, published to the
 * plugin's store. Mounted by the store host only while the data is wanted.
 *
 * Kinds are listed because they are in use (`kindsInUse`, from the last index:
 * the XRDs, inventories and XRs it holds), so planning goes in rounds: fixed
 * kinds first, then what they name; until a round adds nothing, kinds not
 * listed yet are unknown (pending), never missing.
 */
function FluxCrossplaneFeeds() {
  const clusters = useSelectedClusterNames();
  const discovery = useDiscovery(clusters);
  const namespaces = useNamespacePlans(clusters);
  const settings = usePluginSettings();
  const demand = useKindDemand();
  const results = useRef(new Map<string, FeedResult>());
  const readAt = useRef(new Map<string, number>());
  const [version, setVersion] = useState(0);
  const [inUse, setInUse] = useState<InUse>(NOTHING_IN_USE);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastBuildMs = useRef(0);
  /** Which lists the last plan watched: they keep their sockets across re-plans (sticky). */
  const watchedBefore = useRef<ReadonlySet<string>>(new Set());

  const onResult = useCallback((key: string, result: FeedResult) => {
    // A re-render that brings nothing new (same items, same errors) is no data change.
    if (sameResult(results.current.get(key), result)) return;
    results.current.set(key, result);
    // Coalesce answers into one rebuild, and wait at least twice as long as the last
    // rebuild took, so a busy watch on a big cluster cannot keep the page rebuilding.
    if (pending.current === undefined) {
      const delay = Math.min(5000, Math.max(30, 2 * lastBuildMs.current));
      pending.current = setTimeout(() => {
        pending.current = undefined;
        setVersion(v => v + 1);
      }, delay);
    }
  }, []);
  const onRead = useCallback((key: string, at: number) => {
    readAt.current.set(key, at);
  }, []);
  useEffect(() => () => clearTimeout(pending.current), []);
  useEffect(() => () => publishData(undefined), []);

  const crdsByCluster = useMemo(() => {
    const byCluster = new Map<string, unknown[]>();
    for (const cluster of clusters) {
      const result = results.current.get(`${cluster}|crds`);
      if (result)
        byCluster.set(
          cluster,
          plainObjects(result).map(o => o.raw)
        );
    }
    return byCluster;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the change signal of the results ref
  }, [version, clusters]);

  const plan = useMemo(() => {
    const kinds = planKindFeeds(
      clusters,
      discovery,
      cluster => [...FIXED_KINDS, ...(inUse.kinds.get(cluster) ?? [])],
      namespaces.objects,
      (cluster, kind) => inUse.hot.has(`${cluster}|${listedKindKey(kind)}`)
    );
    const runtime = planRuntimeFeeds(
      clusters,
      discovery,
      cluster => inUse.runtime.get(cluster) ?? [...RUNTIME_LISTS],
      namespaces.runtime
    );
    const feeds = assignWatches(
      [...planClusterFeeds(clusters), ...kinds.feeds, ...runtime.feeds],
      undefined,
      watchedBefore.current
    );
    watchedBefore.current = new Set(feeds.filter(feed => feed.watch).map(feed => feed.key));
    return {
      feeds,
      gaps: [...kinds.gaps, ...runtime.gaps],
      considered: kinds.considered ?? new Set<string>(),
    };
  }, [clusters, discovery, inUse, namespaces]);

  const built = useMemo(() => {
    const objects: unknown[] = [];
    const instances = new WeakMap<object, KubeObject>();
    const gaps: VisibilityGap[] = [...plan.gaps];
    const waiting: PendingList[] = [];
    for (const cluster of clusters) {
      const known = discovery.get(cluster);
      if (known && known.state !== 'loading') continue;
      // Before discovery answers nothing is planned: every kind is unknown.
      for (const kind of FIXED_KINDS) waiting.push({ cluster, group: kind.group, kind: kind.kind });
      waiting.push({ cluster, group: ANY_KIND, kind: ANY_KIND });
    }
    for (const feed of plan.feeds) {
      const result = results.current.get(feed.key);
      if (feed.source === 'crds') continue;
      if (!answered(result)) {
        if (feed.source === 'kind') waiting.push(pendingOf(feed));
        continue;
      }
      if (feed.source === 'events') {
        objects.push(...plainObjects(result).map(o => o.raw));
        continue;
      }
      for (const error of result.errors) {
        const gap = gapFromError(error, feed.spec, feed.cluster);
        if (feed.namespace !== undefined && gap.namespace === undefined)
          gap.namespace = feed.namespace;
        // Several label-selected lists of one kind (Pods) fail alike: one gap says it.
        const repeated =
          feed.labelSelector !== undefined &&
          gaps.some(
            other =>
              other.cluster === gap.cluster &&
              other.group === gap.group &&
              other.kind === gap.kind &&
              other.namespace === gap.namespace &&
              other.reason === gap.reason
          );
        if (!repeated) gaps.push(gap);
      }
      for (const { raw, instance } of plainObjects(result)) {
        objects.push(raw);
        instances.set(raw, instance);
      }
    }
    const catalogueWaiting = (cluster: string) =>
      discovery.get(cluster)?.state !== 'loading' &&
      (!answered(results.current.get(`${cluster}|crds`)) ||
        plan.feeds.some(
          feed =>
            feed.cluster === cluster &&
            CATALOGUE_KEYS.some(key => feed.key.startsWith(`${cluster}|${key}`)) &&
            !answered(results.current.get(feed.key))
        ));
    for (const cluster of clusters)
      if (catalogueWaiting(cluster)) waiting.push({ cluster, group: ANY_KIND, kind: ANY_KIND });
    const listed = listedRecords(plan.feeds, results.current);
    const started = performance.now();
    const indexOf = (pendingLists: PendingList[]) =>
      objects.length || gaps.length || pendingLists.length
        ? buildIndex({ objects, visibility: gaps, pending: pendingLists, clusters, listed })
        : EMPTY_INDEX;
    let index = indexOf(waiting);
    // What this index names may need lists not planned yet: until they are, kinds not listed
    // are unknown in those clusters (the next round plans them).
    const next = inUseFrom(index, clusters, crdsByCluster, demand);
    const unplanned = clusters.filter(cluster =>
      (next.kinds.get(cluster) ?? []).some(
        kind => !plan.considered.has(`${cluster}|${listedKindKey(kind)}`)
      )
    );
    if (unplanned.length && unplanned.some(cluster => !catalogueWaiting(cluster)))
      index = indexOf([
        ...waiting,
        ...unplanned.map(cluster => ({ cluster, group: ANY_KIND, kind: ANY_KIND })),
      ]);
    return { index, instances, waiting: waiting.length + unplanned.length, next, started };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the change signal of the results ref
  }, [version, plan, clusters, discovery, crdsByCluster, demand]);

  useEffect(() => {
    if (built.next.key !== inUse.key) setInUse(built.next);
  }, [built.next, inUse.key]);

  const data = useMemo<FluxCrossplaneData>(() => {
    const now = Date.now();
    const { index, instances } = built;
    const report = diagnose(index, { now, settings: ruleSettings(settings) });
    lastBuildMs.current = performance.now() - built.started;
    const polled = plan.feeds.filter(feed => !feed.watch);
    return {
      clusters,
      index,
      report,
      loading: built.waiting > 0,
      discoveryErrors: clusters.flatMap(cluster => {
        const known = discovery.get(cluster);
        return known?.state === 'failed' ? [{ cluster, message: known.message }] : [];
      }),
      settings,
      links: linkSettings(settings),
      objectFor: resource => instances.get(resource.raw),
      now,
      crdsByCluster,
      liveness: {
        watched: plan.feeds.length - polled.length,
        polled: polled.length,
        intervalMs: POLL_INTERVAL_MS,
        oldestReadAt: () => {
          const times = polled.map(feed => readAt.current.get(feed.key));
          return times.some(time => time === undefined)
            ? undefined
            : Math.min(...(times as number[]));
        },
      },
    };
  }, [built, plan, clusters, discovery, settings, crdsByCluster]);

  useEffect(() => publishData(data), [data]);

  // Re-read lists start a batch at a time: the next batch once every started one has answered.
  const [polledStarted, setPolledStarted] = useState(POLLED_LISTS_AT_ONCE);
  const polledFeeds = useMemo(() => plan.feeds.filter(feed => !feed.watch), [plan]);
  useEffect(() => {
    if (polledStarted >= polledFeeds.length) return;
    const started = polledFeeds.slice(0, polledStarted);
    if (started.every(feed => answered(results.current.get(feed.key))))
      setPolledStarted(count => count + POLLED_LISTS_AT_ONCE);
  }, [version, polledFeeds, polledStarted]);
  const mounted = useMemo(() => {
    const later = new Set(polledFeeds.slice(polledStarted).map(feed => feed.key));
    return plan.feeds.filter(feed => !later.has(feed.key));
  }, [plan, polledFeeds, polledStarted]);

  return (
    <>
      {mounted.map(feed => {
        const common = {
          feedKey: feed.key,
          cluster: feed.cluster,
          onResult,
          onRead,
          ...(feed.watch ? {} : { refetchInterval: POLL_INTERVAL_MS }),
        };
        if (feed.source === 'events') return <WarningEventFeed key={feed.key} {...common} />;
        if (feed.source === 'crds') return <CrdFeed key={feed.key} {...common} />;
        return (
          <KindFeed
            key={feed.key}
            {...common}
            spec={feed.spec}
            labelSelector={feed.labelSelector}
            namespace={feed.namespace}
          />
        );
      })}
    </>
  );
}

/**
 * The store's host, mounted once for the whole plugin (a Headlamp UI panel that
 * renders nothing visible): its lists open when a page or the map wants data
 * and stay open across routes. Renders no DOM of its own.
 */
export function FluxCrossplaneStoreHost() {
  const wanted = useDataWanted();
  return wanted ? <FluxCrossplaneFeeds /> : <></>;
}

/** The host with content beside it, for tests that render pages without Headlamp's layout. */
export function FluxCrossplaneDataProvider({ children }: { children: React.ReactNode }) {
  return (
    <>
      <FluxCrossplaneStoreHost />
      {children}
    </>
  );
}

/** What a page sees before the store has published anything: every list pending. */
function useNothingReadYet(): FluxCrossplaneData {
  const clusters = useSelectedClusterNames();
  const settings = usePluginSettings();
  return useMemo(() => {
    const now = Date.now();
    const index = buildIndex({
      objects: [],
      clusters,
      pending: clusters.flatMap(cluster => [
        ...FIXED_KINDS.map(kind => ({ cluster, group: kind.group, kind: kind.kind })),
        { cluster, group: ANY_KIND, kind: ANY_KIND },
      ]),
    });
    return {
      clusters,
      index,
      report: diagnose(index, { now, settings: ruleSettings(settings) }),
      loading: true,
      discoveryErrors: [],
      settings,
      links: linkSettings(settings),
      objectFor: () => undefined,
      now,
    };
  }, [clusters, settings]);
}

/**
 * The plugin's data for a page (or the map): asks the store for its lists while mounted;
 * `allManaged` asks for every managed kind, not only those in use (the managed-resources page).
 */
export function useFluxCrossplane(options: { allManaged?: boolean } = {}): FluxCrossplaneData {
  useDemand(options);
  const published = usePublishedData();
  const placeholder = useNothingReadYet();
  return published ?? placeholder;
}

/** The data when the plugin's store holds some, else undefined; opens no list (Headlamp's own pages). */
export function useOptionalFluxCrossplane(): FluxCrossplaneData | undefined {
  return usePublishedData();
}
