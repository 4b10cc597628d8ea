import { kindsFromCrds, kindsInUse, ListedKind } from '../../src/k8s/listedKinds';
import { buildIndex } from '../../src/model/clusterIndex';
import { chooseServedVersion, parseApiGroupList } from '../../src/model/kinds';
import { loadFixture } from '../fixtures/load';

describe('served versions', () => {
  const served = parseApiGroupList({
    kind: 'APIGroupList',
    groups: [
      {
        name: 'helm.toolkit.fluxcd.io',
        versions: [
          { groupVersion: 'helm.toolkit.fluxcd.io/v2', version: 'v2' },
          { version: 'v2beta2' },
        ],
      },
      { name: 'notification.toolkit.fluxcd.io', versions: [{ version: 'v1' }] },
      { name: 'broken', versions: 'x' },
      'odd',
    ],
  });

  it('picks the newest known version the server serves', () => {
    expect(
      chooseServedVersion(
        { group: 'helm.toolkit.fluxcd.io', versions: ['v2', 'v2beta2', 'v2beta1'] },
        served
      )
    ).toBe('v2');
    expect(
      chooseServedVersion(
        { group: 'helm.toolkit.fluxcd.io', versions: ['v2beta2', 'v2beta1'] },
        served
      )
    ).toBe('v2beta2');
  });
  it('does not fall back to a version of the group the kind never had: the kind is not served', () => {
    // notification.toolkit.fluxcd.io/v1 serves Receivers; Alerts there would answer 404.
    expect(
      chooseServedVersion(
        { group: 'notification.toolkit.fluxcd.io', versions: ['v1beta3', 'v1beta2'] },
        served
      )
    ).toBeUndefined();
    expect(
      chooseServedVersion({ group: 'notification.toolkit.fluxcd.io', versions: ['v1'] }, served)
    ).toBe('v1');
  });
  it('says the group is not served when its CRDs are missing', () => {
    expect(
      chooseServedVersion({ group: 'kustomize.toolkit.fluxcd.io', versions: ['v1'] }, served)
    ).toBeUndefined();
  });
  it('always serves the core group and ignores malformed entries', () => {
    expect(served.get('')).toEqual(['v1']);
    expect(served.has('broken')).toBe(false);
    expect(parseApiGroupList(null).size).toBe(1);
  });
});

describe('kinds found at run time', () => {
  const describeKind = (kind: ListedKind) =>
    `${kind.group}/${kind.plural} ${kind.namespaced ? 'namespaced' : 'cluster'} (${kind.origin})${
      kind.labelSelector ? ` ?${kind.labelSelector}` : ''
    }`;
  it('reads the kinds in use: XR and claim kinds of XRDs, and the kinds inventories and XRs name', () => {
    const index = buildIndex({ objects: loadFixture('platform.yaml') });
    // No CRD list here: the managed kind an XR composes is found among the CRDs its provider revision installed.
    expect(kindsInUse(index, '', undefined).map(describeKind)).toEqual([
      'nop.crossplane.io/nopresources cluster (composed)',
      'nop.example.org/nopresources namespaced (xrd)',
      'nop.example.org/xnopresources cluster (xrd)',
    ]);
  });
  it('lists every managed kind of the provider revisions only while a reader asks for them', () => {
    const index = buildIndex({ objects: loadFixture('platform.yaml') });
    expect(kindsInUse(index, '', undefined, { allManaged: true }).map(describeKind)).toContain(
      'nop.crossplane.io/nopresources cluster (provider-revision)'
    );
  });
  it('lists Kubernetes kinds an inventory names by Flux’s label, composed ones by Crossplane’s, managed kinds whole', () => {
    const crd = (group: string, kind: string, categories: string[]) => ({
      spec: {
        group,
        scope: 'Cluster',
        names: { kind, plural: `${kind.toLowerCase()}s`, categories },
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    });
    const index = buildIndex({
      objects: [
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: { name: 'apps', namespace: 'flux-system' },
          status: {
            inventory: {
              entries: [
                { id: 'apps_web_apps_Deployment', v: 'v1' },
                { id: 'apps_settings__ConfigMap', v: 'v1' },
                { id: '_bucket_s3.aws.upbound.io_Bucket', v: 'v1' },
                { id: 'apps_thing_example.org_Gadget', v: 'v1' },
              ],
            },
          },
        },
        {
          apiVersion: 'apiextensions.crossplane.io/v2',
          kind: 'CompositeResourceDefinition',
          metadata: { name: 'xapps.platform.example.org' },
          spec: {
            group: 'platform.example.org',
            scope: 'Namespaced',
            names: { kind: 'XApp', plural: 'xapps' },
            versions: [{ name: 'v1', served: true, referenceable: true }],
          },
        },
        {
          apiVersion: 'platform.example.org/v1',
          kind: 'XApp',
          metadata: { name: 'shop', namespace: 'apps' },
          spec: {
            crossplane: { resourceRefs: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'shop' }] },
          },
        },
      ],
    });
    const kinds = kindsInUse(index, '', [
      crd('s3.aws.upbound.io', 'Bucket', ['crossplane', 'managed']),
      crd('example.org', 'Gadget', []),
      crd('example.org', 'Unused', ['managed']),
    ]).map(describeKind);
    expect(kinds).toEqual([
      '/configmaps namespaced (composed) ?crossplane.io/composite',
      '/configmaps namespaced (inventory) ?kustomize.toolkit.fluxcd.io/name',
      'apps/deployments namespaced (inventory) ?kustomize.toolkit.fluxcd.io/name',
      'example.org/gadgets cluster (inventory) ?kustomize.toolkit.fluxcd.io/name',
      'platform.example.org/xapps namespaced (xrd)',
      's3.aws.upbound.io/buckets cluster (inventory)',
    ]);
  });
  it('reads managed, composite and ProviderConfig kinds from CRDs and skips others', () => {
    const crd = (group: string, kind: string, categories: string[], scope = 'Cluster') => ({
      spec: {
        group,
        scope,
        names: { kind, plural: `${kind.toLowerCase()}s`, categories },
        versions: [
          { name: 'v1beta1', served: true, storage: false },
          { name: 'v1', served: true, storage: true },
        ],
      },
    });
    const kinds = kindsFromCrds([
      crd('s3.aws.upbound.io', 'Bucket', ['crossplane', 'managed', 'aws']),
      crd('aws.upbound.io', 'ProviderConfig', []),
      crd('apps.example.org', 'Widget', []),
      { spec: 'odd' },
    ]);
    expect(kinds.map(kind => `${kind.group}/${kind.kind} ${kind.versions.join(',')}`)).toEqual([
      's3.aws.upbound.io/Bucket v1,v1beta1',
      'aws.upbound.io/ProviderConfig v1,v1beta1',
    ]);
  });
});
