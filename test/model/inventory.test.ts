import fc from 'fast-check';
import { formatInventoryId, parseInventory, parseInventoryId } from '../../src/model/inventory';

describe('parseInventoryId', () => {
  it.each([
    // Real ids from the flux CLI's tree testdata and the domain notes.
    [
      'flux-system_helm-controller_apps_Deployment',
      { namespace: 'flux-system', name: 'helm-controller', group: 'apps', kind: 'Deployment' },
    ],
    [
      '_flux-system__Namespace',
      { namespace: '', name: 'flux-system', group: '', kind: 'Namespace' },
    ],
    ['default_app__ConfigMap', { namespace: 'default', name: 'app', group: '', kind: 'ConfigMap' }],
    [
      '_xpostgres.example.org_apiextensions.crossplane.io_CompositeResourceDefinition',
      {
        namespace: '',
        name: 'xpostgres.example.org',
        group: 'apiextensions.crossplane.io',
        kind: 'CompositeResourceDefinition',
      },
    ],
    [
      '_system__foo_rbac.authorization.k8s.io_ClusterRole',
      {
        namespace: '',
        name: 'system:foo',
        group: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
      },
    ],
    [
      'kube-system_system__controller__leader_rbac.authorization.k8s.io_RoleBinding',
      {
        namespace: 'kube-system',
        name: 'system:controller:leader',
        group: 'rbac.authorization.k8s.io',
        kind: 'RoleBinding',
      },
    ],
    [
      'flux-system_infrastructure_kustomize.toolkit.fluxcd.io_Kustomization',
      {
        namespace: 'flux-system',
        name: 'infrastructure',
        group: 'kustomize.toolkit.fluxcd.io',
        kind: 'Kustomization',
      },
    ],
  ])('%s', (id, expected) => {
    expect(parseInventoryId(id)).toEqual(expected);
  });

  it.each(['', 'nounderscore', 'a_b', '__', '_ _', 'ns__group_'])('rejects %j', id => {
    expect(parseInventoryId(id)).toBeUndefined();
  });

  it('round-trips any valid id (1,000 runs)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
    const name = fc
      .array(label, { minLength: 1, maxLength: 3 })
      .chain(parts => fc.constantFrom(parts.join('.'), parts.join(':'), parts.join('-')));
    const group = fc.oneof(
      fc.constant(''),
      fc.array(label, { minLength: 1, maxLength: 3 }).map(p => p.join('.'))
    );
    const kind = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,20}$/);
    const namespace = fc.oneof(fc.constant(''), label);
    fc.assert(
      fc.property(namespace, name, group, kind, (ns, n, g, k) => {
        const ref = { namespace: ns, name: n, group: g, kind: k };
        expect(parseInventoryId(formatInventoryId(ref))).toEqual(ref);
      }),
      { numRuns: 1000 }
    );
  });

  it('never throws on arbitrary strings (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.string(), id => void parseInventoryId(id)),
      { numRuns: 1000 }
    );
  });
});

describe('parseInventory', () => {
  it('keeps unparsable ids instead of dropping them', () => {
    const parsed = parseInventory({
      entries: [
        { id: 'default_app__ConfigMap', v: 'v1' },
        { id: 'garbage' },
        { v: 'v1' },
        'x',
        null,
      ],
    });
    expect(parsed.entries).toEqual([
      {
        id: 'default_app__ConfigMap',
        namespace: 'default',
        name: 'app',
        group: '',
        kind: 'ConfigMap',
        version: 'v1',
      },
    ]);
    expect(parsed.unparsed).toEqual(['garbage']);
  });

  it('reads nothing from odd values', () => {
    for (const value of [undefined, null, 3, 'x', [], { entries: 'x' }]) {
      expect(parseInventory(value)).toEqual({ entries: [], unparsed: [] });
    }
  });
});
