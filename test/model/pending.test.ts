import fc from 'fast-check';
import { namespacesToList, runtimeNamespaces } from '../../src/k8s/namespaceScope';
import { buildIndex } from '../../src/model/clusterIndex';
import { lookUp } from '../../src/model/join';
import { describeGap, gapCovers, PendingList, VisibilityGap } from '../../src/model/visibility';
import { diagnose } from '../../src/rules';

/**
 * Known and unknown: a list that has not answered is unknown (never empty, never
 * a failure), a list that failed is unknown and said so, and namespaces left
 * out on purpose are unread, not missing.
 */

const CLUSTER = 'prod';
const kustomization = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  cluster: CLUSTER,
  metadata: { name: 'apps', namespace: 'flux-system', generation: 1, uid: 'k1' },
  spec: {
    interval: '10m',
    path: './apps',
    sourceRef: { kind: 'GitRepository', name: 'apps' },
    dependsOn: [{ name: 'infra' }],
  },
  status: {
    observedGeneration: 1,
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'ArtifactFailed',
        message: 'Source artifact not found, retrying in 30s',
        lastTransitionTime: '2024-05-01T09:50:00Z',
        observedGeneration: 1,
      },
    ],
  },
};
const sourceRef = {
  cluster: CLUSTER,
  group: 'source.toolkit.fluxcd.io',
  kind: 'GitRepository',
  namespace: 'flux-system',
  name: 'apps',
};
const pendingSources: PendingList[] = [
  { cluster: CLUSTER, group: 'source.toolkit.fluxcd.io', kind: 'GitRepository' },
];
const now = Date.parse('2024-05-01T10:00:00Z');

describe('a pending list', () => {
  it('makes what it would hold unknown (still being read), not missing', () => {
    const index = buildIndex({ objects: [kustomization], pending: pendingSources });
    const looked = lookUp(index, sourceRef);
    expect(looked.presence).toBe('not-visible');
    expect(looked.status).toEqual({
      health: 'unknown',
      reason: 'Pending',
      message: 'Its list is still being read.',
    });
    // Once it answered without the object, the object is missing.
    expect(lookUp(buildIndex({ objects: [kustomization] }), sourceRef).presence).toBe('missing');
  });

  it('is no VISIBILITY problem, and rules say "still being read", never "not found"', () => {
    const pending = diagnose(buildIndex({ objects: [kustomization], pending: pendingSources }), {
      now,
    });
    expect(pending.diagnoses.filter(d => d.ruleId === 'VISIBILITY')).toEqual([]);
    const titles = pending.diagnoses.map(d => d.title);
    expect(titles).toContain(
      'Kustomization apps: source GitRepository flux-system/apps is still being read'
    );
    expect(titles.join('\n')).not.toMatch(/not found/);

    const answered = diagnose(buildIndex({ objects: [kustomization] }), { now });
    expect(answered.diagnoses.map(d => d.title)).toContain(
      'Kustomization apps: source GitRepository flux-system/apps is not found'
    );
  });

  it('a failed list is a VISIBILITY diagnosis and "not visible to you"', () => {
    const gap: VisibilityGap = {
      cluster: CLUSTER,
      group: 'source.toolkit.fluxcd.io',
      kind: 'GitRepository',
      reason: 'forbidden',
      status: 403,
      message: 'forbidden',
    };
    const report = diagnose(buildIndex({ objects: [kustomization], visibility: [gap] }), { now });
    expect(report.diagnoses.find(d => d.ruleId === 'VISIBILITY')?.title).toBe(
      'Not allowed to list GitRepository (source.toolkit.fluxcd.io) in all namespaces in cluster prod.'
    );
    expect(report.diagnoses.map(d => d.title)).toContain(
      'Kustomization apps: source GitRepository flux-system/apps is not visible to you'
    );
  });

  it('while the catalogue of kinds is pending, kinds not listed yet are unknown; fixed kinds only by their own lists', () => {
    const index = buildIndex({
      objects: [kustomization],
      pending: [{ cluster: CLUSTER, group: '*', kind: '*' }],
    });
    const providerConfig = {
      cluster: CLUSTER,
      group: 'aws.upbound.io',
      kind: 'ProviderConfig',
      namespace: '',
      name: 'default',
    };
    expect(lookUp(index, providerConfig).status.reason).toBe('Pending');
    expect(index.isPending(CLUSTER, 'source.toolkit.fluxcd.io', 'GitRepository')).toBe(false);
    expect(index.isPending('other', 'aws.upbound.io', 'ProviderConfig')).toBe(false);
  });
});

describe('namespaces', () => {
  it('a gap over all namespaces except some does not hide those', () => {
    const gap = { exceptNamespaces: ['team-a'] };
    expect(gapCovers(gap, 'team-a')).toBe(false);
    expect(gapCovers(gap, 'team-b')).toBe(true);
    expect(gapCovers({ namespace: 'team-b' }, 'team-a')).toBe(false);
    expect(
      describeGap({
        cluster: 'prod',
        group: 'kustomize.toolkit.fluxcd.io',
        kind: 'Kustomization',
        reason: 'outside-namespaces',
        exceptNamespaces: ['team-a'],
        message: '',
      })
    ).toBe(
      'Kustomization (kustomize.toolkit.fluxcd.io) is read in namespaces team-a only in cluster prod: the namespace selection leaves the rest unread.'
    );
  });

  it('lists chosen namespaces within the allowed ones; all when neither is set', () => {
    const name = fc.constantFrom<string>('a', 'b', 'c', 'flux-system', 'team-1');
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 4 }),
        fc.array(name, { maxLength: 4 }),
        (chosen, allowed) => {
          const result = namespacesToList(chosen, allowed);
          if (chosen.length === 0 && allowed.length === 0) return result === undefined;
          if (result === undefined) return false;
          const sorted = [...new Set(result)].sort();
          return (
            sorted.length === result.length &&
            result.every((ns, i) => sorted[i] === ns) &&
            result.every(
              ns =>
                (allowed.length === 0 || allowed.includes(ns)) &&
                (chosen.length === 0 || chosen.includes(ns))
            ) &&
            (chosen.length > 0
              ? chosen
                  .filter(ns => allowed.length === 0 || allowed.includes(ns))
                  .every(ns => result.includes(ns))
              : allowed.every(ns => result.includes(ns)))
          );
        }
      )
    );
    expect(runtimeNamespaces([])).toBeUndefined();
    expect(runtimeNamespaces(['flux-system'])).toEqual(['flux-system']);
  });
});
