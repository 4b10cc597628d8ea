import { CRASH_LOOP, fluxControllers } from '../../fixtures/runtime';
import {
  ago,
  condition,
  event,
  gitRepository,
  helmRelease,
  HOUR,
  kustomization,
  MINUTE,
  ready,
  SHA_A,
  SHA_B,
  stalledCondition,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const apis = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' };
const configs = { kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' };
const release = { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' };

const APPLIED = `main@sha1:${SHA_A}`;
const ATTEMPTED = `main@sha1:${SHA_B}`;
const okKustomization = ready('True', 'ReconciliationSucceeded', `Applied revision: ${APPLIED}`);
/** Ready since long ago: nothing in its conditions says it was handled lately. */
const longReady = ready('True', 'ReconciliationSucceeded', `Applied revision: ${APPLIED}`, {
  lastTransitionTime: ago(40 * HOUR),
});
const involvedApis = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'crossplane-apis',
};
const FETCHING = `Fetching manifests for revision ${ATTEMPTED} with a timeout of 5m0s`;
/** An attempt that began `started` ago: Ready=Unknown Progressing, Reconciling=True Progressing. */
const attemptStarted = (started: number, reconcilingSince = started) => [
  ready('Unknown', 'Progressing', 'Reconciliation in progress', {
    lastTransitionTime: ago(started),
  }),
  condition('Reconciling', 'True', 'Progressing', FETCHING, {
    lastTransitionTime: ago(reconcilingSince),
  }),
];

const historyEntry = (lastReconciled: string, revision = APPLIED) => ({
  digest: 'sha256:2b8b4f1c9a6ed1f0e8ad5f3c3f2e9c7b1c1f0e6d4b2a3c5e7f9a1b3d5e7f9a1b',
  firstReconciled: ago(72 * HOUR),
  lastReconciled,
  lastReconciledDuration: '1.2s',
  lastReconciledStatus: 'ReconciliationSucceeded',
  metadata: { revision },
  totalReconciliations: 42,
});

const DRIFT_MESSAGE =
  'Cluster state of release crossplane-system/crossplane.v4 has drifted from the desired state:\nDeployment/crossplane-system/crossplane changed (0 additions, 1 changes, 0 removals)';
const CONFIGURED =
  'CompositeResourceDefinition/xpostgres.example.org configured\nComposition/xpostgres.example.org configured\n';

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-SUSPENDED',
    name: 'Kustomization spec.suspend: true (since the suspend event)',
    objects: [
      kustomization({ suspend: true, conditions: [okKustomization] }),
      event({
        involved: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'crossplane-apis',
        },
        type: 'Normal',
        reason: 'Suspended',
        message: 'Reconciliation is suspended for this object',
        lastTimestamp: '2025-06-01T08:00:00Z',
        source: 'kustomize-controller',
      }),
    ],
    subject: apis,
    evidence: ['spec.suspend: true'],
    commands: ['flux resume kustomization crossplane-apis -n flux-system'],
    actionKinds: ['resume'],
    titleIncludes: ['since 2025-06-01T08:00:00Z'],
  },
  {
    ruleId: 'FLUX-SUSPENDED',
    name: 'suspended GitRepository',
    objects: [gitRepository({ suspend: true })],
    subject: configs,
    evidence: ['spec.suspend: true'],
    commands: ['flux resume source git crossplane-configs -n flux-system'],
  },
  {
    ruleId: 'FLUX-ROLLOUT-BEHIND',
    name: 'lastAttemptedRevision ≠ lastAppliedRevision: shows both commits',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: ATTEMPTED,
        conditions: [
          ready(
            'False',
            'HealthCheckFailed',
            "health check failed after 5m0s: timeout waiting for: [XPostgres/team-a/db status: 'InProgress']"
          ),
        ],
      }),
    ],
    subject: apis,
    evidence: [
      `status.lastAppliedRevision: ${APPLIED}`,
      `status.lastAttemptedRevision: ${ATTEMPTED}`,
      'health check failed after 5m0s',
    ],
    commands: ['flux reconcile kustomization crossplane-apis -n flux-system --with-source'],
    titleIncludes: [`main@${SHA_A.slice(0, 7)}`, `main@${SHA_B.slice(0, 7)}`],
  },
  {
    ruleId: 'FLUX-ROLLOUT-BEHIND',
    name: 'health check failed: the attempted commit is applied and live, not "still runs the previous"',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: ATTEMPTED,
        conditions: [
          ready(
            'False',
            'HealthCheckFailed',
            "health check failed after 5m0s: timeout waiting for: [XPostgres/team-a/db status: 'InProgress']"
          ),
        ],
      }),
    ],
    subject: apis,
    evidence: [`status.lastAttemptedRevision: ${ATTEMPTED}`],
    titleIncludes: [
      `main@${SHA_B.slice(0, 7)} is applied but not healthy; last healthy main@${SHA_A.slice(
        0,
        7
      )}`,
    ],
    explanationIncludes: ['its objects are live in the cluster', 'The bad change is live'],
  },
  {
    ruleId: 'FLUX-ROLLOUT-BEHIND',
    name: 'build failed: the previous commit still runs',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: ATTEMPTED,
        conditions: [
          ready('False', 'BuildFailed', 'kustomize build failed: accumulating resources'),
        ],
      }),
    ],
    subject: apis,
    evidence: [`status.lastAppliedRevision: ${APPLIED}`],
    titleIncludes: [`still runs main@${SHA_A.slice(0, 7)}; main@${SHA_B.slice(0, 7)} did not land`],
  },
  {
    ruleId: 'FLUX-ROLLOUT-BEHIND',
    name: "the source's artifact is newer than lastAppliedRevision for longer than interval + timeout",
    objects: [
      gitRepository({
        artifact: { revision: ATTEMPTED, lastUpdateTime: ago(2 * HOUR) },
        conditions: [ready('True', 'Succeeded', `stored artifact for revision '${ATTEMPTED}'`)],
      }),
      kustomization({
        interval: '10m',
        timeout: '5m',
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: APPLIED,
        conditions: [okKustomization],
      }),
    ],
    subject: apis,
    evidence: [
      `status.lastAppliedRevision: ${APPLIED}`,
      `GitRepository crossplane-configs artifact: ${ATTEMPTED}`,
    ],
    actionKinds: ['open'],
  },
  {
    ruleId: 'FLUX-STALE',
    name: 'status.history says the last reconciliation ran 3h ago with a 10m interval',
    objects: [
      kustomization({
        interval: '10m',
        conditions: [longReady],
        history: [historyEntry(ago(3 * HOUR))],
      }),
    ],
    subject: apis,
    evidence: [
      `Last sign of handling: the last reconciliation recorded in status.history ran at ${ago(
        3 * HOUR
      )}.`,
      'spec.interval: 10m',
    ],
    explanationIncludes: ['more than 2× spec.interval + spec.timeout ago'],
    commands: ['flux logs --kind=Kustomization --name=crossplane-apis -n flux-system'],
  },
  {
    ruleId: 'FLUX-STALE',
    name: 'a reconcile requested 30m ago was never handled',
    objects: [
      gitRepository({
        annotations: { 'reconcile.fluxcd.io/requestedAt': ago(30 * MINUTE) },
        lastHandledReconcileAt: ago(5 * HOUR),
        conditions: [ready('True', 'Succeeded', `stored artifact for revision '${APPLIED}'`)],
      }),
    ],
    subject: configs,
    evidence: [
      `metadata.annotations[reconcile.fluxcd.io/requestedAt]: ${ago(30 * MINUTE)}`,
      `status.lastHandledReconcileAt: ${ago(5 * HOUR)}`,
    ],
    explanationIncludes: [`requested at ${ago(30 * MINUTE)} was never handled`],
  },
  {
    ruleId: 'FLUX-STALE',
    name: 'Reconciling=True for far longer than the interval',
    objects: [
      kustomization({
        interval: '5m',
        conditions: attemptStarted(2 * HOUR),
      }),
    ],
    subject: apis,
    evidence: ['Reconciling=True (Progressing): Fetching manifests', 'spec.interval: 5m'],
    explanationIncludes: [`reconciling since ${ago(2 * HOUR)}`],
  },
  {
    ruleId: 'FLUX-STALE',
    name: 'helm-controller crash-loops: the Ready HelmRelease it reconciles is stale, caused by it',
    objects: [
      ...fluxControllers({ 'helm-controller': { pods: [CRASH_LOOP] } }),
      helmRelease({
        conditions: [
          ready(
            'True',
            'UpgradeSucceeded',
            'Helm upgrade succeeded for release crossplane-system/crossplane.v4 with chart crossplane@1.20.0'
          ),
        ],
      }),
    ],
    subject: release,
    evidence: [`Last sign of handling: condition Ready last changed at ${ago(5 * MINUTE)}.`],
    titleIncludes: ['HelmRelease crossplane: status is stale while helm-controller is down'],
    explanationIncludes: [
      'helm-controller is down: the status of HelmRelease crossplane is the last one it wrote.',
      'Nothing handles it until helm-controller is back',
    ],
    causes: [{ kind: 'Deployment', namespace: 'flux-system', name: 'helm-controller' }],
  },
  {
    ruleId: 'FLUX-STALE',
    name: 'overdue with kustomize-controller Available: says it is not down',
    objects: [
      ...fluxControllers(),
      kustomization({
        interval: '10m',
        conditions: [longReady],
        history: [historyEntry(ago(3 * HOUR))],
      }),
    ],
    subject: apis,
    evidence: [`ran at ${ago(3 * HOUR)}`, 'spec.interval: 10m'],
    explanationIncludes: ['kustomize-controller is Available, so it is not down'],
    causes: [],
  },
  {
    ruleId: 'FLUX-STALLED',
    name: 'GitRepository Stalled=True URLInvalid',
    objects: [
      gitRepository({
        url: 'github.com/org/repo',
        conditions: [
          ready('False', 'URLInvalid', 'git URL is malformed: github.com/org/repo'),
          stalledCondition('True', 'URLInvalid', 'git URL is malformed: github.com/org/repo'),
        ],
      }),
    ],
    subject: configs,
    evidence: ['git URL is malformed: github.com/org/repo'],
    commands: [
      'flux reconcile source git crossplane-configs -n flux-system',
      'flux logs --kind=GitRepository --name=crossplane-configs -n flux-system',
    ],
  },
  {
    ruleId: 'FLUX-DRIFT',
    name: 'HelmRelease DriftDetected event',
    objects: [
      helmRelease({
        conditions: [
          ready(
            'True',
            'UpgradeSucceeded',
            'Helm upgrade succeeded for release crossplane-system/crossplane.v4 with chart crossplane@1.20.0'
          ),
        ],
      }),
      event({
        involved: {
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
          namespace: 'crossplane-system',
          name: 'crossplane',
        },
        type: 'Warning',
        reason: 'DriftDetected',
        message: DRIFT_MESSAGE,
        source: 'helm-controller',
        revision: '1.20.0',
        revisionAnnotation: 'helm.toolkit.fluxcd.io/revision',
      }),
    ],
    subject: release,
    evidence: [DRIFT_MESSAGE],
    commands: [
      'kubectl events --for helmrelease.helm.toolkit.fluxcd.io/crossplane -n crossplane-system',
    ],
  },
  {
    ruleId: 'FLUX-DRIFT',
    name: 'Kustomization reports objects configured on a revision applied 72h before (status.history)',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: APPLIED,
        conditions: [okKustomization],
        history: [historyEntry(ago(2 * MINUTE))],
      }),
      event({
        involved: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'crossplane-apis',
        },
        type: 'Normal',
        reason: 'Progressing',
        message: CONFIGURED,
        revision: APPLIED,
        source: 'kustomize-controller',
      }),
    ],
    subject: apis,
    evidence: ['CompositeResourceDefinition/xpostgres.example.org configured'],
    explanationIncludes: [
      'CompositeResourceDefinition/xpostgres.example.org',
      'Composition/xpostgres.example.org',
    ],
  },
  {
    ruleId: 'FLUX-DRIFT',
    name: 'real drift names the object of the newest drift event, not of the first apply',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: APPLIED,
        conditions: [okKustomization],
      }),
      // The first apply of the commit (older) …
      event({
        involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
        type: 'Normal',
        reason: 'Progressing',
        message: 'Composition/xpostgres-aws configured\n',
        revision: APPLIED,
        source: 'kustomize-controller',
        lastTimestamp: ago(50 * MINUTE),
      }),
      // … and a change on the same, already applied revision.
      event({
        involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
        type: 'Normal',
        reason: 'Progressing',
        message: 'XPostgres/team-a/db configured\n',
        revision: APPLIED,
        source: 'kustomize-controller',
        lastTimestamp: ago(3 * MINUTE),
      }),
    ],
    subject: apis,
    evidence: ['XPostgres/team-a/db configured'],
    explanationIncludes: ['changed XPostgres/team-a/db back'],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'HelmRelease Stalled=True RetriesExceeded is one error, FLUX-HELM-STUCK (not FLUX-STALLED too)',
    objects: [
      helmRelease({
        conditions: [
          ready(
            'False',
            'UpgradeFailed',
            'Helm upgrade failed for release crossplane-system/crossplane with chart crossplane@1.20.0: context deadline exceeded'
          ),
          stalledCondition('True', 'RetriesExceeded', 'Failed to upgrade after 3 attempt(s)'),
        ],
      }),
    ],
    subject: release,
    absent: ['FLUX-STALLED'],
    present: ['FLUX-HELM-STUCK'],
  },
  {
    name: '"configured" on the first apply of the revision now applied is a rollout, not drift',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: APPLIED,
        conditions: [okKustomization],
        history: [{ ...historyEntry(ago(2 * MINUTE)), firstReconciled: ago(2 * MINUTE) }],
      }),
      event({
        involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
        type: 'Normal',
        reason: 'Progressing',
        message: CONFIGURED,
        revision: APPLIED,
        source: 'kustomize-controller',
        lastTimestamp: ago(2 * MINUTE),
      }),
    ],
    subject: apis,
    absent: ['FLUX-DRIFT'],
  },
  {
    name: 'Reconciling started a minute ago ("Fetching manifests…") after 3h of quiet is progress, not stale',
    objects: [
      ...fluxControllers(),
      kustomization({
        interval: '10m',
        conditions: attemptStarted(MINUTE),
        history: [historyEntry(ago(3 * HOUR))],
      }),
    ],
    subject: apis,
    absent: ['FLUX-STALE'],
  },
  {
    name: 'a new attempt (Ready=Unknown a minute ago) of a Kustomization retrying for hours is progress',
    objects: [
      kustomization({
        interval: '10m',
        conditions: attemptStarted(MINUTE, 5 * HOUR),
        history: [historyEntry(ago(3 * HOUR))],
      }),
    ],
    subject: apis,
    absent: ['FLUX-STALE'],
  },
  {
    name: 'a failing Kustomization between retries (ProgressingWithRetry for hours, a Warning event just now) is not stale',
    objects: [
      kustomization({
        interval: '10m',
        conditions: [
          ready('False', 'BuildFailed', 'kustomize build failed: accumulating resources', {
            lastTransitionTime: ago(5 * HOUR),
          }),
          condition('Reconciling', 'True', 'ProgressingWithRetry', FETCHING, {
            lastTransitionTime: ago(5 * HOUR),
          }),
        ],
        history: [historyEntry(ago(5 * HOUR))],
      }),
      event({
        involved: involvedApis,
        reason: 'BuildFailed',
        message: 'kustomize build failed: accumulating resources',
        lastTimestamp: ago(2 * MINUTE),
        source: 'kustomize-controller',
      }),
    ],
    subject: apis,
    absent: ['FLUX-STALE'],
    present: ['FLUX-INVALID-MANIFESTS'],
  },
  {
    name: 'old history but a "Reconciliation finished" event minutes ago: handled, not stale',
    objects: [
      kustomization({
        interval: '10m',
        conditions: [longReady],
        history: [historyEntry(ago(3 * HOUR))],
      }),
      event({
        involved: involvedApis,
        type: 'Normal',
        reason: 'ReconciliationSucceeded',
        message: 'Reconciliation finished in 1.2s, next run in 10m0s',
        lastTimestamp: ago(4 * MINUTE),
        source: 'kustomize-controller',
        revision: APPLIED,
      }),
    ],
    subject: apis,
    absent: ['FLUX-STALE'],
  },
  {
    name: 'helm-controller Available: a Ready HelmRelease is not stale',
    objects: [
      ...fluxControllers(),
      helmRelease({ conditions: [ready('True', 'UpgradeSucceeded', 'Helm upgrade succeeded')] }),
    ],
    subject: release,
    absent: ['FLUX-STALE'],
  },
  {
    name: 'spec.suspend: false is not suspended',
    objects: [kustomization({ suspend: false, conditions: [okKustomization] })],
    subject: apis,
    absent: ['FLUX-SUSPENDED'],
  },
  {
    name: 'the same commit written two ways (main@sha1:… vs sha1:…) is not behind',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: `sha1:${SHA_A}`,
        conditions: [okKustomization],
      }),
    ],
    subject: apis,
    absent: ['FLUX-ROLLOUT-BEHIND'],
  },
  {
    name: 'a new artifact within interval + timeout is not behind yet',
    objects: [
      gitRepository({ artifact: { revision: ATTEMPTED, lastUpdateTime: ago(5 * MINUTE) } }),
      kustomization({
        interval: '10m',
        timeout: '5m',
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: APPLIED,
        conditions: [okKustomization],
      }),
    ],
    subject: apis,
    absent: ['FLUX-ROLLOUT-BEHIND'],
  },
  {
    name: 'a recent reconciliation in status.history is not stale',
    objects: [
      kustomization({
        interval: '10m',
        conditions: [okKustomization],
        history: [historyEntry(ago(4 * MINUTE)), historyEntry(ago(30 * HOUR), ATTEMPTED)],
      }),
    ],
    subject: apis,
    absent: ['FLUX-STALE'],
  },
  {
    name: 'a handled reconcile request is not stale',
    objects: [
      gitRepository({
        annotations: { 'reconcile.fluxcd.io/requestedAt': ago(30 * MINUTE) },
        lastHandledReconcileAt: ago(30 * MINUTE),
      }),
    ],
    subject: configs,
    absent: ['FLUX-STALE'],
  },
  {
    name: 'a suspended object with old history is suspended, not stale',
    objects: [
      kustomization({ suspend: true, interval: '10m', history: [historyEntry(ago(30 * HOUR))] }),
    ],
    subject: apis,
    absent: ['FLUX-STALE'],
    present: ['FLUX-SUSPENDED'],
  },
  {
    name: 'Stalled=False is not stalled',
    objects: [
      gitRepository({
        conditions: [
          ready('True', 'Succeeded', 'stored artifact'),
          stalledCondition('False', 'Succeeded'),
        ],
      }),
    ],
    subject: configs,
    absent: ['FLUX-STALLED'],
  },
  {
    name: 'a stale Stalled=True (status.observedGeneration < metadata.generation) is no verdict',
    objects: [
      gitRepository({
        generation: 7,
        observedGeneration: 6,
        conditions: [
          ready('False', 'URLInvalid', 'git URL is malformed'),
          stalledCondition('True', 'URLInvalid', 'git URL is malformed'),
        ],
      }),
    ],
    subject: configs,
    absent: ['FLUX-STALLED'],
  },
  {
    name: '"configured" on a new revision is a rollout, not drift',
    objects: [
      kustomization({
        lastAppliedRevision: ATTEMPTED,
        lastAttemptedRevision: ATTEMPTED,
        conditions: [okKustomization],
      }),
      event({
        involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
        type: 'Normal',
        reason: 'Progressing',
        message: CONFIGURED,
        revision: APPLIED,
        source: 'kustomize-controller',
      }),
    ],
    subject: apis,
    absent: ['FLUX-DRIFT'],
  },
  {
    name: '"created" lines on the applied revision are not drift',
    objects: [
      kustomization({
        lastAppliedRevision: APPLIED,
        lastAttemptedRevision: APPLIED,
        conditions: [okKustomization],
      }),
      event({
        involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
        type: 'Normal',
        reason: 'Progressing',
        message: 'XPostgres/team-a/db created\n',
        revision: APPLIED,
        source: 'kustomize-controller',
      }),
    ],
    subject: apis,
    absent: ['FLUX-DRIFT'],
  },
];
