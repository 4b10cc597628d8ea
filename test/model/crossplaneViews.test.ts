import { buildIndex } from '../../src/model/clusterIndex';
import { crossplaneFeatures } from '../../src/model/crossplaneFeatures';
import { crossplaneRoleOf, kindIsRead } from '../../src/model/crossplaneRole';
import { ObjectRef } from '../../src/model/resource';
import {
  compositeKindRows,
  compositeRows,
  compositionRows,
  managedByProvider,
  packageRows,
  xrdRows,
} from '../../src/viewModels/crossplaneLists';
import { commitRoute, routeFor } from '../../src/views/routes';
import { loadFixture } from '../fixtures/load';

type Json = Record<string, unknown>;
const views = loadFixture('crossplane/views.yaml');
const index = buildIndex({ objects: views });

const ref = (group: string, kind: string, name: string, namespace = ''): ObjectRef => ({
  cluster: '',
  group,
  kind,
  namespace,
  name,
});

describe('Crossplane v2 and reconcile requests, from what the cluster shows', () => {
  const xrdV1: Json = {
    apiVersion: 'apiextensions.crossplane.io/v1',
    kind: 'CompositeResourceDefinition',
    metadata: { name: 'xs.example.org' },
    spec: { group: 'example.org', names: { kind: 'X', plural: 'xs' } },
  };
  const mrd: Json = {
    apiVersion: 'apiextensions.crossplane.io/v1alpha1',
    kind: 'ManagedResourceDefinition',
    metadata: { name: 'buckets.s3.aws.m.upbound.io' },
    spec: { group: 's3.aws.m.upbound.io', names: { kind: 'Bucket' }, state: 'Active' },
  };
  const handledMr: Json = {
    apiVersion: 's3.aws.m.upbound.io/v1beta1',
    kind: 'Bucket',
    metadata: { name: 'b', namespace: 'team-a' },
    spec: { forProvider: {} },
    status: { lastHandledReconcileAt: '2026-11-26T09:00:00Z' },
  };
  it.each<[string, Json[], string, boolean]>([
    ['nothing of Crossplane', [], 'unsupported', false],
    ['only v1 XRDs (Crossplane 1.x)', [xrdV1], 'unsupported', false],
    [
      'XRDs served at v2',
      [{ ...xrdV1, apiVersion: 'apiextensions.crossplane.io/v2' }],
      'assumed',
      true,
    ],
    ['ManagedResourceDefinitions', [mrd], 'assumed', true],
    ['a namespaced managed resource', [{ ...handledMr, status: {} }, mrd], 'assumed', true],
    [
      'an object reporting status.lastHandledReconcileAt (≥ 2.3)',
      [mrd, handledMr],
      'confirmed',
      true,
    ],
  ])('%s', (_case, objects, reconcileRequests, v2) => {
    const features = crossplaneFeatures(buildIndex({ objects }), '');
    expect(features.reconcileRequests).toBe(reconcileRequests);
    expect(features.v2).toBe(v2);
  });

  it('says why', () => {
    expect(crossplaneFeatures(index, '').evidence).toEqual([
      'XRDs are served at apiextensions.crossplane.io/v2',
      'composite resources use the v2 spec.crossplane layout',
      'namespaced managed resources exist',
    ]);
  });
});

describe('what a referenced object is, found or not', () => {
  it.each<[string, ObjectRef, string | undefined]>([
    ['a claim found', ref('nop.example.org', 'NopResource', 'ext-functions', 'default'), 'claim'],
    [
      'a claim gone: its XRD says',
      ref('nop.example.org', 'NopResource', 'gone-claim', 'default'),
      'claim',
    ],
    [
      'an MR gone: its provider serves the group',
      ref('nop.crossplane.io', 'NopResource', 'nope'),
      'managed',
    ],
    [
      'a ProviderConfig gone',
      ref('nop.crossplane.io', 'ProviderConfig', 'team-a'),
      'provider-config',
    ],
    [
      'a Composition gone',
      ref('apiextensions.crossplane.io', 'Composition', 'nope'),
      'composition',
    ],
    ['a FunctionRevision', ref('pkg.crossplane.io', 'FunctionRevision', 'x'), 'package-revision'],
    [
      'a Flux object',
      ref('kustomize.toolkit.fluxcd.io', 'Kustomization', 'xp-apis', 'flux-system'),
      undefined,
    ],
    ['a ConfigMap', ref('', 'ConfigMap', 'cm', 'default'), undefined],
  ])('%s', (_case, target, role) => {
    expect(crossplaneRoleOf(index, target)).toBe(role);
  });

  it.each<[string, ObjectRef, boolean]>([
    ['a fixed kind', ref('pkg.crossplane.io', 'Function', 'x'), true],
    ['an XR kind from an XRD', ref('example.org', 'Test', 'x', 'default'), true],
    [
      'an MR kind of an installed provider',
      ref('nop.m.crossplane.io', 'NopResource', 'x', 'default'),
      true,
    ],
    [
      'a composed ConfigMap (not listed by the plugin)',
      ref('', 'ConfigMap', 'x', 'default'),
      false,
    ],
    ['an unknown custom kind', ref('other.example.com', 'Thing', 'x'), false],
  ])('reads %s: %s', (_case, target, read) => {
    expect(kindIsRead(index, target)).toBe(read);
  });
});

describe('routes', () => {
  it.each<[string, ObjectRef, Parameters<typeof routeFor>[1], Record<string, string> | undefined]>([
    [
      'an XRD (cluster-scoped: "-" for the namespace)',
      ref('apiextensions.crossplane.io', 'CompositeResourceDefinition', 'xs.example.org'),
      undefined,
      {
        objectCluster: '-',
        group: 'apiextensions.crossplane.io',
        kind: 'CompositeResourceDefinition',
        namespace: '-',
        name: 'xs.example.org',
      },
    ],
    [
      'a ProviderConfig without the index',
      { ...ref('aws.upbound.io', 'ProviderConfig', 'default'), cluster: 'prod' },
      undefined,
      {
        objectCluster: 'prod',
        group: 'aws.upbound.io',
        kind: 'ProviderConfig',
        namespace: '-',
        name: 'default',
      },
    ],
    [
      'a claim, told by the index',
      ref('nop.example.org', 'NopResource', 'c', 'default'),
      'claim',
      {
        objectCluster: '-',
        group: 'nop.example.org',
        kind: 'NopResource',
        namespace: 'default',
        name: 'c',
      },
    ],
    [
      'a custom kind the index does not call Crossplane',
      ref('nop.example.org', 'NopResource', 'c', 'default'),
      undefined,
      undefined,
    ],
    ['a ConfigMap', ref('', 'ConfigMap', 'c', 'default'), 'other', undefined],
  ])('%s', (_case, target, role, params) => {
    const route = routeFor(target, role);
    expect(route?.params).toEqual(params);
    if (params) expect(route?.routeName).toBe('fc-xp-object');
  });

  it.each([
    ['b2e9c4d', { sha: 'b2e9c4d' }],
    [
      'B2E9C4D1A7F3E5C8D0B6A4F2E1C3D5B7A9F0E2C4',
      { sha: 'b2e9c4d1a7f3e5c8d0b6a4f2e1c3d5b7a9f0e2c4' },
    ],
    ['main', undefined],
    ['abc', undefined],
    ['javascript:alert(1)', undefined],
    [undefined, undefined],
  ])('commit page of %s', (sha, params) => {
    expect(commitRoute(sha)?.params).toEqual(params);
  });
});

describe('the list pages', () => {
  it('lists XRDs with their scope, kinds and use, the failing one first', () => {
    expect(
      xrdRows(index).map(row => [
        row.resource.name,
        row.status.health,
        row.scope,
        row.compositions,
        row.composites,
        row.claims,
      ])
    ).toEqual([
      ['xbuckets.storage.example.org', 'failing', 'Cluster', 0, 0, 0],
      ['clustertests.example.org', 'healthy', 'Cluster', 1, 1, 0],
      ['tests.example.org', 'healthy', 'Namespaced', 1, 1, 0],
      ['xnopresources.nop.example.org', 'healthy', 'LegacyCluster', 2, 2, 1],
    ]);
  });

  it('lists Compositions with their pipeline health and revisions, newest first', () => {
    const rows = compositionRows(index);
    expect(rows[0].resource.name).toBe('basic-composition-cluster');
    expect(rows[0].functionsHealth).toBe('failing');
    const parent = rows.find(row => row.resource.name === 'parent');
    expect(parent?.revisions.map(r => `#${r.number} ${r.resource.name}`)).toEqual([
      '#2 parent-8f3c2a1',
      '#1 parent-11aa22b',
    ]);
    expect(
      parent?.steps.map(step => `${step.step}:${step.functionName}:${step.status.health}`)
    ).toEqual([
      'be-a-dummy:function-dummy-ext-functions:healthy',
      'detect-readiness:function-auto-ready-ext-functions:healthy',
    ]);
    expect(parent?.usedBy).toBe(1);
    expect(parent?.xrd?.name).toBe('xnopresources.nop.example.org');
  });

  it('lists every XR and claim kind of every XRD scope', () => {
    expect(
      compositeKindRows(index).map(row => `${row.kind} ${row.role} ${row.scope} ${row.count}`)
    ).toEqual([
      'ClusterTest composite Cluster 1',
      'NopResource claim Namespaced 1',
      'Test composite Namespaced 1',
      'XBucket composite Cluster 0',
      'XNopResource composite LegacyCluster 2',
    ]);
  });

  it('relates each XR and claim to its claim, XR or parent', () => {
    const related = Object.fromEntries(
      compositeRows(index).map(row => [
        row.resource.name,
        `${row.relatedRelation ?? ''} ${row.related?.name ?? ''}`.trim(),
      ])
    );
    expect(related).toEqual({
      'basic-xr-cluster': '',
      'basic-xr-namespaced': '',
      'ext-functions': 'xr ext-functions-x7k2p',
      'ext-functions-x7k2p': 'claim ext-functions',
      'ext-functions-x7k2p-n8d4q': 'parent ext-functions-x7k2p',
    });
  });

  it('groups managed resources by provider', () => {
    const groups = managedByProvider(index);
    expect(
      groups.map(group => [
        group.provider?.name,
        group.groups.sort(),
        group.rows.length,
        group.failing,
      ])
    ).toEqual([['provider-nop', ['nop.crossplane.io', 'nop.m.crossplane.io'], 3, 1]]);
    const bucket = groups[0].rows[0];
    expect([
      bucket.resource.name,
      bucket.providerConfig?.name,
      bucket.providerConfigFound,
      bucket.owner?.name,
    ]).toEqual(['ext-functions-x7k2p-n8d4q-bucket', 'team-a', false, 'ext-functions-x7k2p-n8d4q']);
  });

  it('lists packages with their active revision and its health', () => {
    const rows = packageRows(index);
    expect(
      rows.map(
        row =>
          `${row.resource.kind} ${row.resource.name} ${row.status.health} ${
            row.active?.name ?? '-'
          }`
      )
    ).toEqual([
      'Function function-dummy-ext-cluster failing function-dummy-ext-cluster-9c1d2e',
      'Function function-auto-ready-ext-functions healthy function-auto-ready-ext-functions-77c0d1',
      'Function function-dummy-ext-basic healthy -',
      'Function function-dummy-ext-functions healthy function-dummy-ext-functions-5e3a1b',
      'Provider provider-nop healthy provider-nop-1a2b3c',
    ]);
  });
});
