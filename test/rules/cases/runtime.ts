import {
  CRASH_LOOP,
  crossplaneCore,
  fluxController,
  fluxControllers,
  IMAGE_PULL,
  packageRuntime,
  rbacManager,
} from '../../fixtures/runtime';
import {
  condition,
  gap,
  helmRelease,
  kustomization,
  packageRevision,
  ready,
  xpPackage,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const deployment = (namespace: string, name: string) => ({
  kind: 'Deployment',
  namespace,
  name,
  apiVersion: 'apps/v1',
});

const healthyPackage = [
  condition('Installed', 'True', 'ActivePackageRevision'),
  condition('Healthy', 'True', 'HealthyPackageRevision'),
];

const nopProvider = (
  conditions = healthyPackage,
  revisionConditions = [condition('Healthy', 'True', 'HealthyPackageRevision')]
) => [
  xpPackage('Provider', {
    name: 'provider-nop',
    currentRevision: 'provider-nop-5d3a1c9e2f7b',
    conditions,
  }),
  packageRevision('ProviderRevision', {
    name: 'provider-nop-5d3a1c9e2f7b',
    package: 'provider-nop',
    crds: ['nopresources.nop.crossplane.io'],
    conditions: revisionConditions,
  }),
];

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-CONTROLLER-DOWN',
    name: 'kustomize-controller crash-loops (last exit OOMKilled): open its logs, the previous container',
    objects: [
      ...fluxControllers({ 'kustomize-controller': { pods: [CRASH_LOOP] } }),
      kustomization({ conditions: [ready('True', 'ReconciliationSucceeded', 'Applied')] }),
    ],
    subject: deployment('flux-system', 'kustomize-controller'),
    evidence: [
      'Deployment kustomize-controller: 0/1 replicas available',
      'container manager: CrashLoopBackOff: back-off 5m0s restarting failed container',
      'restarted 14 times, last exit OOMKilled (exit code 137)',
    ],
    commands: [
      'kubectl logs kustomize-controller-7d9f8c6b5-x2x9z -c manager --previous -n flux-system',
      'kubectl describe pod kustomize-controller-7d9f8c6b5-x2x9z -n flux-system',
      'kubectl describe deployment.apps kustomize-controller -n flux-system',
    ],
    actionKinds: ['open', 'command'],
    titleIncludes: ['Flux kustomize-controller is down', 'CrashLoopBackOff'],
    explanationIncludes: ['(1 in this cluster)', 'OOMKilled'],
  },
  {
    ruleId: 'FLUX-CONTROLLER-DOWN',
    name: 'helm-controller scaled to 0 replicas in a namespace other than flux-system',
    objects: [
      ...fluxControllers(
        { 'helm-controller': { replicas: 0, pods: [] } },
        { namespace: 'gitops', cluster: 'prod' }
      ),
    ],
    subject: { ...deployment('gitops', 'helm-controller'), cluster: 'prod' },
    evidence: ['Deployment helm-controller: 0/0 replicas available'],
    commands: ['kubectl describe deployment.apps helm-controller -n gitops --context prod'],
    titleIncludes: ['scaled to 0 replicas'],
  },
  {
    ruleId: 'FLUX-CONTROLLER-DOWN',
    name: 'helm-controller is not installed while HelmReleases exist (its siblings are)',
    objects: [
      ...fluxControllers({ 'helm-controller': null }),
      helmRelease({ conditions: [ready('True', 'UpgradeSucceeded', 'Helm upgrade succeeded')] }),
    ],
    subject: deployment('flux-system', 'helm-controller'),
    evidence: ['no helm-controller Deployment labelled app.kubernetes.io/part-of=flux was found'],
    commands: ['flux check'],
    titleIncludes: ['not installed in namespace flux-system'],
  },
  {
    ruleId: 'FLUX-CONTROLLER-DOWN',
    name: 'source-controller degraded: one of two pods crash-loops (a warning: it still runs)',
    severity: 'warning',
    objects: fluxControllers({
      'source-controller': { replicas: 2, pods: [{}, { ...CRASH_LOOP, suffix: 'k8v2q' }] },
    }),
    subject: deployment('flux-system', 'source-controller'),
    evidence: ['1/2 replicas available', 'CrashLoopBackOff'],
    titleIncludes: ['degraded'],
    actionKinds: ['open'],
  },
  {
    ruleId: 'XP-CONTROLLER-DOWN',
    name: "a Provider's runtime cannot pull its image (ImagePullBackOff)",
    objects: [
      ...crossplaneCore(),
      ...nopProvider(),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b', {
        pods: [IMAGE_PULL],
      }),
    ],
    subject: deployment('crossplane-system', 'provider-nop-5d3a1c9e2f7b'),
    evidence: [
      'ImagePullBackOff: Back-off pulling image "xpkg.crossplane.io/crossplane-contrib/provider-nop:v0.4.0"',
    ],
    titleIncludes: ["Provider provider-nop's runtime is down"],
    explanationIncludes: ['image cannot be pulled'],
    commands: [
      'kubectl logs provider-nop-5d3a1c9e2f7b-7d9f8c6b5-x2x9z -c package-runtime -n crossplane-system',
    ],
  },
  {
    ruleId: 'XP-CONTROLLER-DOWN',
    name: "Crossplane's core crash-loops in a custom namespace",
    objects: [
      ...crossplaneCore({ namespace: 'upbound-system', pods: [CRASH_LOOP] }),
      ...rbacManager({ namespace: 'upbound-system' }),
    ],
    subject: deployment('upbound-system', 'crossplane'),
    evidence: ['CrashLoopBackOff', 'OOMKilled'],
    commands: [
      'kubectl logs crossplane-7d9f8c6b5-x2x9z -c crossplane --previous -n upbound-system',
    ],
    titleIncludes: ['Crossplane is down'],
  },
  {
    ruleId: 'XP-CONTROLLER-DOWN',
    name: 'Deployments cannot be listed: the crash-looping pods alone tell (Deployment named from the ReplicaSet)',
    objects: crossplaneCore({ withoutDeployment: true, pods: [CRASH_LOOP] }),
    visibility: [gap({ group: 'apps', kind: 'Deployment', reason: 'forbidden', status: 403 })],
    subject: deployment('crossplane-system', 'crossplane'),
    evidence: ['0/1 pods ready', 'CrashLoopBackOff'],
  },
  {
    ruleId: 'XP-CONTROLLER-DOWN',
    name: 'a provider runtime at 0 replicas without AwaitingActivation is down',
    objects: [
      ...nopProvider(),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b', {
        replicas: 0,
        pods: [],
      }),
    ],
    subject: deployment('crossplane-system', 'provider-nop-5d3a1c9e2f7b'),
    evidence: ['0/0 replicas available'],
    titleIncludes: ['scaled to 0 replicas'],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'a healthy install: every controller available',
    objects: [
      ...fluxControllers(),
      ...crossplaneCore(),
      ...rbacManager(),
      ...nopProvider(),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b'),
      kustomization({ conditions: [ready('True', 'ReconciliationSucceeded', 'Applied')] }),
    ],
    absent: ['FLUX-CONTROLLER-DOWN', 'XP-CONTROLLER-DOWN'],
  },
  {
    name: 'restarted 3 times long ago, running and ready now: not in trouble',
    objects: fluxControllers({
      'kustomize-controller': {
        pods: [{ restarts: 3, lastTerminated: { reason: 'Error', exitCode: 1 } }],
      },
    }),
    absent: ['FLUX-CONTROLLER-DOWN'],
  },
  {
    name: 'no helm-controller and no HelmRelease: nothing is missing',
    objects: fluxControllers({ 'helm-controller': null }),
    absent: ['FLUX-CONTROLLER-DOWN'],
  },
  {
    name: 'Deployments cannot be listed: a controller is not concluded missing',
    objects: [
      ...fluxControllers({ 'helm-controller': null }, { withoutDeployment: true }),
      helmRelease({ conditions: [ready('True', 'UpgradeSucceeded', 'Helm upgrade succeeded')] }),
    ],
    visibility: [gap({ group: 'apps', kind: 'Deployment', reason: 'forbidden', status: 403 })],
    absent: ['FLUX-CONTROLLER-DOWN'],
  },
  {
    name: 'no Deployment or Pod read at all (a snapshot of Flux objects): silent',
    objects: [
      kustomization({ conditions: [ready('True', 'ReconciliationSucceeded', 'Applied')] }),
      helmRelease({ conditions: [ready('True', 'UpgradeSucceeded', 'Helm upgrade succeeded')] }),
    ],
    absent: ['FLUX-CONTROLLER-DOWN', 'XP-CONTROLLER-DOWN'],
  },
  {
    name: "an unhealthy revision has no runtime: the package's own problem, not a missing runtime",
    objects: [
      ...crossplaneCore(),
      ...nopProvider(
        [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition(
            'Healthy',
            'False',
            'UnhealthyPackageRevision',
            'missing dependencies: [xpkg.crossplane.io/crossplane-contrib/provider-family-nop]'
          ),
        ],
        [condition('Healthy', 'False', 'UnhealthyPackageRevision', 'missing dependencies')]
      ),
    ],
    subject: { kind: 'Provider', name: 'provider-nop' },
    absent: ['XP-CONTROLLER-DOWN'],
    present: ['XP-PACKAGE-UNHEALTHY'],
  },
  {
    name: 'the crash-looping runtime of an inactive revision is on its way out',
    objects: [
      ...crossplaneCore(),
      ...nopProvider(),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b'),
      packageRevision('ProviderRevision', {
        name: 'provider-nop-0a1b2c3d4e5f',
        package: 'provider-nop',
        desiredState: 'Inactive',
      }),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-0a1b2c3d4e5f', {
        pods: [CRASH_LOOP],
      }),
    ],
    absent: ['XP-CONTROLLER-DOWN'],
  },
  {
    name: 'a rollout in progress: the new pod is creating, the old one serves',
    objects: fluxController('kustomize-controller', {
      replicas: 1,
      available: 1,
      pods: [
        {},
        {
          suffix: 'n3w9p',
          ready: false,
          waiting: { reason: 'ContainerCreating' },
          phase: 'Pending',
        },
      ],
    }),
    absent: ['FLUX-CONTROLLER-DOWN'],
  },
  {
    name: 'a provider runtime at 0 replicas while its Provider is Healthy=True AwaitingActivation (Crossplane 2.x safe-start) is not down',
    objects: [
      ...nopProvider(
        [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition('Healthy', 'True', 'AwaitingActivation'),
        ],
        [
          condition('Healthy', 'True', 'AwaitingActivation'),
          condition('RuntimeActive', 'False', 'AwaitingActivation'),
        ]
      ),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b', {
        replicas: 0,
        pods: [],
      }),
    ],
    absent: ['XP-CONTROLLER-DOWN', 'XP-PACKAGE-UNHEALTHY'],
  },
];
