import { buildIndex } from '../../src/model/clusterIndex';
import { chooseServedVersion, parseApiGroupList } from '../../src/model/kinds';
import { dynamicKinds, kindsFromCrds } from '../../src/model/listedKinds';
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
  it('finds XR and claim kinds from XRDs and managed kinds from provider revisions', () => {
    const index = buildIndex({ objects: loadFixture('platform.yaml') });
    const kinds = dynamicKinds(index, '', undefined).map(
      kind =>
        `${kind.group}/${kind.plural} ${kind.namespaced ? 'namespaced' : 'cluster'} (${
          kind.origin
        })`
    );
    expect(kinds).toEqual([
      'nop.crossplane.io/nopresources cluster (provider-revision)',
      'nop.example.org/nopresources namespaced (xrd)',
      'nop.example.org/xnopresources cluster (xrd)',
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
