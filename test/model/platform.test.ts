import { buildIndex } from '../../src/model/clusterIndex';
import { healthOf } from '../../src/model/health';
import { JoinNode, joinTree, walkTree } from '../../src/model/join';
import { provenanceOf } from '../../src/model/provenance';
import { commitRollouts, sourceRollouts } from '../../src/model/rollout';
import { loadFixture } from '../fixtures/load';

const platform = loadFixture('platform.yaml');
const NOW = Date.parse('2026-11-26T10:00:00Z');
const KS = 'kustomize.toolkit.fluxcd.io';

function index(
  objects = platform,
  visibility = [] as Parameters<typeof buildIndex>[0]['visibility']
) {
  return buildIndex({ objects, visibility });
}

function get(
  idx: ReturnType<typeof index>,
  group: string,
  kind: string,
  namespace: string,
  name: string
) {
  const found = idx.get({ cluster: '', group, kind, namespace, name });
  if (!found) throw new Error(`fixture lacks ${kind} ${name}`);
  return found;
}

/** `Kind name [health]` lines, indented by depth: what the tree view and the CLI show. */
function outline(node: JoinNode): string[] {
  const lines: string[] = [];
  walkTree(node, (n, depth) =>
    lines.push(
      `${'  '.repeat(depth)}${n.ref.kind} ${n.ref.name} [${
        n.presence === 'found' ? n.status.health : n.presence
      }]`
    )
  );
  return lines;
}

describe('the cluster index', () => {
  const idx = index();

  it('classifies every object by what it is to the product', () => {
    const roles = Object.fromEntries(idx.resources.map(r => [`${r.kind}/${r.name}`, idx.role(r)]));
    expect(roles).toMatchObject({
      'GitRepository/crossplane-configs': 'source',
      'Kustomization/crossplane-apis': 'kustomization',
      'CompositeResourceDefinition/xnopresources.nop.example.org': 'xrd',
      'Composition/parent': 'composition',
      'Function/function-dummy-ext-functions': 'package',
      'FunctionRevision/function-dummy-ext-functions-5e3a1b': 'package-revision',
      'NopResource/ext-functions': 'claim',
      'XNopResource/ext-functions-x7k2p': 'composite',
      'NopResource/ext-functions-x7k2p-bucket': 'managed',
    });
  });

  it('keys objects by group, so a claim and an MR of the same kind name stay apart', () => {
    const claim = get(idx, 'nop.example.org', 'NopResource', 'default', 'ext-functions');
    const managed = get(idx, 'nop.crossplane.io', 'NopResource', '', 'ext-functions-x7k2p-bucket');
    expect(claim.key).not.toBe(managed.key);
  });

  it('finds objects through Flux labels, inventories, owners and events', () => {
    const apis = get(idx, KS, 'Kustomization', 'flux-system', 'crossplane-apis');
    expect(
      idx
        .labelledBy(apis)
        .map(r => r.name)
        .sort()
    ).toEqual([
      'function-auto-ready-ext-functions',
      'function-dummy-ext-functions',
      'parent',
      'provider-nop-ext-functions',
      'xnopresources.nop.example.org',
    ]);
    const xrd = get(
      idx,
      'apiextensions.crossplane.io',
      'CompositeResourceDefinition',
      '',
      'xnopresources.nop.example.org'
    );
    expect(idx.inventoryOwnersOf(xrd).map(k => k.name)).toEqual(['crossplane-apis']);
    const xr = get(idx, 'nop.example.org', 'XNopResource', '', 'ext-functions-x7k2p');
    expect(idx.ownedBy(xr).map(r => r.name)).toEqual(['ext-functions-x7k2p-bucket']);
    const managed = get(idx, 'nop.crossplane.io', 'NopResource', '', 'ext-functions-x7k2p-bucket');
    expect(idx.eventsFor(managed).map(e => e.reason)).toEqual(['CannotConnectToProvider']);
    expect(idx.dependentsOf(apis).map(k => k.name)).toEqual(['crossplane-claims']);
    expect(idx.compositionsFor('', 'nop.example.org', 'XNopResource').map(c => c.name)).toEqual([
      'parent',
    ]);
    expect(idx.xrLayout(xr)).toBe('legacy');
  });

  it('drops values that are not objects with a kind and a name, and keeps the first copy of a duplicate', () => {
    const duplicate = { ...platform[0], spec: { url: 'https://example.com/other.git' } };
    const messy = buildIndex({
      objects: [
        null,
        3,
        'x',
        [],
        { kind: 'X' },
        { metadata: { name: 'y' } },
        platform[0],
        duplicate,
      ],
    });
    expect(messy.resources).toHaveLength(1);
    expect(messy.resources[0].raw).toBe(platform[0]);
  });
});

describe('the joined tree', () => {
  const idx = index();

  it('goes from the definitions Kustomization to XRD → Composition → Functions and Provider → revision', () => {
    const apis = get(idx, KS, 'Kustomization', 'flux-system', 'crossplane-apis');
    expect(outline(joinTree(idx, apis))).toEqual([
      'Kustomization crossplane-apis [healthy]',
      '  CompositeResourceDefinition xnopresources.nop.example.org [healthy]',
      '    Composition parent [no-status]',
      '      Function function-dummy-ext-functions [healthy]',
      '        FunctionRevision function-dummy-ext-functions-5e3a1b [healthy]',
      '      Function function-auto-ready-ext-functions [healthy]',
      '  Composition parent [no-status]',
      '    Function function-dummy-ext-functions [healthy]',
      '      FunctionRevision function-dummy-ext-functions-5e3a1b [healthy]',
      '    Function function-auto-ready-ext-functions [healthy]',
      '  Function function-dummy-ext-functions [healthy]',
      '    FunctionRevision function-dummy-ext-functions-5e3a1b [healthy]',
      '  Function function-auto-ready-ext-functions [healthy]',
      '  Provider provider-nop-ext-functions [healthy]',
      '    ProviderRevision provider-nop-ext-functions-1a2b3c [healthy]',
    ]);
  });

  it('goes from the claims Kustomization down to the managed resource and its missing ProviderConfig, keeping the gone entry', () => {
    const claims = get(idx, KS, 'Kustomization', 'flux-system', 'crossplane-claims');
    expect(outline(joinTree(idx, claims))).toEqual([
      'Kustomization crossplane-claims [failing]',
      '  NopResource ext-functions [progressing]',
      '    XNopResource ext-functions-x7k2p [progressing]',
      '      NopResource ext-functions-x7k2p-bucket [failing]',
      '        ProviderConfig team-a [missing]',
      '        Provider provider-nop-ext-functions [healthy]',
      '  NopResource deleted-claim [missing]',
    ]);
  });

  it('shows entries whose kind could not be listed as not visible, not missing', () => {
    const idx403 = index(platform, [
      {
        cluster: '',
        group: 'nop.example.org',
        kind: 'NopResource',
        reason: 'forbidden',
        status: 403,
        message: 'forbidden',
      },
    ]);
    const claims = get(idx403, KS, 'Kustomization', 'flux-system', 'crossplane-claims');
    const gone = joinTree(idx403, claims).children.find(n => n.ref.name === 'deleted-claim');
    expect(gone?.presence).toBe('not-visible');
    expect(gone?.status.health).toBe('not-visible');
  });

  it('does not call an object of a kind it never reads missing', () => {
    const withConfigMap = platform.map(object =>
      (object.metadata as { name: string }).name === 'crossplane-apis' &&
      object.kind === 'Kustomization'
        ? {
            ...object,
            status: {
              ...(object.status as object),
              inventory: {
                entries: [{ id: 'crossplane-system_platform-settings__ConfigMap', v: 'v1' }],
              },
            },
          }
        : object
    );
    const idx2 = buildIndex({ objects: withConfigMap });
    const [entry] = joinTree(
      idx2,
      get(idx2, KS, 'Kustomization', 'flux-system', 'crossplane-apis')
    ).children;
    expect(entry.presence).toBe('not-visible');
    expect(entry.status).toEqual({
      health: 'not-visible',
      reason: 'NotRead',
      message: 'This kind is not read by this plugin.',
    });
  });

  it('stops at cycles instead of looping', () => {
    const a = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'a', namespace: 'ns' },
      status: {
        inventory: { entries: [{ id: 'ns_b_kustomize.toolkit.fluxcd.io_Kustomization', v: 'v1' }] },
      },
    };
    const b = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'b', namespace: 'ns' },
      status: {
        inventory: { entries: [{ id: 'ns_a_kustomize.toolkit.fluxcd.io_Kustomization', v: 'v1' }] },
      },
    };
    const cyclic = buildIndex({ objects: [a, b] });
    const root = joinTree(cyclic, get(cyclic, KS, 'Kustomization', 'ns', 'a'));
    expect(root.children[0].children[0].repeated).toBe(true);
  });
});

describe('provenance', () => {
  const idx = index();
  it('traces a composed managed resource up to the claim Flux applied, its source and the commit', () => {
    const managed = get(idx, 'nop.crossplane.io', 'NopResource', '', 'ext-functions-x7k2p-bucket');
    const provenance = provenanceOf(idx, managed);
    expect(provenance?.manager).toMatchObject({
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'crossplane-claims',
    });
    expect(provenance?.via.map(ref => `${ref.kind}/${ref.name}`)).toEqual([
      'NopResource/ext-functions-x7k2p-bucket',
      'XNopResource/ext-functions-x7k2p',
    ]);
    expect(provenance?.appliedObject).toMatchObject({
      kind: 'NopResource',
      namespace: 'default',
      name: 'ext-functions',
    });
    expect(provenance?.applied.short).toBe('main@77aa0e1');
    expect(provenance?.attempted.short).toBe('main@8a1f2c3');
    expect(provenance?.commitUrl).toBe(
      'https://github.com/acme/crossplane-configs/commit/77aa0e1f2c3d4e5f60718293a4b5c6d7e8f90123'
    );
  });
  it('says nothing for objects Flux did not apply', () => {
    const revision = get(
      idx,
      'pkg.crossplane.io',
      'ProviderRevision',
      '',
      'provider-nop-ext-functions-1a2b3c'
    );
    expect(provenanceOf(idx, revision)).toBeUndefined();
  });
});

describe('rollouts', () => {
  const idx = index();
  it('gives each Kustomization its state for the source commit, with Crossplane readiness', () => {
    const [rollout] = sourceRollouts(idx, { now: NOW });
    expect(rollout.revision.short).toBe('main@8a1f2c3');
    expect(rollout.commitUrl).toBe(
      'https://github.com/acme/crossplane-configs/commit/8a1f2c3d4e5f60718293a4b5c6d7e8f901234567'
    );
    const states = Object.fromEntries(
      rollout.kustomizations.map(k => [k.kustomization.name, k.state])
    );
    expect(states).toEqual({ 'crossplane-apis': 'applied', 'crossplane-claims': 'failed' });
    const apis = rollout.kustomizations.find(k => k.kustomization.name === 'crossplane-apis');
    expect(apis?.sinceTargetMs).toBe(60 * 60_000);
    expect(apis?.crossplane).toEqual([
      { role: 'xrd', total: 1, ready: 1, failing: 0, unknown: 0 },
      { role: 'composition', total: 1, ready: 1, failing: 0, unknown: 0 },
      { role: 'package', total: 3, ready: 3, failing: 0, unknown: 0 },
    ]);
    const claims = rollout.kustomizations.find(k => k.kustomization.name === 'crossplane-claims');
    expect(claims?.crossplane).toEqual([
      { role: 'claim', total: 2, ready: 0, failing: 0, unknown: 2 },
    ]);
    expect(apis?.history.map(h => `${h.revision.short} ${h.lastReconciledStatus}`)).toEqual([
      'main@8a1f2c3 ReconciliationSucceeded',
      'main@77aa0e1 ReconciliationSucceeded',
    ]);
  });

  it('lines up the same commit across clusters', () => {
    const twoClusters = buildIndex({
      objects: [
        ...loadFixture('platform.yaml', 'staging'),
        ...loadFixture('platform.yaml', 'production'),
      ],
    });
    const commits = commitRollouts(sourceRollouts(twoClusters, { now: NOW }));
    expect(commits).toHaveLength(1);
    expect(commits[0].sources.map(s => s.cluster)).toEqual(['staging', 'production']);
    expect(commits[0].counts).toMatchObject({ applied: 2, failed: 2 });
  });

  it('marks suspended Kustomizations suspended whatever their revision', () => {
    const suspended = platform.map(o =>
      (o.metadata as { name: string }).name === 'crossplane-apis' && o.kind === 'Kustomization'
        ? { ...o, spec: { ...(o.spec as object), suspend: true } }
        : o
    );
    const [rollout] = sourceRollouts(buildIndex({ objects: suspended }), { now: NOW });
    expect(
      rollout.kustomizations.find(k => k.kustomization.name === 'crossplane-apis')?.state
    ).toBe('suspended');
  });
});

describe('health', () => {
  const idx = index();
  it('reads Crossplane objects in trace order and Flux objects by Ready', () => {
    const managed = get(idx, 'nop.crossplane.io', 'NopResource', '', 'ext-functions-x7k2p-bucket');
    expect(healthOf(idx, managed)).toEqual({
      health: 'failing',
      reason: 'ReconcileError',
      message:
        'connect failed: cannot get referenced ProviderConfig: ProviderConfig.nop.crossplane.io "team-a" not found',
    });
    const claims = get(idx, KS, 'Kustomization', 'flux-system', 'crossplane-claims');
    expect(healthOf(idx, claims).reason).toBe('HealthCheckFailed');
  });

  it('reads a failing condition about an older generation as progressing, not failing', () => {
    const bucket = {
      apiVersion: 's3.aws.upbound.io/v1beta1',
      kind: 'Bucket',
      metadata: { name: 'b', generation: 3 },
      spec: { forProvider: {} },
      status: {
        conditions: [
          {
            type: 'Synced',
            status: 'False',
            reason: 'ReconcileError',
            observedGeneration: 2,
            message: 'old',
          },
        ],
      },
    };
    const idx2 = buildIndex({ objects: [bucket] });
    expect(healthOf(idx2, idx2.resources[0]).health).toBe('progressing');
  });
});
