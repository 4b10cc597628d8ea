import { gap, kustomization, managed, providerConfig, ready, synced } from './builders';
import { alertsForbidden, FIRING, healthyFlux, xrdsNotServed } from './cases/visibility';
import { describeSubject, expectCatalogueShape, NearMiss, ruleTable, run } from './harness';

const apis = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' };
const configs = { kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' };

const NEAR_MISSES: NearMiss[] = [
  {
    name: 'a 403 on Alerts in flux-system suppresses FLUX-NO-ALERTS for the key Kustomization',
    objects: healthyFlux,
    visibility: [alertsForbidden],
    subject: apis,
    absent: ['FLUX-NO-ALERTS'],
  },
  {
    name: 'a 403 on Alerts in all namespaces suppresses FLUX-NO-ALERTS for the key GitRepository',
    objects: healthyFlux,
    visibility: [gap({ group: 'notification.toolkit.fluxcd.io', kind: 'Alert', status: 403 })],
    subject: configs,
    absent: ['FLUX-NO-ALERTS'],
  },
  {
    name: 'a gap for GitRepositories: the missing source is "not visible", no source verdict is invented',
    objects: [
      kustomization({
        conditions: [
          ready(
            'False',
            'ArtifactFailed',
            "Source 'GitRepository/flux-system/crossplane-configs' not found"
          ),
        ],
      }),
    ],
    visibility: [
      gap({
        group: 'source.toolkit.fluxcd.io',
        kind: 'GitRepository',
        namespace: 'flux-system',
        status: 403,
      }),
    ],
    absent: ['FLUX-SOURCE-AUTH', 'FLUX-SOURCE-UNREACHABLE', 'FLUX-SOURCE-REF'],
    present: ['VISIBILITY', 'FLUX-ARTIFACT'],
  },
];

describe('Visibility rules', () => {
  ruleTable(FIRING, NEAR_MISSES);

  it('a 403 gap for Alerts produces VISIBILITY and no FLUX-NO-ALERTS anywhere in that namespace', () => {
    const report = run({ objects: healthyFlux, visibility: [alertsForbidden] });
    report.diagnoses.forEach(expectCatalogueShape);
    const visibility = report.diagnoses.filter(d => d.ruleId === 'VISIBILITY');
    expect(visibility).toHaveLength(1);
    expect(visibility[0].severity).toBe('info');
    expect(describeSubject(visibility[0].subject)).toBe('Alert/flux-system/*');
    expect(report.diagnoses.filter(d => d.ruleId === 'FLUX-NO-ALERTS')).toEqual([]);
  });

  it('without the gap the same snapshot does report FLUX-NO-ALERTS (the gap is what silences it)', () => {
    const report = run({ objects: healthyFlux });
    expect(
      report.diagnoses
        .filter(d => d.ruleId === 'FLUX-NO-ALERTS')
        .map(d => describeSubject(d.subject))
        .sort()
    ).toEqual([
      'GitRepository/flux-system/crossplane-configs',
      'Kustomization/flux-system/crossplane-apis',
    ]);
  });

  it('unreadable Alerts in another namespace leave "no Alert covers it" unknown (eventSources may name flux-system)', () => {
    const report = run({
      objects: healthyFlux,
      visibility: [
        gap({
          group: 'notification.toolkit.fluxcd.io',
          kind: 'Alert',
          namespace: 'monitoring',
          status: 403,
        }),
      ],
    });
    expect(report.diagnoses.filter(d => d.ruleId === 'FLUX-NO-ALERTS')).toHaveLength(0);
    expect(
      report.diagnoses.filter(d => d.ruleId === 'VISIBILITY').map(d => describeSubject(d.subject))
    ).toEqual(['Alert/monitoring/*']);
  });

  it('a gap in one cluster does not silence another cluster', () => {
    const prod = healthyFlux.map(object => ({ ...object, cluster: 'prod' }));
    const staging = healthyFlux.map(object => ({ ...object, cluster: 'staging' }));
    const report = run({
      objects: [...prod, ...staging],
      visibility: [
        gap({
          cluster: 'prod',
          group: 'notification.toolkit.fluxcd.io',
          kind: 'Alert',
          status: 403,
        }),
      ],
    });
    const clusters = new Set(
      report.diagnoses.filter(d => d.ruleId === 'FLUX-NO-ALERTS').map(d => d.subject.cluster)
    );
    expect([...clusters]).toEqual(['staging']);
  });

  it('a 404 gap for a CRD kind says the CRD is not installed, in which cluster', () => {
    const report = run({ objects: [], visibility: [xrdsNotServed] });
    const [diagnosis] = report.diagnoses;
    expectCatalogueShape(diagnosis);
    expect(diagnosis).toMatchObject({
      ruleId: 'VISIBILITY',
      severity: 'info',
      subject: {
        cluster: 'edge',
        kind: 'CompositeResourceDefinition',
        name: '*',
        apiVersion: 'apiextensions.crossplane.io/v2',
      },
    });
    expect(diagnosis.title).toContain('CRD is not installed');
    expect(report.diagnoses).toHaveLength(1);
  });

  it('a missing source that cannot be seen is "not visible to you", not "not found"', () => {
    const report = run({
      objects: [
        kustomization({
          conditions: [
            ready(
              'False',
              'ArtifactFailed',
              "Source 'GitRepository/flux-system/crossplane-configs' not found"
            ),
          ],
        }),
      ],
      visibility: [
        gap({
          group: 'source.toolkit.fluxcd.io',
          kind: 'GitRepository',
          namespace: 'flux-system',
          status: 403,
        }),
      ],
    });
    const artifact = report.diagnoses.find(d => d.ruleId === 'FLUX-ARTIFACT');
    expect(artifact?.title).toContain('not visible to you');
    const visible = run({
      objects: [
        kustomization({
          conditions: [
            ready(
              'False',
              'ArtifactFailed',
              "Source 'GitRepository/flux-system/crossplane-configs' not found"
            ),
          ],
        }),
      ],
    });
    expect(visible.diagnoses.find(d => d.ruleId === 'FLUX-ARTIFACT')?.title).toContain(
      'is not found'
    );
  });

  it('ProviderConfigs that cannot be listed are not concluded missing', () => {
    // A message that does not prove the resource got past connect (no cloud API error).
    const bucket = managed({
      name: 'logs',
      conditions: [synced('False', 'ReconcileError', 'connect failed: context canceled')],
    });
    const hidden = run({
      objects: [bucket, providerConfig({ name: 'other' })],
      visibility: [gap({ group: 'aws.upbound.io', kind: 'ProviderConfig', status: 403 })],
    });
    expect(hidden.diagnoses.map(d => d.ruleId)).not.toContain('XP-PROVIDERCONFIG-MISSING');
    // ProviderConfigs read (another one of the kind is there) and "default" absent: missing.
    const readable = run({ objects: [bucket, providerConfig({ name: 'other' })] });
    expect(readable.diagnoses.map(d => d.ruleId)).toContain('XP-PROVIDERCONFIG-MISSING');
    // Not among the objects given at all: unknown, not missing.
    const notGiven = run({ objects: [bucket] });
    expect(notGiven.diagnoses.map(d => d.ruleId)).not.toContain('XP-PROVIDERCONFIG-MISSING');
  });

  it('a cloud API error proves the resource got past connect: XP-EXTERNAL-API, not a missing ProviderConfig', () => {
    const bucket = managed({
      name: 'logs',
      conditions: [
        synced('False', 'ReconcileError', 'observe failed: cannot observe the resource: throttled'),
      ],
    });
    const readable = run({ objects: [bucket, providerConfig({ name: 'other' })] });
    expect(readable.diagnoses.map(d => d.ruleId)).toEqual(['XP-EXTERNAL-API']);
  });
});
