/**
 * The controllers of the scenario's clusters, as their install manifests
 * label them: Flux's four controllers (`flux install`: part-of=flux,
 * component=<controller>), Crossplane's core and RBAC manager (Helm chart:
 * part-of=crossplane, app=<name>), and one runtime per active Provider and
 * Function revision (owned by the revision, pods labelled
 * pkg.crossplane.io/revision). One Deployment and one running Pod each.
 */
import type { KubeObject } from '../server/kubeApi';

export const FLUX_VERSION = 'v2.9.0';
export const CROSSPLANE_VERSION = '2.3.0';

const STARTED = '2026-11-20T10:05:00Z';

function hash(text: string): string {
  let value = 7;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value.toString(36).padStart(7, '0').slice(-7);
}

interface Workload {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  podLabels?: Record<string, string>;
  container: string;
  image: string;
  owner?: { apiVersion: string; kind: string; name: string };
}

function workload(spec: Workload): KubeObject[] {
  const templateHash = hash(spec.name + spec.image).slice(0, 10);
  const podLabels = { ...spec.labels, ...spec.podLabels, 'pod-template-hash': templateHash };
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      generation: 1,
      labels: spec.labels,
      creationTimestamp: STARTED,
      ...(spec.owner
        ? {
            ownerReferences: [
              {
                ...spec.owner,
                uid: `${hash(spec.owner.name)}-owner`,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: spec.podLabels ?? spec.labels },
      template: {
        metadata: { labels: { ...spec.labels, ...spec.podLabels } },
        spec: { containers: [{ name: spec.container, image: spec.image }] },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastTransitionTime: STARTED,
          lastUpdateTime: STARTED,
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${spec.name}-${templateHash}" has successfully progressed.`,
          lastTransitionTime: STARTED,
          lastUpdateTime: STARTED,
        },
      ],
    },
  };
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${spec.name}-${templateHash}-${hash(spec.name).slice(0, 5)}`,
      namespace: spec.namespace,
      labels: podLabels,
      creationTimestamp: STARTED,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${spec.name}-${templateHash}`,
          uid: `${hash(spec.name)}-rs`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: 'staging-control-plane',
      containers: [{ name: spec.container, image: spec.image }],
    },
    status: {
      phase: 'Running',
      startTime: STARTED,
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: STARTED },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: STARTED },
      ],
      containerStatuses: [
        {
          name: spec.container,
          image: spec.image,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: STARTED } },
        },
      ],
    },
  };
  return [deployment, pod];
}

const FLUX_CONTROLLERS: Array<[string, string]> = [
  ['source-controller', 'v1.9.0'],
  ['kustomize-controller', 'v1.9.0'],
  ['helm-controller', 'v1.6.0'],
  ['notification-controller', 'v1.9.0'],
];

/** Package revisions that run a runtime: [revision kind, revision, package, image]. */
const PACKAGE_RUNTIMES: Array<['ProviderRevision' | 'FunctionRevision', string, string, string]> = [
  [
    'ProviderRevision',
    'provider-nop-ext-functions-1a2b3c',
    'provider-nop-ext-functions',
    'xpkg.upbound.io/crossplane-contrib/provider-nop:v0.3.0',
  ],
  [
    'FunctionRevision',
    'function-dummy-ext-functions-5e3a1b',
    'function-dummy-ext-functions',
    'xpkg.crossplane.io/crossplane-contrib/function-dummy:v0.3.0',
  ],
  [
    'FunctionRevision',
    'function-auto-ready-ext-functions-2c4d6e',
    'function-auto-ready-ext-functions',
    'xpkg.upbound.io/crossplane-contrib/function-auto-ready:v0.3.0',
  ],
];

export function controllers(): KubeObject[] {
  const flux = FLUX_CONTROLLERS.flatMap(([name, version]) =>
    workload({
      namespace: 'flux-system',
      name,
      labels: {
        'app.kubernetes.io/part-of': 'flux',
        'app.kubernetes.io/component': name,
        'app.kubernetes.io/instance': 'flux-system',
        'app.kubernetes.io/version': FLUX_VERSION,
        'control-plane': 'controller',
      },
      podLabels: { app: name },
      container: 'manager',
      image: `ghcr.io/fluxcd/${name}:${version}`,
    })
  );
  const crossplane = ['crossplane', 'crossplane-rbac-manager'].flatMap(name =>
    workload({
      namespace: 'crossplane-system',
      name,
      labels: {
        app: name,
        release: 'crossplane',
        'app.kubernetes.io/part-of': 'crossplane',
        'app.kubernetes.io/component': 'cloud-infrastructure-controller',
        'app.kubernetes.io/instance': 'crossplane',
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/name': 'crossplane',
        'app.kubernetes.io/version': CROSSPLANE_VERSION,
        'helm.sh/chart': `crossplane-${CROSSPLANE_VERSION}`,
      },
      container: name === 'crossplane' ? 'crossplane' : 'crossplane-rbac-manager',
      image: `xpkg.crossplane.io/crossplane/crossplane:v${CROSSPLANE_VERSION}`,
    })
  );
  const runtimes = PACKAGE_RUNTIMES.flatMap(([kind, revision, pkg, image]) =>
    workload({
      namespace: 'crossplane-system',
      name: revision,
      labels: {},
      podLabels: {
        'pkg.crossplane.io/revision': revision,
        [kind === 'ProviderRevision' ? 'pkg.crossplane.io/provider' : 'pkg.crossplane.io/function']:
          pkg,
      },
      container: 'package-runtime',
      image,
      owner: { apiVersion: 'pkg.crossplane.io/v1', kind, name: revision },
    })
  );
  return [...flux, ...crossplane, ...runtimes];
}

/**
 * Puts one controller into a crash loop (out of memory), as `kubectl get pods` would show it:
 * the Deployment has no available replica and its pod waits in CrashLoopBackOff.
 */
export function crashLoop(objects: KubeObject[], name: string, since: string): void {
  const deployment = objects.find(
    object => object.kind === 'Deployment' && object.metadata.name === name
  );
  const pod = objects.find(
    object => object.kind === 'Pod' && object.metadata.name.startsWith(`${name}-`)
  );
  if (!deployment || !pod) throw new Error(`scenario: no controller ${name}`);
  deployment.status = {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    unavailableReplicas: 1,
    conditions: [
      {
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
        lastTransitionTime: since,
        lastUpdateTime: since,
      },
    ],
  };
  const container = (pod.spec as { containers: Array<{ name: string; image: string }> })
    .containers[0];
  pod.status = {
    phase: 'Running',
    startTime: STARTED,
    conditions: [
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: since },
      {
        type: 'ContainersReady',
        status: 'False',
        reason: 'ContainersNotReady',
        lastTransitionTime: since,
      },
    ],
    containerStatuses: [
      {
        name: container.name,
        image: container.image,
        ready: false,
        started: false,
        restartCount: 7,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off 5m0s restarting failed container=${container.name} pod=${pod.metadata.name}`,
          },
        },
        lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: since } },
      },
    ],
  };
}
