import { K8s } from '@kinvolk/headlamp-plugin/lib';
import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildIndex, ClusterIndex } from '../model/clusterIndex';
import { CommitLinkSettings } from '../model/commitLink';
import { chooseServedVersion } from '../model/kinds';
import { dynamicKinds, FIXED_KINDS, ListedKind, listedKindKey } from '../model/listedKinds';
import { namespacesToList, runtimeNamespaces } from '../model/namespaceScope';
import { Resource } from '../model/resource';
import { RuntimeList, runtimeLists } from '../model/runtime';
import { ANY_KIND, PendingList, VisibilityGap } from '../model/visibility';
import { diagnose, DiagnosisReport } from '../rules';
import {
  linkSettings,
  PluginSettings,
  ruleSettings,
  usePluginSettings,
} from '../settings/pluginSettings';
import { publishData, useDataWanted, useDemand, usePublishedData } from './dataStore';
import { Discovery, useDiscovery } from './discovery';
import { CrdFeed, FeedResult, KindFeed, WarningEventFeed } from './KindFeed';
import { allowedNamespaces, useChosenNamespaces } from './namespaces';
import { ClassSpec } from './resourceClasses';
import { gapFromError, notServedGap, outsideNamespacesGap } from './visibility';

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
}

const EMPTY_INDEX = buildIndex({ objects: [] });

interface PlannedFeed {
  key: string;
  cluster: string;
  spec: ClassSpec;
  /** Controller Deployments and Pods are listed by label (and namespace), not whole. */
  labelSelector?: string;
  namespace?: string;
}

/** Where each cluster's namespaced kinds are listed (undefined: cluster-wide). */
type NamespacePlan = (cluster: string) => string[] | undefined;

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

interface FeedPlan {
  feeds: PlannedFeed[];
  gaps: VisibilityGap[];
}

/** Decides which lists to open: one per served kind per cluster; unserved kinds become gaps without a request. */
function planFeeds(
  clusters: string[],
  discovery: ReadonlyMap<string, Discovery>,
  kindsFor: (cluster: string) => ListedKind[],
  namespacesFor: NamespacePlan
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
      const feed: PlannedFeed = {
        key: `${cluster}|${listedKindKey(kind)}`,
        cluster,
        spec: {
          group: kind.group,
          version,
          kind: kind.kind,
          plural: kind.plural,
          namespaced: kind.namespaced,
        },
      };
      feeds.push(...scoped(feed, namespacesFor(cluster), gaps));
    }
  }
  return { feeds, gaps };
}

/** Deployments and Pods of the Flux and Crossplane controllers: a few label-selected lists per cluster. */
function planRuntimeFeeds(
  clusters: string[],
  discovery: ReadonlyMap<string, Discovery>,
  listsFor: (cluster: string) => RuntimeList[],
  namespacesFor: NamespacePlan
): FeedPlan {
  const gaps: VisibilityGap[] = [];
  const feeds = clusters.flatMap(cluster =>
    discovery.get(cluster)?.state === 'loading' || !discovery.get(cluster)
      ? []
      : listsFor(cluster).flatMap(list =>
          scoped(
            {
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
            },
            namespacesFor(cluster),
            gaps
          )
        )
  );
  // Several label-selected lists of one kind leave the same namespaces out: one gap says it.
  const unique = gaps.filter(
    (gap, i) =>
      gaps.findIndex(other => other.cluster === gap.cluster && other.kind === gap.kind) === i
  );
  return { feeds, gaps: unique };
}

/** Lists whose answer decides which other kinds exist (XR, claim, managed, ProviderConfig kinds). */
const CATALOGUE_KEYS = [
  'crds',
  'apiextensions.crossplane.io/compositeresourcedefinitions',
  'pkg.crossplane.io/providerrevisions',
];

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

/** A list has answered when it returned items or an error; until then it is pending. */
function answered(result: FeedResult | undefined): result is FeedResult {
  return result !== undefined && (result.items !== null || result.errors.length > 0);
}

function sameResult(a: FeedResult | undefined, b: FeedResult): boolean {
  return (
    a !== undefined &&
    a.items === b.items &&
    a.errors.length === b.errors.length &&
    a.errors.every(
      (error, i) => error.status === b.errors[i].status && error.message === b.errors[i].message
    )
  );
}

function pendingOf(feed: PlannedFeed): PendingList {
  const list: PendingList = {
    cluster: feed.cluster,
    group: feed.spec.group,
    kind: feed.spec.kind || feed.spec.plural,
  };
  if (feed.namespace !== undefined) list.namespace = feed.namespace;
  return list;
}

function useSelectedClusterNames(): string[] {
  const selected = K8s.useSelectedClusters();
  const current = K8s.useCluster();
  const names = selected.length ? selected : current ? [current] : [];
  const key = names.join('\n');
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}

/** Per cluster, where namespaced kinds are listed: objects by the chooser and allowed namespaces, controllers by allowed ones. */
function useNamespacePlans(clusters: string[]): {
  objects: NamespacePlan;
  runtime: NamespacePlan;
  key: string;
} {
  const chosen = useChosenNamespaces();
  const allowed = clusters.map(cluster => allowedNamespaces(cluster));
  const key = `${chosen.join(',')}|${allowed.map(list => list.join(',')).join(';')}`;
  return useMemo(() => {
    const byCluster = new Map(
      clusters.map((cluster, i) => [
        cluster,
        { objects: namespacesToList(chosen, allowed[i]), runtime: runtimeNamespaces(allowed[i]) },
      ])
    );
    return {
      objects: cluster => byCluster.get(cluster)?.objects,
      runtime: cluster => byCluster.get(cluster)?.runtime,
      key,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` summarizes chosen and allowed
  }, [clusters, key]);
}

/**
 * The lists and watches of the selected clusters and namespaces, and the one
 * index and diagnosis report built from them per data change, published to the
 * plugin's store. Mounted by the store host only while the data is wanted.
 */
function FluxCrossplaneFeeds() {
  const clusters = useSelectedClusterNames();
  const discovery = useDiscovery(clusters);
  const namespaces = useNamespacePlans(clusters);
  const settings = usePluginSettings();
  const results = useRef(new Map<string, FeedResult>());
  const [version, setVersion] = useState(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastBuildMs = useRef(0);

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
  useEffect(() => () => clearTimeout(pending.current), []);
  useEffect(() => () => publishData(undefined), []);

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
    const planned = planFeeds(
      clusters,
      discovery,
      cluster => [
        ...FIXED_KINDS,
        ...dynamicKinds(dynamicSource.index, cluster, dynamicSource.crdsByCluster.get(cluster)),
      ],
      namespaces.objects
    );
    const runtime = planRuntimeFeeds(
      clusters,
      discovery,
      cluster => runtimeLists(dynamicSource.index, cluster),
      namespaces.runtime
    );
    return {
      feeds: [...planned.feeds, ...runtime.feeds],
      gaps: [...planned.gaps, ...runtime.gaps],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- dynamicKey summarizes dynamicSource
  }, [clusters, discovery, dynamicKey, namespaces]);

  const data = useMemo<FluxCrossplaneData>(() => {
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
      if (!answered(result)) {
        waiting.push(pendingOf(feed));
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
    for (const cluster of clusters) {
      const catalogueWaiting =
        !answered(results.current.get(`${cluster}|crds`)) ||
        plan.feeds.some(
          feed =>
            feed.cluster === cluster &&
            CATALOGUE_KEYS.some(key => feed.key.startsWith(`${cluster}|${key}`)) &&
            !answered(results.current.get(feed.key))
        );
      if (catalogueWaiting && discovery.get(cluster)?.state !== 'loading')
        waiting.push({ cluster, group: ANY_KIND, kind: ANY_KIND });
      const events = results.current.get(`${cluster}|events`);
      if (events) objects.push(...plainObjects(events).map(o => o.raw));
    }
    const now = Date.now();
    const started = performance.now();
    const index =
      objects.length || gaps.length || waiting.length
        ? buildIndex({ objects, visibility: gaps, pending: waiting, clusters })
        : EMPTY_INDEX;
    const report = diagnose(index, { now, settings: ruleSettings(settings) });
    lastBuildMs.current = performance.now() - started;
    return {
      clusters,
      index,
      report,
      loading: waiting.length > 0,
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

  useEffect(() => publishData(data), [data]);

  return (
    <>
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

/** The plugin's data for a page (or the map): asks the store for its lists while mounted. */
export function useFluxCrossplane(): FluxCrossplaneData {
  useDemand();
  const published = usePublishedData();
  const placeholder = useNothingReadYet();
  return published ?? placeholder;
}

/** The data when the plugin's store holds some, else undefined; opens no list (Headlamp's own pages). */
export function useOptionalFluxCrossplane(): FluxCrossplaneData | undefined {
  return usePublishedData();
}
