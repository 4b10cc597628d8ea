import { helmRelease, Json, kustomization, ready, SHA_A, SHA_B } from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const apis = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' };
const release = { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' };
const BUILD_FAILED = `kustomize build failed: accumulating resources from 'claims': open claims: no such file or directory`;
const UPGRADE_TIMEOUT =
  'Helm upgrade failed for release crossplane-system/crossplane with chart crossplane@1.21.0: context deadline exceeded';

/** A Kustomization suspended at generation `generation` whose Ready describes `observed`. */
const suspendedAfterFailure = (generation: number, observed: number) =>
  kustomization({
    suspend: true,
    generation,
    lastAppliedRevision: `main@sha1:${SHA_A}`,
    lastAttemptedRevision: `main@sha1:${SHA_B}`,
    conditions: [ready('False', 'BuildFailed', BUILD_FAILED, { observedGeneration: observed })],
  });

/** helm-controller's status.history: newest first, up to the last successful release. */
function withHistory(object: Json, history: Json[]): Json {
  object.status = { ...(object.status as Json), history };
  return object;
}
const snapshot = (version: number, chartVersion: string, status: string): Json => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  name: 'crossplane',
  namespace: 'crossplane-system',
  version,
  status,
  chartName: 'crossplane',
  chartVersion,
  appVersion: chartVersion,
  configDigest: 'sha256:1e3a',
  digest: 'sha256:9c1f',
  firstDeployed: '2025-06-01T10:00:00Z',
  lastDeployed: '2025-06-02T11:00:00Z',
});

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-INVALID-MANIFESTS',
    name: 'suspended after a failed build: the generation bump of spec.suspend does not hide the last verdict',
    objects: [suspendedAfterFailure(5, 4)],
    subject: apis,
    evidence: [BUILD_FAILED],
  },
  {
    ruleId: 'FLUX-HELM-STUCK',
    name: 'upgrade failed: the title names the attempted and the still-deployed chart version (status.history)',
    objects: [
      withHistory(
        helmRelease({
          lastAttemptedRevision: '1.21.0',
          conditions: [ready('False', 'UpgradeFailed', UPGRADE_TIMEOUT)],
        }),
        [snapshot(5, '1.21.0', 'failed'), snapshot(4, '1.20.0', 'deployed')]
      ),
    ],
    subject: release,
    evidence: [UPGRADE_TIMEOUT],
    titleIncludes: ['chart crossplane 1.21.0 attempted, 1.20.0 still deployed'],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'suspended, but the spec changed beyond the suspend (generation two ahead): the verdict is stale',
    objects: [suspendedAfterFailure(6, 4)],
    subject: apis,
    absent: ['FLUX-INVALID-MANIFESTS'],
    present: ['FLUX-SUSPENDED'],
  },
  {
    name: 'not suspended, one generation ahead: a new spec not yet observed, no verdict',
    objects: [
      kustomization({
        generation: 5,
        conditions: [ready('False', 'BuildFailed', BUILD_FAILED, { observedGeneration: 4 })],
      }),
    ],
    subject: apis,
    absent: ['FLUX-INVALID-MANIFESTS'],
  },
];
