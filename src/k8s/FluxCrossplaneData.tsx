import { K8s } from '@kinvolk/headlamp-plugin/lib';
import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import React, {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { CommitLinkSettings } from '../model/commitLink';
import { buildIndex, ClusterIndex } from '../model/index';
import { chooseServedVersion } from '../model/kinds';
import { dynamicKinds, FIXED_KINDS, ListedKind, listedKindKey } from '../model/listedKinds';
import { Resource } from '../model/resource';
import { RuntimeList, runtimeLists } from '../model/runtime';
import { VisibilityGap } from '../model/visibility';
import { diagnose, DiagnosisReport } from '../rules';
import {
  linkSettings,
  PluginSettings,
  ruleSettings,
  usePluginSettings,
} from '../settings/pluginSettings';
import { Discovery, useDiscovery } from './discovery';
import { CrdFeed, FeedResult, KindFeed, WarningEventFeed } from './KindFeed';
import { ClassSpec } from './resourceClasses';
import { gapFromError, notServedGap } from './visibility';

/** Everything a page reads: one index and one diagnosis report per data change. */
export interface FluxCrossplaneData {
  clusters: string[];
  index: ClusterIndex;
  report: DiagnosisReport;
  /** True until discovery and every list have answered once. */
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
}

const EMPTY_INDEX = buildIndex({ objects: [] });
const DataContext = createContext<FluxCrossplaneData | undefined>(undefined);

interface PlannedFeed {
  key: string;
  cluster: string;
  spec: ClassSpec;
  /** Controller Deployments and Pods are listed by label (and namespace), not whole. */
  labelSelector?: string;
  namespace?: string;
}

interface FeedPlan {
  feeds: PlannedFeed[];
  gaps: VisibilityGap[];
}

/** Decides which lists to open: one per served kind per cluster; unserved kinds become gaps without a request. */
function planFeeds(
  clusters: string[],
  discovery: ReadonlyMap<string, Discovery>,
  kindsFor: (cluster: string) => ListedKind[]
): FeedPlan {
  const feeds: PlannedFeed[] = [];
  const gaps: VisibilityGap[] = [];
  for (const cluster of clusters) {
    const known = discovery.get(cluster);
    if (!known || known.state === 'loading') continue;
    for (const kind of kindsFor(cluster)) {
      let version: string | undefined;
      if (known.state === 'ready') {
        version = kind.versions.length
          ? chooseServedVersion(kind, known.served)
          : known.served.get(kind.group)?.[0];
        if (!version) {
          gaps.push(notServedGap(kind, cluster));
          continue;
        }
      } else {
        version = kind.versions[0];
        if (!version) continue;
      }
      feeds.push({
        key: `${cluster}|${listedKindKey(kind)}`,
        cluster,
        spec: {
          group: kind.group,
          version,
          kind: kind.kind,
          plural: kind.plural,
          namespaced: kind.namespaced,
        },
      });
    }
  }
  return { feeds, gaps };
}

/** Deployments and Pods of the Flux and Crossplane controllers: a few label-selected lists per cluster. */
function planRuntimeFeeds(
  clusters: string[],
  discovery: ReadonlyMap<string, Discovery>,
  listsFor: (cluster: string) => RuntimeList[]
): PlannedFeed[] {
  return clusters.flatMap(cluster =>
    discovery.get(cluster)?.state === 'loading' || !discovery.get(cluster)
      ? []
      : listsFor(cluster).map(list => ({
          key: `${cluster}|${list.id}`,
          cluster,
          spec: {
            group: list.group,
            version: list.version,
            kind: list.kind,
            plural: list.plural,
            namespaced: true,
          },
          ...(list.labelSelector ? { labelSelector: list.labelSelector } : {}),
          ...(list.namespace ? { namespace: list.namespace } : {}),
        }))
  );
}

/** Plain JSON objects of one feed, each with its cluster, cached per result. */
const plainCache = new WeakMap<
  FeedResult,
  Array<{ raw: Record<string, unknown>; instance: KubeObject }>
>();
function plainObjects(result: FeedResult) {
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

function useSelectedClusterNames(): string[] {
  const selected = K8s.useSelectedClusters();
  const current = K8s.useCluster();
  const names = selected.length ? selected : current ? [current] : [];
  const key = names.join('\n');
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}

export function FluxCrossplaneDataProvider({ children }: { children: React.ReactNode }) {
  const clusters = useSelectedClusterNames();
  const discovery = useDiscovery(clusters);
  const settings = usePluginSettings();
  const results = useRef(new Map<string, FeedResult>());
  const [version, setVersion] = useState(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastBuildMs = useRef(0);

  const onResult = useCallback((key: string, result: FeedResult) => {
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
  useEffect(() => () => clearTimeout(pending.current), []);

  // Dynamic kinds come from what the fixed lists and the CRD list returned.
  const dynamicSource = useMemo(() => {
    const objects: unknown[] = [];
    const crdsByCluster = new Map<string, unknown[]>();
    for (const [key, result] of results.current) {
      const [cluster, kindKey] = key.split('|');
      if (kindKey === 'crds') {
        crdsByCluster.set(
          cluster,
          plainObjects(result).map(o => o.raw)
        );
      } else if (
        kindKey === 'apiextensions.crossplane.io/compositeresourcedefinitions' ||
        kindKey === 'pkg.crossplane.io/providerrevisions' ||
        kindKey.startsWith('runtime/')
      ) {
        objects.push(...plainObjects(result).map(o => o.raw));
      }
    }
    return { index: buildIndex({ objects }), crdsByCluster };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the change signal of the results ref
  }, [version]);
  const dynamicKey = useMemo(
    () =>
      clusters
        .map(
          cluster =>
            `${cluster}:${dynamicKinds(
              dynamicSource.index,
              cluster,
              dynamicSource.crdsByCluster.get(cluster)
            )
              .map(listedKindKey)
              .join(',')}:${runtimeLists(dynamicSource.index, cluster)
              .map(list => list.id)
              .join(',')}`
        )
        .join(';'),
    [clusters, dynamicSource]
  );

  const plan = useMemo(() => {
    const planned = planFeeds(clusters, discovery, cluster => [
      ...FIXED_KINDS,
      ...dynamicKinds(dynamicSource.index, cluster, dynamicSource.crdsByCluster.get(cluster)),
    ]);
    return {
      feeds: [
        ...planned.feeds,
        ...planRuntimeFeeds(clusters, discovery, cluster =>
          runtimeLists(dynamicSource.index, cluster)
        ),
      ],
      gaps: planned.gaps,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- dynamicKey summarizes dynamicSource
  }, [clusters, discovery, dynamicKey]);

  const data = useMemo<FluxCrossplaneData>(() => {
    const objects: unknown[] = [];
    const instances = new WeakMap<object, KubeObject>();
    const gaps: VisibilityGap[] = [...plan.gaps];
    let loading = clusters.some(cluster => discovery.get(cluster)?.state === 'loading');
    for (const feed of plan.feeds) {
      const result = results.current.get(feed.key);
      if (!result) {
        loading = true;
        continue;
      }
      for (const error of result.errors) {
        const gap = gapFromError(error, feed.spec, feed.cluster);
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
    for (const cluster of clusters) {
      const events = results.current.get(`${cluster}|events`);
      if (events) objects.push(...plainObjects(events).map(o => o.raw));
    }
    const now = Date.now();
    const started = performance.now();
    const index =
      objects.length || gaps.length
        ? buildIndex({ objects, visibility: gaps, clusters })
        : EMPTY_INDEX;
    const report = diagnose(index, { now, settings: ruleSettings(settings) });
    lastBuildMs.current = performance.now() - started;
    return {
      clusters,
      index,
      report,
      loading,
      discoveryErrors: clusters.flatMap(cluster => {
        const known = discovery.get(cluster);
        return known?.state === 'failed' ? [{ cluster, message: known.message }] : [];
      }),
      settings,
      links: linkSettings(settings),
      objectFor: resource => instances.get(resource.raw),
      now,
      crdsByCluster: dynamicSource.crdsByCluster,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the change signal of the results ref
  }, [version, plan, clusters, discovery, settings, dynamicSource]);

  return (
    <DataContext.Provider value={data}>
      {plan.feeds.map(feed => (
        <KindFeed
          key={feed.key}
          feedKey={feed.key}
          spec={feed.spec}
          cluster={feed.cluster}
          labelSelector={feed.labelSelector}
          namespace={feed.namespace}
          onResult={onResult}
        />
      ))}
      {clusters.map(cluster => (
        <React.Fragment key={cluster}>
          <WarningEventFeed feedKey={`${cluster}|events`} cluster={cluster} onResult={onResult} />
          <CrdFeed feedKey={`${cluster}|crds`} cluster={cluster} onResult={onResult} />
        </React.Fragment>
      ))}
      {children}
    </DataContext.Provider>
  );
}

export function useFluxCrossplane(): FluxCrossplaneData {
  const data = useContext(DataContext);
  if (!data) throw new Error('useFluxCrossplane must be used inside <FluxCrossplaneDataProvider>');
  return data;
}

/** The data when inside a provider, else undefined (for pieces also used on Headlamp's own pages). */
export function useOptionalFluxCrossplane(): FluxCrossplaneData | undefined {
  return useContext(DataContext);
}

/** Wraps a page component in the data provider (used by every route). */
export function withData<P extends object>(Page: React.ComponentType<P>): React.ComponentType<P> {
  function WithData(props: P) {
    return (
      <FluxCrossplaneDataProvider>
        <Page {...props} />
      </FluxCrossplaneDataProvider>
    );
  }
  WithData.displayName = `WithData(${Page.displayName ?? Page.name})`;
  return WithData;
}
