import {
  ago,
  event,
  gitRepository,
  helmRelease,
  kustomization,
  MINUTE,
  NOW,
  ready,
  SECOND,
  SHA_A,
  SHA_B,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const claims = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-claims' };
const app = { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'app' };
const OLD = `main@sha1:${SHA_A}`;
const NEW = `main@sha1:${SHA_B}`;

const source = gitRepository({
  artifact: { revision: NEW },
  conditions: [ready('True', 'Succeeded', `stored artifact for revision '${NEW}'`)],
});
const apisReady = (applied: string) =>
  kustomization({
    name: 'crossplane-apis',
    lastAppliedRevision: applied,
    lastAttemptedRevision: applied,
    conditions: [ready('True', 'ReconciliationSucceeded', `Applied revision: ${applied}`)],
  });
const claimsWaiting = (message: string) =>
  kustomization({
    name: 'crossplane-claims',
    dependsOn: ['crossplane-apis'],
    lastAppliedRevision: OLD,
    lastAttemptedRevision: OLD,
    conditions: [ready('False', 'DependencyNotReady', message)],
  });
const involvedClaims = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'crossplane-claims',
};

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: 'HelmRelease DependencyNotReady waits for its HelmRelease dependency (a warning, caused by it)',
    objects: [
      helmRelease({
        name: 'crossplane',
        conditions: [
          ready('False', 'UpgradeFailed', 'Helm upgrade failed: context deadline exceeded'),
        ],
      }),
      (() => {
        const release = helmRelease({
          name: 'app',
          conditions: [
            ready(
              'False',
              'DependencyNotReady',
              "dependency 'crossplane-system/crossplane' is not ready"
            ),
          ],
        });
        (release.spec as Record<string, unknown>).dependsOn = [{ name: 'crossplane' }];
        return release;
      })(),
    ],
    subject: app,
    severity: 'warning',
    evidence: ["dependency 'crossplane-system/crossplane' is not ready"],
    titleIncludes: ['HelmRelease app waits for crossplane-system/crossplane'],
    explanationIncludes: ['it is waiting, not failing'],
    causes: [{ kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' }],
  },
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: "dependency 'ns/name' revision is not up to date: waits for it to apply the source's revision",
    objects: [
      source,
      apisReady(OLD),
      claimsWaiting("dependency 'flux-system/crossplane-apis' revision is not up to date"),
    ],
    subject: claims,
    severity: 'warning',
    evidence: ['revision is not up to date'],
    titleIncludes: ["waits for flux-system/crossplane-apis to apply the source's current revision"],
  },
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: "dependency 'ns/name' not found: waits, and says it does not exist",
    objects: [
      source,
      claimsWaiting(
        'dependency \'flux-system/crossplane-apis\' not found: kustomizations.kustomize.toolkit.fluxcd.io "crossplane-apis" not found'
      ),
    ],
    subject: claims,
    severity: 'warning',
    evidence: ['not found'],
    titleIncludes: ['flux-system/crossplane-apis, which does not exist'],
  },
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: 'the dependency became Ready after the last check: retry time from the controller event',
    objects: [
      source,
      apisReady(NEW),
      claimsWaiting("dependency 'flux-system/crossplane-apis' is not ready"),
      event({
        involved: involvedClaims,
        type: 'Normal',
        reason: 'DependencyNotReady',
        message: 'Dependencies do not meet ready condition, retrying in 30s',
        lastTimestamp: ago(10 * SECOND),
        source: 'kustomize-controller',
      }),
    ],
    subject: claims,
    severity: 'info',
    evidence: [`last dependency check: ${ago(10 * SECOND)}`],
    titleIncludes: [
      `flux-system/crossplane-apis is Ready now; it will retry at ${new Date(
        NOW + 20 * SECOND
      ).toISOString()}`,
    ],
    explanationIncludes: ['Reconcile now to not wait'],
    actionKinds: ['reconcile'],
    causes: [],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'a Kustomization with dependsOn that fails its own build is not waiting',
    objects: [
      kustomization({ name: 'crossplane-apis', conditions: [ready('False', 'BuildFailed', 'x')] }),
      kustomization({
        name: 'crossplane-claims',
        dependsOn: ['crossplane-apis'],
        conditions: [
          ready('False', 'BuildFailed', 'kustomize build failed: accumulating resources', {
            lastTransitionTime: ago(MINUTE),
          }),
        ],
      }),
    ],
    subject: claims,
    absent: ['FLUX-DEPENDENCY'],
    present: ['FLUX-INVALID-MANIFESTS'],
  },
  {
    name: 'a HelmRelease whose upgrade failed is stuck, not waiting',
    objects: [
      helmRelease({
        name: 'app',
        conditions: [
          ready(
            'False',
            'UpgradeFailed',
            'Helm upgrade failed: timed out waiting for the condition'
          ),
        ],
      }),
    ],
    subject: app,
    absent: ['FLUX-DEPENDENCY'],
    present: ['FLUX-HELM-STUCK'],
  },
];
