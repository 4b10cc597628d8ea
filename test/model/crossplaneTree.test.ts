import { buildIndex } from '../../src/model/clusterIndex';
import {
  DiagnosedAs,
  finish,
  kustomizationCrossplaneTree,
  markRootCauses,
  objectTree,
  ownerChain,
  pathsToRootCauses,
  TreeGroup,
  XpNode,
} from '../../src/model/crossplaneTree';
import { ObjectRef, refKey } from '../../src/model/resource';
import { diagnose } from '../../src/rules';
import {
  openByDefault,
  TREE_PAGE_SIZE,
  visibleRows,
} from '../../src/viewModels/crossplaneTreeRows';
import { scaleCluster } from '../fixtures/crossplane/scale';
import { loadFixture } from '../fixtures/load';

const NOW = Date.parse('2026-11-26T10:00:00Z');
const index = buildIndex({ objects: loadFixture('crossplane/views.yaml') });
const report = diagnose(index, { now: NOW });

/** The rules' verdict, as the views compute it. */
function diagnosed(ref: ObjectRef): DiagnosedAs {
  const own = report.of(ref).filter(d => d.severity !== 'info');
  if (!own.length) return undefined;
  return own.some(d => !d.causes?.length) ? 'root' : 'symptom';
}

function kustomization(name: string) {
  const found = index.get({
    cluster: '',
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    namespace: 'flux-system',
    name,
  });
  if (!found) throw new Error(`no Kustomization ${name}`);
  return found;
}

/** `Kind name [health]` lines, indented by depth, with markers a person reads. */
function outline(nodes: XpNode[], depth = 0): string[] {
  return nodes.flatMap(node => [
    `${'  '.repeat(depth)}${node.group ?? `${node.ref?.kind} ${node.ref?.name}`} [${
      node.group ? node.worst : node.status.health
    }]${node.rootCause ? ' ROOT' : ''}${node.applied === false ? ' (context)' : ''}`,
    ...outline(node.children, depth + 1),
  ]);
}

function find(nodes: XpNode[], name: string): XpNode | undefined {
  for (const node of nodes) {
    if (node.ref?.name === name || node.group === name) return node;
    const below = find(node.children, name);
    if (below) return below;
  }
  return undefined;
}

describe('the Crossplane tree of a Kustomization', () => {
  const claims = kustomizationCrossplaneTree(index, kustomization('xp-claims'), { diagnosed });

  it('places each applied claim and XR under its XRD and Composition, down to ProviderConfig and Provider', () => {
    expect(claims.entries).toBe(4);
    expect(outline(claims.roots)).toEqual([
      'Definitions and their claims and composite resources [failing]',
      '  CompositeResourceDefinition clustertests.example.org [healthy] (context)',
      '    Composition basic-composition-cluster [no-status] (context)',
      '      Pipeline [failing]',
      '        Function function-dummy-ext-cluster [failing] ROOT',
      '      Claims and composite resources [failing]',
      '        ClusterTest basic-xr-cluster [failing]',
      '          NopResource basic-xr-cluster-7xk2m [healthy]',
      '            ProviderConfig default [no-status]',
      '              Provider provider-nop [healthy]',
      '  CompositeResourceDefinition xnopresources.nop.example.org [healthy] (context)',
      '    Composition parent [no-status] (context)',
      '      Pipeline [healthy]',
      '        Function function-dummy-ext-functions [healthy]',
      '        Function function-auto-ready-ext-functions [healthy]',
      '      Claims and composite resources [failing]',
      '        NopResource ext-functions [progressing]',
      '          XNopResource ext-functions-x7k2p [progressing]',
      '            XNopResource ext-functions-x7k2p-n8d4q [progressing]',
      '              NopResource ext-functions-x7k2p-n8d4q-bucket [failing] ROOT',
      '                ProviderConfig team-a [missing]',
      '                Provider provider-nop [healthy]',
      '    NopResource gone-claim [missing] ROOT',
      '  CompositeResourceDefinition tests.example.org [healthy] (context)',
      '    Composition basic-composition-namespaced [no-status] (context)',
      '      Pipeline [healthy]',
      '        Function function-dummy-ext-basic [healthy]',
      '      Claims and composite resources [healthy]',
      '        Test basic-xr-namespaced [healthy]',
      '          ConfigMap basic-xr-namespaced-cm [not-visible]',
      '          NopResource basic-xr-namespaced-nop [healthy]',
      '            ClusterProviderConfig default [no-status]',
      '              Provider provider-nop [healthy]',
    ]);
  });

  it.each([
    [
      'NopResource/ext-functions',
      'ext-functions',
      ['Synced', 'True', 'ReconcileSuccess'],
      'Claim is waiting for composite resource to become Ready',
    ],
    [
      'the MR: Synced decides before Ready (trace precedence), message whole',
      'ext-functions-x7k2p-n8d4q-bucket',
      ['Synced', 'False', 'ReconcileError'],
      'connect failed: cannot get referenced ProviderConfig: ProviderConfig.nop.crossplane.io "team-a" not found',
    ],
    [
      'the Function: Installed and Healthy',
      'function-dummy-ext-cluster',
      ['Installed', 'True', 'ActivePackageRevision'],
      'post establish runtime hook failed for package: deployment function-dummy-ext-cluster-9c1d2e is unavailable: Deployment does not have minimum availability.',
    ],
  ])(
    'shows conditions and the whole message: %s',
    (_case, name, [type, status, reason], message) => {
      const node = find(claims.roots, name);
      expect(node?.conditions[0]).toEqual({ type, status, reason, stale: false });
      expect(node?.status.message).toBe(message);
    }
  );

  it('tells the facts of each level: XRD kinds and scope, Composition mode and revision, pipeline steps', () => {
    const xrd = find(claims.roots, 'xnopresources.nop.example.org');
    expect(xrd?.facts).toEqual([
      { label: 'Defines', value: 'XNopResource (nop.example.org)' },
      { label: 'Claim kind', value: 'NopResource' },
      { label: 'Scope', value: 'LegacyCluster' },
    ]);
    expect(find(claims.roots, 'parent')?.facts).toEqual([
      { label: 'Mode', value: 'Pipeline' },
      { label: 'For', value: 'XNopResource' },
      { label: 'Current revision', value: 'parent-8f3c2a1 (#2)' },
    ]);
    expect(find(claims.roots, 'function-auto-ready-ext-functions')?.facts[0]).toEqual({
      label: 'Step',
      value: 'detect-readiness',
    });
    expect(find(claims.roots, 'ext-functions-x7k2p-n8d4q')?.facts).toContainEqual({
      label: 'Resource name',
      value: 'nested-xr',
    });
  });

  it('counts each level and treats objects without status as fine', () => {
    // The legacy XRD holds its Composition (no status by design: fine) and the gone claim.
    expect(find(claims.roots, 'xnopresources.nop.example.org')?.childCounts).toEqual([
      { health: 'missing', count: 1 },
      { health: 'healthy', count: 1 },
    ]);
    const namespaced = find(claims.roots, 'basic-xr-namespaced');
    expect(namespaced?.worst).toBe('healthy');
    expect(namespaced?.size).toBe(4);
  });

  it('shows XRDs, Compositions, packages and ProviderConfigs applied directly', () => {
    const apis = kustomizationCrossplaneTree(index, kustomization('xp-apis'), { diagnosed });
    expect(apis.entries).toBe(15);
    expect(apis.roots.map(root => root.group)).toEqual([
      'Definitions and their claims and composite resources',
      'Packages',
      'Other Crossplane objects',
    ]);
    expect(find(apis.roots, 'xbuckets.storage.example.org')?.rootCause).toBe(true);
    expect(find(apis.roots, 'Packages')?.childCounts).toEqual([
      { health: 'failing', count: 1 },
      { health: 'healthy', count: 4 },
    ]);
  });

  it('has no Crossplane section for a Kustomization without Crossplane objects', () => {
    expect(kustomizationCrossplaneTree(index, kustomization('infra')).entries).toBe(0);
  });
});

describe('root causes', () => {
  const leaf = (
    name: string,
    health: 'failing' | 'healthy' | 'missing' | 'progressing'
  ): XpNode => ({
    id: name,
    ref: { cluster: '', group: 'g', kind: 'K', namespace: '', name },
    presence: health === 'missing' ? 'missing' : 'found',
    role: 'managed',
    relation: 'composed',
    status: { health, reason: '', message: '' },
    conditions: [],
    facts: [],
    children: [],
    worst: health,
    childCounts: [],
    size: 0,
    rootCause: false,
  });
  const branch = (node: XpNode, ...children: XpNode[]) => ({ ...node, children });

  it.each<[string, XpNode, Record<string, DiagnosedAs>, string[]]>([
    [
      'the rules name the MR: the MR, not its missing ProviderConfig below',
      branch(leaf('xr', 'progressing'), branch(leaf('mr', 'failing'), leaf('pc', 'missing'))),
      { mr: 'root', xr: 'symptom' },
      ['mr'],
    ],
    [
      'no diagnosis: the deepest failing object',
      branch(leaf('xr', 'progressing'), branch(leaf('mr', 'failing'), leaf('pc', 'missing'))),
      {},
      ['pc'],
    ],
    [
      'a symptom whose cause is elsewhere: nothing marked here',
      branch(leaf('xr', 'failing'), leaf('mr', 'healthy')),
      { xr: 'symptom' },
      [],
    ],
    [
      'a diagnosis on a healthy object starts no branch',
      branch(leaf('xr', 'healthy'), leaf('mr', 'healthy')),
      { xr: 'root' },
      [],
    ],
    [
      'two failing branches: one mark each',
      branch(leaf('xr', 'progressing'), leaf('a', 'failing'), leaf('b', 'missing')),
      {},
      ['a'],
    ],
  ])('%s', (_case, tree, verdicts, expected) => {
    const root = finish(tree);
    markRootCauses([root], ref => verdicts[ref.name]);
    const marked: string[] = [];
    const walk = (node: XpNode) => {
      if (node.rootCause && node.ref) marked.push(node.ref.name);
      node.children.forEach(walk);
    };
    walk(root);
    expect(marked).toEqual(expected);
  });
});

describe('rows on screen', () => {
  const group = (id: string, children: XpNode[]): XpNode =>
    finish({
      id,
      group: id as TreeGroup,
      presence: 'found',
      role: 'unknown',
      relation: 'group',
      status: { health: 'no-status', reason: '', message: '' },
      conditions: [],
      facts: [],
      children,
      worst: 'no-status',
      childCounts: [],
      size: 0,
      rootCause: false,
    });
  const object = (id: string, health: 'healthy' | 'failing', children: XpNode[] = []): XpNode => ({
    id,
    ref: { cluster: '', group: 'g', kind: 'K', namespace: '', name: id },
    presence: 'found',
    role: 'managed',
    relation: 'composed',
    status: { health, reason: '', message: '' },
    conditions: [],
    facts: [],
    children,
    worst: health,
    childCounts: [],
    size: 0,
    rootCause: false,
  });
  const many = (count: number, failing = 0) =>
    Array.from({ length: count }, (_, i) =>
      object(`o${String(i).padStart(4, '0')}`, i < failing ? 'failing' : 'healthy', [
        object(`o${i}-child`, i < failing ? 'failing' : 'healthy'),
      ])
    );

  it.each<[string, number, number, (id: string) => number, number, number]>([
    ['a short list shows whole', 10, 0, () => TREE_PAGE_SIZE, 1 + 10, 0],
    ['a long list is windowed with a "more" row', 120, 0, () => TREE_PAGE_SIZE, 1 + 50 + 1, 70],
    [
      '"show more" widens the window',
      120,
      0,
      id => (id === 'top' ? 100 : TREE_PAGE_SIZE),
      1 + 100 + 1,
      20,
    ],
    [
      'failing branches open (and sort first), healthy ones stay collapsed',
      120,
      3,
      () => TREE_PAGE_SIZE,
      1 + 50 + 3 + 1,
      70,
    ],
  ])('%s', (_case, count, failing, shown, rows, remaining) => {
    const roots = [group('top', many(count, failing))];
    const result = visibleRows(roots, openByDefault, shown);
    expect(result).toHaveLength(rows);
    const more = result.find(row => row.type === 'more');
    expect(more?.type === 'more' ? more.remaining : 0).toBe(remaining);
  });

  it('keeps a 2,500-node tree to a few dozen rows', () => {
    const scale = scaleCluster({ claims: 500, failing: 2, otherEntries: 10 });
    const scaleIndex = buildIndex({ objects: scale.objects });
    const ks = scaleIndex.withRole('kustomization')[0];
    const model = kustomizationCrossplaneTree(scaleIndex, ks);
    expect(model.size).toBeGreaterThan(2000);
    const rows = visibleRows(model.roots);
    expect(rows.length).toBeLessThan(100);
    expect(pathsToRootCauses(model.roots).size).toBeGreaterThan(0);
  });
});

describe('any object: up and down', () => {
  const get = (group: string, kind: string, namespace: string, name: string) => {
    const found = index.get({ cluster: '', group, kind, namespace, name });
    if (!found) throw new Error(name);
    return found;
  };

  it.each([
    [
      'an MR composed by a nested XR of a claim',
      get('nop.crossplane.io', 'NopResource', '', 'ext-functions-x7k2p-n8d4q-bucket'),
      [
        'XNopResource ext-functions-x7k2p-n8d4q controller',
        'XNopResource ext-functions-x7k2p controller',
        'NopResource ext-functions claim',
      ],
    ],
    [
      'a v2 namespaced MR',
      get('nop.m.crossplane.io', 'NopResource', 'default', 'basic-xr-namespaced-nop'),
      ['Test basic-xr-namespaced controller'],
    ],
    [
      'a Composition revision',
      get('apiextensions.crossplane.io', 'CompositionRevision', '', 'parent-8f3c2a1'),
      ['Composition parent composition'],
    ],
    [
      'a package revision',
      get('pkg.crossplane.io', 'ProviderRevision', '', 'provider-nop-1a2b3c'),
      ['Provider provider-nop package'],
    ],
    [
      'a claim has nothing above',
      get('nop.example.org', 'NopResource', 'default', 'ext-functions'),
      [],
    ],
  ])('%s', (_case, resource, expected) => {
    expect(
      ownerChain(index, resource).map(link => `${link.ref.kind} ${link.ref.name} ${link.relation}`)
    ).toEqual(expected);
  });

  it('draws the tree below an XR with its root cause', () => {
    const xr = get('nop.example.org', 'XNopResource', '', 'ext-functions-x7k2p');
    const tree = objectTree(index, xr, { diagnosed });
    expect(outline([tree]).slice(0, 4)).toEqual([
      'XNopResource ext-functions-x7k2p [progressing]',
      '  XNopResource ext-functions-x7k2p-n8d4q [progressing]',
      '    NopResource ext-functions-x7k2p-n8d4q-bucket [failing] ROOT',
      '      ProviderConfig team-a [missing]',
    ]);
    expect(refKey(tree.ref as ObjectRef)).toBe(refKey(xr));
  });
});
