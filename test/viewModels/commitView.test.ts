import { buildIndex } from '../../src/model/clusterIndex';
import { parseRevision } from '../../src/model/revision';
import { commitView, matchesCommit, normalizeSha } from '../../src/viewModels/commitView';
import { fluxCrossplaneGraph, mapStatus } from '../../src/viewModels/resourceMap';
import { loadFixture } from '../fixtures/load';

const C0 = '0aa1bb2cc3dd4ee5ff60718293a4b5c6d7e8f901';
const C1 = '4f1d2c3b5a6e7f8091a2b3c4d5e6f708192a3b4c';
const C2 = 'b2e9c4d1a7f3e5c8d0b6a4f2e1c3d5b7a9f0e2c4';
const index = buildIndex({ objects: loadFixture('crossplane/views.yaml') });

describe('a commit named in a URL', () => {
  it.each([
    ['b2e9c4d', 'b2e9c4d'],
    [` ${C2.toUpperCase()} `, C2],
    ['b2e9c4', undefined],
    ['main', undefined],
    ['../etc', undefined],
    [undefined, undefined],
  ])('%s → %s', (text, sha) => {
    expect(normalizeSha(text)).toBe(sha);
  });

  it.each([
    [`main@sha1:${C2}`, 'GitRepository', 'b2e9c4d', true],
    [`main@sha1:${C2}`, 'GitRepository', C2, true],
    [`main@sha1:${C2}`, 'GitRepository', 'b2e9c4e', false],
    [`main/${C1}`, 'GitRepository', '4f1d2c3', true],
    ['latest@sha256:b2e9c4d1a7f3b2e9c4d1a7f3', 'OCIRepository', 'b2e9c4d', false],
    ['', 'GitRepository', 'b2e9c4d', false],
  ])('%s (%s) names %s: %s', (raw, kind, sha, expected) => {
    expect(matchesCommit(parseRevision(raw, kind), sha)).toBe(expected);
  });
});

describe('one commit across the Kustomizations', () => {
  it.each<[string, string, Record<string, string>]>([
    [
      'the source’s current commit',
      C2.slice(0, 7),
      {
        'xp-apis': 'applied',
        // HealthCheckFailed: kustomize-controller applied it, then the health checks failed.
        'xp-claims': 'applied-unhealthy',
        monitoring: 'attempted',
        infra: 'pending',
        apps: 'pending',
      },
    ],
    [
      'the commit most Kustomizations run',
      C1,
      // xp-claims applied it once; the newer commit's objects (applied, unhealthy) replaced them.
      { 'xp-claims': 'superseded', infra: 'applied', monitoring: 'applied', 'xp-apis': 'history' },
    ],
    ['an old commit', C0, { apps: 'applied' }],
    ['a commit nobody knows', 'deadbee', {}],
  ])('%s', (_case, sha, relations) => {
    const view = commitView(index, sha);
    expect(
      Object.fromEntries(view.kustomizations.map(k => [k.rollout.kustomization.name, k.relation]))
    ).toEqual(relations);
  });

  it('lists what the current commit touched and what of it still fails, once each, deepest first', () => {
    const view = commitView(index, C2.slice(0, 7));
    expect(view.commit).toBe(C2);
    expect(view.commitUrl).toBe(`https://github.com/acme/platform/commit/${C2}`);
    expect(view.sources.map(source => source.source.name)).toEqual(['platform']);
    expect(view.touched).toHaveLength(19);
    expect(
      view.failing.map(f => `${f.ref.kind} ${f.ref.name} ${f.status.health} ${f.depth}`)
    ).toEqual([
      'NopResource ext-functions-x7k2p-n8d4q-bucket failing 3',
      'FunctionRevision function-dummy-ext-cluster-9c1d2e failing 1',
      'ClusterTest basic-xr-cluster failing 0',
      'CompositeResourceDefinition xbuckets.storage.example.org failing 0',
      'Function function-dummy-ext-cluster failing 0',
      'ProviderConfig team-a missing 4',
      'NopResource gone-claim missing 0',
    ]);
    const bucket = view.failing[0];
    expect([bucket.appliedObject.name, bucket.kustomization.name]).toEqual([
      'ext-functions',
      'xp-claims',
    ]);
    expect(view.touchedByKind.slice(0, 2)).toEqual([
      {
        group: 'apiextensions.crossplane.io',
        kind: 'CompositeResourceDefinition',
        count: 4,
        failing: 1,
      },
      { group: 'pkg.crossplane.io', kind: 'Function', count: 4, failing: 1 },
    ]);
  });

  it('touches nothing for a commit only in history', () => {
    const view = commitView(index, C0);
    expect(view.touched).toEqual([]);
    expect(view.commit).toBe(C0);
  });
});

describe('the map graph', () => {
  const graph = fluxCrossplaneGraph(index);
  const byName = new Map(graph.nodes.map(node => [node.ref.name, node]));

  it('links each Kustomization to what it applied and to what Crossplane composed', () => {
    const edge = (from: string, to: string) =>
      graph.edges.some(e => e.source === byName.get(from)?.id && e.target === byName.get(to)?.id);
    expect(edge('xp-claims', 'ext-functions')).toBe(true);
    expect(edge('ext-functions', 'ext-functions-x7k2p')).toBe(true);
    expect(edge('ext-functions-x7k2p-n8d4q', 'ext-functions-x7k2p-n8d4q-bucket')).toBe(true);
    expect(edge('xp-apis', 'xnopresources.nop.example.org')).toBe(true);
    // Kustomizations without Crossplane objects stay off this map.
    expect(byName.has('infra')).toBe(false);
    // Uids are the ids, so Headlamp's own nodes for the same objects merge.
    expect(byName.get('ext-functions-x7k2p-n8d4q-bucket')?.id).toBe('uid-mr-bucket');
  });

  it.each([
    ['ext-functions-x7k2p-n8d4q-bucket', 'error'],
    ['team-a', 'error'],
    ['gone-claim', 'error'],
    ['ext-functions', 'warning'],
    ['basic-xr-namespaced', 'success'],
    ['basic-xr-namespaced-cm', 'warning'],
    ['xp-apis', 'success'],
  ])('colours %s %s', (name, status) => {
    expect(byName.get(name)?.status).toBe(status);
  });

  it.each([
    ['healthy', 'success'],
    ['no-status', 'success'],
    ['failing', 'error'],
    ['missing', 'error'],
    ['progressing', 'warning'],
    ['not-visible', 'warning'],
  ] as const)('%s → %s', (health, status) => {
    expect(mapStatus(health)).toBe(status);
  });

  it('stops at maxNodes and says how many it left out', () => {
    const small = fluxCrossplaneGraph(index, { maxNodes: 5 });
    expect(small.nodes).toHaveLength(5);
    expect(small.omitted).toBeGreaterThan(0);
  });
});
