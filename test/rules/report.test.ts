import { SEVERITY_RANK, subjectKey } from '../../src/rules';
import type { Diagnosis } from '../../src/rules/types';
import {
  alert,
  condition,
  event,
  gap,
  gitRepository,
  kustomization,
  ready,
  SHA_A,
  SHA_B,
  synced,
  xrd,
} from './builders';
import { PC_MISSING } from './cases/managed';
import { legacyBucket, legacyBucketRef, legacyClaim, legacyXr, legacyXrd } from './cases/world';
import { describeSubject, expectCatalogueShape, run } from './harness';

const AUTH_REQUIRED =
  "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required";

/** A snapshot that yields errors, warnings and infos, with and without causes. */
const mixed = [
  gitRepository({
    secretRef: 'git-credentials',
    conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)],
  }),
  kustomization({
    name: 'crossplane-apis',
    lastAppliedRevision: `main@sha1:${SHA_A}`,
    lastAttemptedRevision: `main@sha1:${SHA_B}`,
    conditions: [ready('False', 'ArtifactFailed', 'Source artifact not found, retrying in 30s')],
  }),
  kustomization({ name: 'platform-apps', suspend: true }),
  legacyXrd,
  legacyClaim({
    conditions: [
      synced('True', 'ReconcileSuccess'),
      ready('False', 'Waiting', 'Claim is waiting for composite resource to become Ready'),
    ],
  }),
  legacyXr({
    resourceRefs: [legacyBucketRef],
    conditions: [
      synced('True', 'ReconcileSuccess'),
      ready('False', 'Creating', 'Unready resources: bucket'),
    ],
  }),
  legacyBucket({ conditions: [synced('False', 'ReconcileError', PC_MISSING)] }),
  event({
    involved: {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      namespace: 'crossplane-system',
      name: 'crossplane',
    },
    reason: 'DriftDetected',
    message:
      'Cluster state of release crossplane-system/crossplane.v2 has drifted from the desired state',
  }),
  {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'crossplane', namespace: 'crossplane-system' },
    spec: { interval: '10m', chart: { spec: { chart: 'crossplane' } } },
    status: { conditions: [ready('True', 'UpgradeSucceeded', 'Helm upgrade succeeded')] },
  },
];

function line(diagnosis: Diagnosis): string {
  return `${diagnosis.severity} ${diagnosis.ruleId} ${describeSubject(diagnosis.subject)}`;
}

describe('the diagnosis report', () => {
  it('is sorted worst first: errors, then warnings, then infos', () => {
    const report = run({
      objects: mixed,
      visibility: [
        gap({
          group: 'notification.toolkit.fluxcd.io',
          kind: 'Alert',
          namespace: 'ops',
          status: 403,
        }),
      ],
    });
    report.diagnoses.forEach(expectCatalogueShape);
    const severities = new Set(report.diagnoses.map(d => d.severity));
    expect([...severities]).toEqual(['error', 'warning', 'info']);
    const ranks = report.diagnoses.map(d => SEVERITY_RANK[d.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('puts root causes before the diagnoses they cause within one severity', () => {
    const report = run({ objects: mixed });
    for (const severity of ['error', 'warning'] as const) {
      const group = report.diagnoses.filter(d => d.severity === severity);
      const firstWithCauses = group.findIndex(d => d.causes?.length);
      if (firstWithCauses < 0) continue;
      expect(
        group.slice(firstWithCauses).every(d => d.causes?.length),
        group.map(line).join('\n')
      ).toBe(true);
    }
    const errors = report.diagnoses.filter(d => d.severity === 'error').map(d => d.ruleId);
    expect(errors.indexOf('FLUX-SOURCE-AUTH')).toBeLessThan(errors.indexOf('FLUX-ARTIFACT'));
    expect(errors.indexOf('XP-PROVIDERCONFIG-MISSING')).toBeGreaterThanOrEqual(0);
  });

  it('does not depend on the order of the input', () => {
    const forward = run({ objects: mixed }).diagnoses.map(line);
    const backward = run({ objects: [...mixed].reverse() }).diagnoses.map(line);
    expect(backward).toEqual(forward);
  });

  it('of() and forObject() of an object without diagnoses are empty', () => {
    const report = run({ objects: mixed });
    const ref = {
      cluster: '',
      group: 'kustomize.toolkit.fluxcd.io',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'nothing-here',
    };
    expect(report.of(ref)).toEqual([]);
    expect(report.forObject(ref)).toEqual([]);
  });
});

describe('deduplication: one object, one rule, one diagnosis', () => {
  function perRuleAndSubject(diagnoses: Diagnosis[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const diagnosis of diagnoses) {
      const key = `${diagnosis.ruleId} ${subjectKey(diagnosis.subject)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  it('the same object listed twice in the input is diagnosed once per rule', () => {
    const repository = gitRepository({
      secretRef: 'git-credentials',
      conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)],
    });
    const report = run({ objects: [repository, structuredClone(repository), repository] });
    expect(report.diagnoses.filter(d => d.ruleId === 'FLUX-SOURCE-AUTH')).toHaveLength(1);
    expect(Math.max(...perRuleAndSubject(report.diagnoses).values())).toBe(1);
  });

  it('a key object named twice in the settings (once per cluster, once for all) gets one FLUX-NO-ALERTS', () => {
    const report = run({
      objects: [
        kustomization({
          cluster: 'prod',
          conditions: [ready('True', 'ReconciliationSucceeded', 'Applied revision')],
        }),
      ],
      settings: {
        keyObjects: [
          { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
          {
            kind: 'Kustomization',
            namespace: 'flux-system',
            name: 'crossplane-apis',
            cluster: 'prod',
          },
        ],
      },
    });
    expect(report.diagnoses.filter(d => d.ruleId === 'FLUX-NO-ALERTS')).toHaveLength(1);
  });

  it('an XRD with two removed features is one XP-DEPRECATED-API that lists both', () => {
    const report = run({
      objects: [
        xrd({
          apiVersion: 'v2',
          group: 'example.org',
          kind: 'XPostgres',
          claimKind: 'Postgres',
          connectionSecretKeys: ['password'],
        }),
      ],
    });
    const deprecated = report.diagnoses.filter(d => d.ruleId === 'XP-DEPRECATED-API');
    expect(deprecated).toHaveLength(1);
    expect(deprecated[0].title).toContain('claims on a v2 XRD, connection secrets on a v2 XRD');
  });

  it('same-named objects in two clusters are two subjects, not duplicates', () => {
    const repository = gitRepository({
      secretRef: 'git-credentials',
      conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)],
    });
    const report = run({
      objects: [
        { ...repository, cluster: 'prod' },
        { ...repository, cluster: 'staging' },
      ],
    });
    const auth = report.diagnoses.filter(d => d.ruleId === 'FLUX-SOURCE-AUTH');
    expect(auth.map(d => d.subject.cluster)).toEqual(['prod', 'staging']);
    expect(auth.map(d => d.actions.find(a => a.kind === 'reconcile')?.command)).toEqual([
      'flux reconcile source git crossplane-configs -n flux-system --context prod',
      'flux reconcile source git crossplane-configs -n flux-system --context staging',
    ]);
  });

  it('no (rule, subject) pair repeats in a busy snapshot', () => {
    const report = run({
      objects: [
        ...mixed,
        alert({
          name: 'broken',
          provider: 'missing',
          eventSources: [{ kind: 'Kustomization', name: '*' }],
        }),
        alert({
          name: 'also-broken',
          provider: 'missing',
          eventSources: [{ kind: 'GitRepository', name: '*' }],
        }),
        kustomization({
          name: 'legacy-config',
          inventory: [
            {
              name: 'debug',
              group: 'pkg.crossplane.io',
              kind: 'ControllerConfig',
              version: 'v1alpha1',
            },
            {
              name: 'debug-2',
              group: 'pkg.crossplane.io',
              kind: 'ControllerConfig',
              version: 'v1alpha1',
            },
          ],
          conditions: [
            ready('True', 'ReconciliationSucceeded', 'Applied'),
            condition('Stalled', 'False'),
          ],
        }),
      ],
    });
    for (const [key, count] of perRuleAndSubject(report.diagnoses)) expect(count, key).toBe(1);
  });
});
