import type { Diagnosis, Subject } from '../../src/rules/types';
import { loadFixture } from '../fixtures/load';
import { condition, gitRepository, kustomization, ready, synced, xr, xrd } from './builders';
import { PC_MISSING } from './cases/managed';
import {
  LEGACY_API,
  legacyBucket,
  legacyBucketRef,
  legacyBucketSubject,
  legacyClaim,
  legacyClaimSubject,
  legacyComposition,
  legacyXr,
  legacyXrd,
  legacyXrSubject,
  modernBucket,
  modernBucketSubject,
  modernComposition,
  modernXr,
  modernXrd,
  modernXrSubject,
} from './cases/world';
import {
  describeSubject,
  expectCatalogueShape,
  matchesSubject,
  run,
  SubjectExpectation,
} from './harness';

const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
const claimsRef = {
  cluster: '',
  group: KUSTOMIZE_GROUP,
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'crossplane-claims',
};
const claimsSubject = {
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'crossplane-claims',
};
const apisSubject = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' };
const configsSubject = {
  kind: 'GitRepository',
  namespace: 'flux-system',
  name: 'crossplane-configs',
};

function only(diagnoses: Diagnosis[], ruleId: string, subject: SubjectExpectation): Diagnosis {
  const hits = diagnoses.filter(d => d.ruleId === ruleId && matchesSubject(d.subject, subject));
  expect(hits, `${ruleId} on ${describeSubject(subject)}`).toHaveLength(1);
  return hits[0];
}

function expectCauses(diagnosis: Diagnosis, expected: SubjectExpectation[]): void {
  const actual = (diagnosis.causes ?? []).map(describeSubject);
  expect(actual).toEqual(expected.map(describeSubject));
}

function key(subject: Subject): string {
  return describeSubject(subject);
}

const UNREADY_BUCKET = 'Unready resources: bucket';
const CLAIM_WAITING = 'Composite resource claim is waiting for composite resource to become Ready';

describe('root cause first', () => {
  describe('legacy claim (v1 XRD with claimNames, LegacyCluster XR with spec.resourceRefs)', () => {
    const HEALTH =
      "health check failed after 5m0s: timeout waiting for: [Database/team-a/db status: 'InProgress']";
    const objects = [
      legacyXrd,
      legacyComposition,
      kustomization({
        name: 'crossplane-claims',
        path: './claims',
        conditions: [ready('False', 'HealthCheckFailed', HEALTH)],
        inventory: [
          {
            namespace: 'team-a',
            name: 'db',
            group: 'platform.example.org',
            kind: 'Database',
            version: 'v1alpha1',
          },
        ],
      }),
      legacyClaim({
        labels: {
          'kustomize.toolkit.fluxcd.io/name': 'crossplane-claims',
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        },
        conditions: [synced('True', 'ReconcileSuccess'), ready('False', 'Waiting', CLAIM_WAITING)],
      }),
      legacyXr({
        resourceRefs: [legacyBucketRef],
        conditions: [
          synced('True', 'ReconcileSuccess'),
          ready('False', 'Creating', UNREADY_BUCKET),
        ],
      }),
      // No ProviderConfig object in the snapshot, and ProviderConfigs were readable.
      legacyBucket({
        conditions: [synced('False', 'ReconcileError', PC_MISSING), ready('False', 'Creating')],
      }),
    ];

    it("the Kustomization's FLUX-HEALTH-CHECK has causes deepest first [MR, XR, claim]", () => {
      const report = run({ objects });
      report.diagnoses.forEach(expectCatalogueShape);
      const health = only(report.diagnoses, 'FLUX-HEALTH-CHECK', claimsSubject);
      expectCauses(health, [legacyBucketSubject, legacyXrSubject, legacyClaimSubject]);
      expect(health.evidence.map(e => e.text).join('\n')).toContain(HEALTH);
      expect(
        health.actions.some(action => action.kind === 'open' && action.target?.kind === 'Database')
      ).toBe(true);
    });

    it("report.forObject(kustomization)[0] is the MR's XP-PROVIDERCONFIG-MISSING, then the chain up, then its own", () => {
      const report = run({ objects });
      const banner = report.forObject(claimsRef);
      expect(banner[0].ruleId).toBe('XP-PROVIDERCONFIG-MISSING');
      expect(matchesSubject(banner[0].subject, legacyBucketSubject)).toBe(true);
      expect(banner[0].evidence.map(e => e.text).join('\n')).toContain(PC_MISSING);
      expect(banner.map(d => `${d.ruleId} ${key(d.subject)}`)).toEqual([
        'XP-PROVIDERCONFIG-MISSING Bucket/db-x7k2p-bucket',
        'XP-WAITING-ON-CHILDREN XDatabase/db-x7k2p',
        'XP-CLAIM-WAITING Database/team-a/db',
        'FLUX-HEALTH-CHECK Kustomization/flux-system/crossplane-claims',
      ]);
    });

    it('each level chains to the same root cause', () => {
      const report = run({ objects });
      expectCauses(only(report.diagnoses, 'XP-CLAIM-WAITING', legacyClaimSubject), [
        legacyBucketSubject,
        legacyXrSubject,
      ]);
      expectCauses(only(report.diagnoses, 'XP-WAITING-ON-CHILDREN', legacyXrSubject), [
        legacyBucketSubject,
      ]);
      expect(
        only(report.diagnoses, 'XP-PROVIDERCONFIG-MISSING', legacyBucketSubject).causes ?? []
      ).toEqual([]);
      expect(
        report.forObject({
          cluster: '',
          group: 'platform.example.org',
          kind: 'Database',
          namespace: 'team-a',
          name: 'db',
        })[0].ruleId
      ).toBe('XP-PROVIDERCONFIG-MISSING');
    });

    it('the root cause appears only once in report.diagnoses', () => {
      const report = run({ objects });
      const roots = report.diagnoses.filter(d => d.ruleId === 'XP-PROVIDERCONFIG-MISSING');
      expect(roots).toHaveLength(1);
      expect(new Set(report.diagnoses).size).toBe(report.diagnoses.length);
      const banner = report.forObject(claimsRef);
      expect(new Set(banner).size).toBe(banner.length);
      // The root cause leads among the errors: it has no causes of its own.
      const errors = report.diagnoses.filter(d => d.severity === 'error');
      expect(errors[0].ruleId).toBe('XP-PROVIDERCONFIG-MISSING');
    });

    it('a health check that lists a healthy object too follows the branch that ends in a diagnosis', () => {
      const many =
        "health check failed after 5m0s: timeout waiting for: [Deployment/team-a/app status: 'InProgress', Database/team-a/db status: 'InProgress']";
      const report = run({
        objects: [
          ...objects.slice(0, 2),
          kustomization({
            name: 'crossplane-claims',
            conditions: [ready('False', 'HealthCheckFailed', many)],
          }),
          ...objects.slice(3),
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'app', namespace: 'team-a', generation: 2 },
            // Rolled out by kstatus' rules (what Flux's health check reads): every replica there.
            spec: { replicas: 1 },
            status: {
              observedGeneration: 2,
              replicas: 1,
              updatedReplicas: 1,
              readyReplicas: 1,
              availableReplicas: 1,
              conditions: [condition('Available', 'True', 'MinimumReplicasAvailable')],
            },
          },
        ],
      });
      expectCauses(only(report.diagnoses, 'FLUX-HEALTH-CHECK', claimsSubject), [
        legacyBucketSubject,
        legacyXrSubject,
        legacyClaimSubject,
      ]);
    });
  });

  describe('v2 namespaced XR (XRD v2 scope Namespaced, spec.crossplane.resourceRefs)', () => {
    const HEALTH =
      "health check failed after 5m0s: timeout waiting for: [XPostgres/team-a/db status: 'InProgress']";
    const NAMESPACED_PC_MISSING =
      'connect failed: cannot get referenced ProviderConfig: providerconfigs.aws.m.upbound.io "default" not found';
    const base = (resourceRefs: boolean) => [
      modernXrd,
      modernComposition,
      kustomization({
        name: 'crossplane-claims',
        conditions: [ready('False', 'HealthCheckFailed', HEALTH)],
      }),
      modernXr({
        resourceRefs: resourceRefs
          ? [{ apiVersion: 's3.aws.m.upbound.io/v1beta1', kind: 'Bucket', name: 'db-bucket' }]
          : undefined,
        conditions: [
          synced('True', 'ReconcileSuccess'),
          ready('False', 'Creating', UNREADY_BUCKET),
        ],
      }),
      modernBucket({ conditions: [synced('False', 'ReconcileError', NAMESPACED_PC_MISSING)] }),
    ];

    it.each([
      ['listed in spec.crossplane.resourceRefs', true],
      ['found by its controller ownerReference only', false],
    ])('chains Kustomization → XR → MR when the MR is %s', (_how, listed) => {
      const report = run({ objects: base(listed) });
      report.diagnoses.forEach(expectCatalogueShape);
      expectCauses(only(report.diagnoses, 'FLUX-HEALTH-CHECK', claimsSubject), [
        modernBucketSubject,
        modernXrSubject,
      ]);
      expectCauses(only(report.diagnoses, 'XP-WAITING-ON-CHILDREN', modernXrSubject), [
        modernBucketSubject,
      ]);
      const banner = report.forObject(claimsRef);
      expect(banner[0].ruleId).toBe('XP-PROVIDERCONFIG-MISSING');
      expect(matchesSubject(banner[0].subject, modernBucketSubject)).toBe(true);
      expect(report.diagnoses.filter(d => d.ruleId === 'XP-PROVIDERCONFIG-MISSING')).toHaveLength(
        1
      );
    });

    it('the MR owner uid is what ties it to the XR', () => {
      const strayBucket = modernBucket({
        owner: {
          apiVersion: 'example.org/v1alpha1',
          kind: 'XPostgres',
          name: 'db',
          uid: 'another-uid',
        },
        conditions: [synced('False', 'ReconcileError', NAMESPACED_PC_MISSING)],
      });
      const report = run({ objects: [...base(false).slice(0, 4), strayBucket] });
      // Not composed by this XR: the XR waits on an unknown "bucket" and names no cause.
      expect(
        only(report.diagnoses, 'XP-WAITING-ON-CHILDREN', modernXrSubject).causes
      ).toBeUndefined();
    });
  });

  describe('Flux chains', () => {
    const AUTH_REQUIRED =
      "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required";

    it('does not offer an unrelated warning on the dependency (no alert covers it) as the root cause', () => {
      // Seen in the demo: crossplane-apis only in progress, but not covered by an Alert.
      const report = run({
        objects: [
          gitRepository({ conditions: [ready('True', 'Succeeded', 'stored artifact')] }),
          kustomization({
            name: 'crossplane-apis',
            conditions: [ready('Unknown', 'Progressing', 'Reconciliation in progress')],
          }),
          kustomization({
            name: 'crossplane-claims',
            dependsOn: ['crossplane-apis'],
            conditions: [
              ready(
                'False',
                'DependencyNotReady',
                "dependency 'flux-system/crossplane-apis' is not ready"
              ),
            ],
          }),
        ],
      });
      expect(
        report.diagnoses.some(
          d => d.ruleId === 'FLUX-NO-ALERTS' && d.subject.name === 'crossplane-apis'
        )
      ).toBe(true);
      const banner = report.forObject(claimsRef);
      expect(banner.map(d => d.ruleId)).toEqual(['FLUX-DEPENDENCY']);
      expect(banner[0].causes?.map(cause => cause.name)).toEqual(['crossplane-apis']);
    });

    it("FLUX-DEPENDENCY follows the dependency to its own failure (and that one to its source's)", () => {
      const report = run({
        objects: [
          gitRepository({
            secretRef: 'git-credentials',
            conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)],
          }),
          kustomization({
            name: 'crossplane-apis',
            conditions: [
              ready('False', 'ArtifactFailed', 'Source artifact not found, retrying in 30s'),
            ],
          }),
          kustomization({
            name: 'crossplane-claims',
            dependsOn: ['crossplane-apis'],
            conditions: [
              ready(
                'False',
                'DependencyNotReady',
                "dependency 'flux-system/crossplane-apis' is not ready"
              ),
            ],
          }),
        ],
      });
      report.diagnoses.forEach(expectCatalogueShape);
      const dependency = only(report.diagnoses, 'FLUX-DEPENDENCY', claimsSubject);
      expectCauses(dependency, [configsSubject, apisSubject]);
      expect(
        dependency.actions.some(
          action => action.kind === 'open' && action.target?.name === 'crossplane-apis'
        )
      ).toBe(true);
      const banner = report.forObject(claimsRef);
      expect(banner[0].ruleId).toBe('FLUX-SOURCE-AUTH');
      expect(banner[banner.length - 1].ruleId).toBe('FLUX-DEPENDENCY');
      expect(report.diagnoses.filter(d => d.ruleId === 'FLUX-SOURCE-AUTH')).toHaveLength(1);
    });

    it('FLUX-CRD-ORDERING chains to the XRD that is not established', () => {
      const report = run({
        objects: [
          xrd({
            apiVersion: 'v2',
            group: 'example.org',
            kind: 'XPostgres',
            plural: 'xpostgres',
            name: 'xpostgres.example.org',
            conditions: [
              condition(
                'Established',
                'False',
                'EstablishingCompositeResource',
                'cannot apply rendered composite resource CustomResourceDefinition'
              ),
            ],
          }),
          kustomization({
            name: 'crossplane-claims',
            conditions: [
              ready(
                'False',
                'ReconciliationFailed',
                'XPostgres/team-a/db dry-run failed: no matches for kind "XPostgres" in version "example.org/v1alpha1"'
              ),
            ],
          }),
        ],
      });
      const ordering = only(report.diagnoses, 'FLUX-CRD-ORDERING', claimsSubject);
      expectCauses(ordering, [
        { kind: 'CompositeResourceDefinition', name: 'xpostgres.example.org' },
      ]);
      expect(report.forObject(claimsRef)[0].ruleId).toBe('XP-XRD-NOT-ESTABLISHED');
    });

    it.each([
      ['two Kustomizations', ['a', 'b']],
      ['three Kustomizations', ['a', 'b', 'c']],
      ['one depending on itself', ['a']],
    ])(
      'a dependsOn cycle of %s terminates and no diagnosis lists itself as a cause',
      (_what, names) => {
        const objects = names.map((name, index) => {
          const next = names[(index + 1) % names.length];
          return kustomization({
            name,
            dependsOn: [next],
            conditions: [
              ready('False', 'DependencyNotReady', `dependency 'flux-system/${next}' is not ready`),
            ],
          });
        });
        const report = run({ objects });
        const dependencies = report.diagnoses.filter(d => d.ruleId === 'FLUX-DEPENDENCY');
        expect(dependencies).toHaveLength(names.length);
        for (const diagnosis of dependencies) {
          expectCatalogueShape(diagnosis);
          const causes = (diagnosis.causes ?? []).map(key);
          expect(causes).not.toContain(key(diagnosis.subject));
          expect(new Set(causes).size).toBe(causes.length);
          expect(causes.length).toBeLessThan(names.length);
          expect(
            report.forObject({
              cluster: '',
              group: KUSTOMIZE_GROUP,
              kind: 'Kustomization',
              namespace: 'flux-system',
              name: diagnosis.subject.name,
            }).length
          ).toBeGreaterThan(0);
        }
      }
    );

    it('a cycle through Crossplane objects (XRs composing each other) terminates', () => {
      const uidA = '00000000-0000-4000-8000-00000000000a';
      const uidB = '00000000-0000-4000-8000-00000000000b';
      const nested = (name: string, uid: string, parent: { name: string; uid: string }) =>
        xr({
          apiVersion: LEGACY_API,
          kind: 'XDatabase',
          name,
          uid,
          layout: 'legacy',
          annotations: { 'crossplane.io/composition-resource-name': 'nested' },
          ownerReferences: [
            {
              apiVersion: LEGACY_API,
              kind: 'XDatabase',
              name: parent.name,
              uid: parent.uid,
              controller: true,
            },
          ],
          conditions: [
            synced('True', 'ReconcileSuccess'),
            ready('False', 'Creating', 'Unready resources: nested'),
          ],
        });
      const report = run({
        objects: [
          legacyXrd,
          nested('xr-a', uidA, { name: 'xr-b', uid: uidB }),
          nested('xr-b', uidB, { name: 'xr-a', uid: uidA }),
        ],
      });
      const waiting = report.diagnoses.filter(d => d.ruleId === 'XP-WAITING-ON-CHILDREN');
      expect(waiting).toHaveLength(2);
      for (const diagnosis of waiting)
        expect((diagnosis.causes ?? []).map(key)).not.toContain(key(diagnosis.subject));
    });
  });

  it('a claim with no XR yet names no cause but still waits', () => {
    const report = run({
      objects: [
        legacyXrd,
        legacyClaim({ resourceRef: false, conditions: [ready('False', 'Waiting', CLAIM_WAITING)] }),
      ],
    });
    const waiting = only(report.diagnoses, 'XP-CLAIM-WAITING', legacyClaimSubject);
    expect(waiting.causes).toBeUndefined();
  });
});

describe('the shared platform fixture (test/fixtures/platform.yaml)', () => {
  it("leads the claims Kustomization's banner with the missing ProviderConfig of the composed NopResource", () => {
    const report = run({ objects: loadFixture('platform.yaml') });
    report.diagnoses.forEach(expectCatalogueShape);
    const banner = report.forObject(claimsRef);
    expect(banner[0].ruleId).toBe('XP-PROVIDERCONFIG-MISSING');
    expect(banner[0].subject).toMatchObject({
      kind: 'NopResource',
      name: 'ext-functions-x7k2p-bucket',
    });
    const health = only(report.diagnoses, 'FLUX-HEALTH-CHECK', claimsSubject);
    expect((health.causes ?? []).map(cause => cause.kind)).toEqual([
      'NopResource',
      'XNopResource',
      'NopResource',
    ]);
  });
});
