import { describe, expect, it } from 'vitest';
import type { Discovery } from '../../src/k8s/discovery';
import {
  assignWatches,
  hotKinds,
  PAGE_WATCH_RESERVE,
  planClusterFeeds,
  planKindFeeds,
  planRuntimeFeeds,
  PRIORITY,
  STORE_WATCH_BUDGET,
  WATCH_BUDGET,
} from '../../src/k8s/feedPlan';
import { FIXED_KINDS, kindsInUse, listedKindKey } from '../../src/k8s/listedKinds';
import { RUNTIME_LISTS } from '../../src/k8s/runtimeLists';
import { buildIndex } from '../../src/model/clusterIndex';

/** A Crossplane-sized cluster: 500 XRDs (an XR and a claim kind each), 1,000 managed-resource CRDs. */
function bigCluster() {
  const crds: unknown[] = [];
  const objects: unknown[] = [];
  const inventory: Array<{ id: string; v: string }> = [];
  for (let i = 0; i < 1000; i++) {
    crds.push({
      spec: {
        group: `svc${i % 50}.aws.example.io`,
        scope: 'Cluster',
        names: { kind: `Thing${i}`, plural: `thing${i}s`, categories: ['crossplane', 'managed'] },
        versions: [{ name: 'v1beta1', served: true, storage: true }],
      },
    });
  }
  for (let i = 0; i < 500; i++) {
    const group = `p${i}.platform.example.org`;
    objects.push({
      apiVersion: 'apiextensions.crossplane.io/v2',
      kind: 'CompositeResourceDefinition',
      metadata: { name: `xapps.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { kind: `XApp${i}`, plural: `xapp${i}s` },
        claimNames: { kind: `App${i}`, plural: `app${i}s` },
        versions: [{ name: 'v1', served: true, referenceable: true }],
      },
    });
    inventory.push({ id: `team_app${i}_${group}_XApp${i}`, v: 'v1' });
  }
  // Ten XRs compose ten managed kinds (the other 990 have no objects in use).
  for (let i = 0; i < 10; i++) {
    objects.push({
      apiVersion: `p${i}.platform.example.org/v1`,
      kind: `XApp${i}`,
      metadata: { name: `app${i}`, namespace: 'team' },
      spec: {
        crossplane: {
          resourceRefs: [
            { apiVersion: `svc${i % 50}.aws.example.io/v1beta1`, kind: `Thing${i}`, name: `t${i}` },
          ],
        },
      },
      status: { conditions: [{ type: 'Ready', status: i < 3 ? 'False' : 'True' }] },
    });
  }
  inventory.push(
    { id: 'team_settings__ConfigMap', v: 'v1' },
    { id: 'team_web_apps_Deployment', v: 'v1' }
  );
  objects.push({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'claims', namespace: 'flux-system' },
    status: { inventory: { entries: inventory } },
  });
  const served = new Map<string, string[]>([
    ['', ['v1']],
    ['apps', ['v1']],
  ]);
  for (const kind of FIXED_KINDS)
    served.set(kind.group, [...new Set([...(served.get(kind.group) ?? []), ...kind.versions])]);
  for (let i = 0; i < 50; i++) served.set(`svc${i}.aws.example.io`, ['v1beta1']);
  for (let i = 0; i < 500; i++) served.set(`p${i}.platform.example.org`, ['v1']);
  const discovery = new Map<string, Discovery>([['big', { state: 'ready', served }]]);
  return { index: buildIndex({ objects, defaultCluster: 'big' }), crds, discovery };
}

function plan(
  clusters: string[],
  kinds: ReturnType<typeof kindsInUse>,
  discovery: Map<string, Discovery>,
  hot: ReadonlySet<string> = new Set()
) {
  const kindFeeds = planKindFeeds(
    clusters,
    discovery,
    () => [...FIXED_KINDS, ...kinds],
    () => undefined,
    (cluster, kind) => hot.has(`${cluster}|${listedKindKey(kind)}`)
  );
  const runtime = planRuntimeFeeds(
    clusters,
    discovery,
    () => [...RUNTIME_LISTS],
    () => undefined
  );
  return assignWatches([...planClusterFeeds(clusters), ...kindFeeds.feeds, ...runtime.feeds]);
}

describe('kinds in use within a watch budget', () => {
  const { index, crds, discovery } = bigCluster();

  it('lists the kinds in use, not every CRD: XR and claim kinds, the composed managed kinds, labelled Kubernetes kinds', () => {
    const kinds = kindsInUse(index, 'big', crds);
    // 1,000 XR and claim kinds, 10 managed kinds XRs compose, ConfigMaps and Deployments by Flux's label.
    expect(kinds.filter(kind => kind.origin === 'xrd')).toHaveLength(1000);
    expect(kinds.filter(kind => kind.origin === 'composed').map(kind => kind.kind)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Thing${i}`).sort()
    );
    expect(
      kinds.filter(kind => kind.labelSelector).map(kind => `${kind.kind} ?${kind.labelSelector}`)
    ).toEqual([
      'ConfigMap ?kustomize.toolkit.fluxcd.io/name',
      'Deployment ?kustomize.toolkit.fluxcd.io/name',
    ]);
    expect(kinds).toHaveLength(1012);
    // The managed-resources page asks for every managed kind while it is open (the ten composed
    // kinds among them, listed once).
    expect(kindsInUse(index, 'big', crds, { allManaged: true })).toHaveLength(2002);
  });

  it(`watches at most ${STORE_WATCH_BUDGET} lists (${WATCH_BUDGET} less what pages keep), whatever the number of kinds, and still reads every kind`, () => {
    expect(STORE_WATCH_BUDGET + PAGE_WATCH_RESERVE).toBe(40);
    const kinds = kindsInUse(index, 'big', crds, { allManaged: true });
    const feeds = plan(['big'], kinds, discovery, hotKinds(index, 'big', kinds));
    const watched = feeds.filter(feed => feed.watch);
    expect(watched).toHaveLength(STORE_WATCH_BUDGET);
    // Every kind in use and every fixed kind has its list (watched or re-read on a timer).
    expect(feeds.filter(feed => feed.source === 'kind').length).toBe(
      kinds.length + FIXED_KINDS.length + RUNTIME_LISTS.length
    );
    const watchedKinds = new Set(watched.map(feed => feed.spec.kind));
    for (const kind of [
      'Kustomization',
      'HelmRelease',
      'GitRepository',
      'Event',
      'Deployment',
      'Pod',
    ])
      expect(watchedKinds).toContain(kind);
    // XR kinds with objects not Ready come before the rest of the dynamic kinds.
    for (const hot of ['XApp0', 'XApp1', 'XApp2'])
      expect(feeds.find(feed => feed.spec.kind === hot)?.priority).toBeLessThan(
        feeds.find(feed => feed.spec.kind === 'XApp400')?.priority ?? 0
      );
  });

  it('keeps the budget across clusters: the second cluster’s least important lists are re-read, not watched', () => {
    const two = new Map([...discovery, ['other', discovery.get('big') as Discovery]]);
    const feeds = plan(['big', 'other'], kindsInUse(index, 'big', crds), two);
    expect(feeds.filter(feed => feed.watch)).toHaveLength(STORE_WATCH_BUDGET);
    expect(
      feeds.filter(feed => feed.watch && feed.cluster === 'other').map(feed => feed.spec.kind)
    ).toContain('Kustomization');
  });

  it('keeps a watch across a re-plan: a kind found later does not take the socket of one watched before', () => {
    const kinds = kindsInUse(index, 'big', crds);
    const before = plan(['big'], kinds, discovery);
    const watchedBefore = new Set(before.filter(feed => feed.watch).map(feed => feed.key));
    // A new dynamic kind whose key sorts first arrives (an XRD added): same tier as the watched ones.
    const arrival = {
      ...before.find(feed => feed.priority === PRIORITY.rest)!,
      key: 'big|a.example.org/aaas',
      watch: false,
    };
    const after = assignWatches([arrival, ...before], STORE_WATCH_BUDGET, watchedBefore);
    expect(new Set(after.filter(feed => feed.watch).map(feed => feed.key))).toEqual(watchedBefore);
    // Without the memory of the last plan, the newcomer would have taken a socket.
    expect(assignWatches([arrival, ...before]).find(feed => feed.key === arrival.key)?.watch).toBe(
      true
    );
  });
});
