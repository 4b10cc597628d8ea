import { condition, helmChart, helmRelease, ready, stalledCondition } from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const release = { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' };

const UPGRADE_TIMEOUT =
  'Helm upgrade failed for release crossplane-system/crossplane with chart crossplane@1.20.0: context deadline exceeded';
const LOCKED =
  'Helm upgrade failed for release crossplane-system/crossplane with chart crossplane@1.20.0: another operation (install/upgrade/rollback) is in progress';
const RETRIES = 'Failed to upgrade after 3 attempt(s)';
/** source-controller internal/helm/chart/errors.go + repository/chart_repository.go. */
export const INVALID_CHART =
  "invalid chart reference: failed to get chart version for remote reference: no 'crossplane' chart with version matching '9.9.x' found";
/** helm-controller isReady: `<Kind> '<ns>/<name>' is not ready: <the source's message>`. */
export const CHART_NOT_READY = `HelmChart 'flux-system/crossplane-system-crossplane' is not ready: ${INVALID_CHART}`;
const INSTALL_FAILED =
  'Helm install failed for release crossplane-system/crossplane with chart crossplane@1.20.0: timed out waiting for the condition';
const TEST_FAILED =
  'Helm test failed for release crossplane-system/crossplane with chart crossplane@1.20.0: pod crossplane-test-connection failed';

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-HELM-STUCK',
    name: 'UpgradeFailed: context deadline exceeded',
    objects: [
      helmRelease({
        lastAttemptedRevision: '1.20.0',
        helmChart: 'flux-system/crossplane-system-crossplane',
        conditions: [
          ready('False', 'UpgradeFailed', UPGRADE_TIMEOUT),
          condition('Released', 'False', 'UpgradeFailed', UPGRADE_TIMEOUT),
        ],
      }),
    ],
    subject: release,
    evidence: [UPGRADE_TIMEOUT],
    commands: [
      'flux logs --kind=HelmRelease --name=crossplane -n crossplane-system',
      'kubectl events --for helmrelease.helm.toolkit.fluxcd.io/crossplane -n crossplane-system',
      'flux reconcile helmrelease crossplane -n crossplane-system',
      'flux reconcile helmrelease crossplane -n crossplane-system --with-source',
    ],
    actionKinds: ['force'],
    titleIncludes: ['UpgradeFailed', 'crossplane 1.20.0'],
  },
  {
    ruleId: 'FLUX-HELM-STUCK',
    name: 'another operation (install/upgrade/rollback) is in progress: suspend/resume clears the lock',
    objects: [helmRelease({ conditions: [ready('False', 'UpgradeFailed', LOCKED)] })],
    subject: release,
    evidence: [LOCKED],
    commands: [
      'flux suspend helmrelease crossplane -n crossplane-system',
      'flux resume helmrelease crossplane -n crossplane-system',
    ],
    explanationIncludes: ['lock'],
  },
  {
    ruleId: 'FLUX-HELM-STUCK',
    name: 'Stalled=True RetriesExceeded: reset the failure counters',
    objects: [
      helmRelease({
        conditions: [
          ready('False', 'UpgradeFailed', UPGRADE_TIMEOUT),
          stalledCondition('True', 'RetriesExceeded', RETRIES),
        ],
      }),
    ],
    subject: release,
    evidence: [UPGRADE_TIMEOUT, RETRIES],
    actionKinds: ['reset'],
  },
  {
    ruleId: 'FLUX-HELM-STUCK',
    name: 'InstallFailed: timed out waiting for the condition',
    objects: [
      helmRelease({
        conditions: [
          ready('False', 'InstallFailed', INSTALL_FAILED),
          condition('Released', 'False', 'InstallFailed', INSTALL_FAILED),
        ],
      }),
    ],
    subject: release,
    evidence: [INSTALL_FAILED],
  },
  {
    ruleId: 'FLUX-HELM-STUCK',
    name: 'TestFailed reported on the Released/TestSuccess conditions',
    objects: [
      helmRelease({
        conditions: [
          ready('False', 'TestFailed', TEST_FAILED),
          condition('Released', 'True', 'UpgradeSucceeded', 'Helm upgrade succeeded'),
          condition('TestSuccess', 'False', 'TestFailed', TEST_FAILED),
        ],
      }),
    ],
    subject: release,
    evidence: [TEST_FAILED],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'a released HelmRelease (Ready=True UpgradeSucceeded)',
    objects: [
      helmRelease({
        conditions: [
          ready(
            'True',
            'UpgradeSucceeded',
            'Helm upgrade succeeded for release crossplane-system/crossplane.v4 with chart crossplane@1.20.0'
          ),
          condition(
            'Released',
            'True',
            'UpgradeSucceeded',
            'Helm upgrade succeeded for release crossplane-system/crossplane.v4 with chart crossplane@1.20.0'
          ),
        ],
      }),
    ],
    subject: release,
    absent: ['FLUX-HELM-STUCK', 'FLUX-STALLED'],
  },
  {
    name: 'a stale UpgradeFailed (status.observedGeneration < metadata.generation) is no verdict',
    objects: [
      helmRelease({
        generation: 4,
        observedGeneration: 3,
        conditions: [ready('False', 'UpgradeFailed', UPGRADE_TIMEOUT)],
      }),
    ],
    subject: release,
    absent: ['FLUX-HELM-STUCK'],
  },
  {
    name: 'a stale Stalled=True (status.observedGeneration < metadata.generation) is no verdict',
    objects: [
      helmRelease({
        generation: 4,
        observedGeneration: 3,
        conditions: [
          ready('False', 'UpgradeFailed', UPGRADE_TIMEOUT),
          stalledCondition('True', 'RetriesExceeded', RETRIES),
        ],
      }),
    ],
    subject: release,
    absent: ['FLUX-HELM-STUCK', 'FLUX-STALLED'],
  },
  {
    name: 'Ready=Unknown while an upgrade runs ("with timeout of 5m0s" is not a timeout)',
    objects: [
      helmRelease({
        conditions: [
          ready('Unknown', 'Progressing', "Running 'upgrade' action with timeout of 5m0s"),
        ],
      }),
    ],
    subject: release,
    absent: ['FLUX-HELM-STUCK'],
  },
  {
    name: 'ArtifactFailed (the chart is not ready) is not a stuck release',
    objects: [
      helmRelease({
        conditions: [
          ready(
            'False',
            'ArtifactFailed',
            "HelmChart 'flux-system/crossplane-system-crossplane' is not ready"
          ),
        ],
      }),
    ],
    subject: release,
    absent: ['FLUX-HELM-STUCK'],
  },
  {
    name: 'an UpgradeFailed release whose HelmChart is Ready is stuck, not an artifact problem',
    objects: [
      helmRelease({
        helmChart: 'flux-system/crossplane-system-crossplane',
        conditions: [ready('False', 'UpgradeFailed', UPGRADE_TIMEOUT)],
      }),
      helmChart({
        name: 'crossplane-system-crossplane',
        conditions: [ready('True', 'ChartPullSucceeded', 'pulled crossplane@1.20.0')],
      }),
    ],
    subject: release,
    absent: ['FLUX-ARTIFACT'],
    present: ['FLUX-HELM-STUCK'],
  },
  {
    name: 'a failing HelmChart of a Ready release is not reported on the release',
    objects: [
      helmRelease({
        helmChart: 'flux-system/crossplane-system-crossplane',
        conditions: [ready('True', 'UpgradeSucceeded', 'Helm upgrade succeeded')],
      }),
      helmChart({
        name: 'crossplane-system-crossplane',
        conditions: [ready('False', 'InvalidChartReference', INVALID_CHART)],
      }),
    ],
    subject: release,
    absent: ['FLUX-ARTIFACT', 'FLUX-HELM-STUCK'],
  },
];
