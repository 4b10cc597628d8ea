import { packageRuntimeNamespaces, RUNTIME_LISTS, runtimeLists } from '../../src/k8s/runtimeLists';
import { buildIndex } from '../../src/model/clusterIndex';
import { lookUp } from '../../src/model/join';
import type { Controller, ControllerEvidence } from '../../src/model/runtime';
import {
  fluxVersionFromCrds,
  parseImage,
  parseVersion,
  reconcilerOf,
  runtimeFeatures,
  runtimeOf,
  versionAtLeast,
} from '../../src/model/runtime';
import type { VisibilityGap } from '../../src/model/visibility';
import { evidenceLine, problemMessage, renderEnglish } from '../../src/rules';
import {
  CRASH_LOOP,
  crossplaneCore,
  fluxController,
  fluxControllers,
  IMAGE_PULL,
  packageRuntime,
  rbacManager,
} from '../fixtures/runtime';
import {
  condition,
  gap,
  gitRepository,
  helmRelease,
  Json,
  kustomization,
  managed,
  packageRevision,
  ready,
  xpPackage,
  xr,
} from '../rules/builders';

/** A controller's problem as the rules and the CLI say it (empty when it has none). */
function problemEnglish(controller: Controller | undefined): string {
  return controller?.problemText ? renderEnglish(problemMessage(controller.problemText)) : '';
}

/** A fact behind a controller's state as the rules and the CLI print it. */
function evidenceEnglish(evidence: ControllerEvidence): string {
  const line = evidenceLine(evidence);
  return 'message' in line ? renderEnglish(line.message) : line.text;
}

function runtime(objects: Json[], visibility: VisibilityGap[] = [], cluster = '') {
  const index = buildIndex({ objects, visibility });
  return { index, runtime: runtimeOf(index, cluster) };
}

const provider = (revisionHealthy = true) => [
  xpPackage('Provider', {
    name: 'provider-nop',
    currentRevision: 'provider-nop-5d3a1c9e2f7b',
    conditions: [condition('Installed', 'True'), condition('Healthy', 'True')],
  }),
  packageRevision('ProviderRevision', {
    name: 'provider-nop-5d3a1c9e2f7b',
    package: 'provider-nop',
    crds: ['nopresources.nop.crossplane.io'],
    conditions: [condition('Healthy', revisionHealthy ? 'True' : 'False')],
  }),
];

const fn = [
  xpPackage('Function', {
    name: 'function-auto-ready',
    currentRevision: 'function-auto-ready-1a2b3c',
    conditions: [condition('Installed', 'True'), condition('Healthy', 'True')],
  }),
  packageRevision('FunctionRevision', {
    name: 'function-auto-ready-1a2b3c',
    package: 'function-auto-ready',
    conditions: [condition('Healthy', 'True')],
  }),
];

describe('images and versions', () => {
  it.each([
    [
      'ghcr.io/fluxcd/kustomize-controller:v1.6.1',
      'ghcr.io/fluxcd/kustomize-controller',
      'v1.6.1',
      undefined,
    ],
    [
      'ghcr.io/fluxcd/kustomize-controller:v1.6.1@sha256:4c2f',
      'ghcr.io/fluxcd/kustomize-controller',
      'v1.6.1',
      'sha256:4c2f',
    ],
    [
      'registry.local:5000/crossplane/crossplane',
      'registry.local:5000/crossplane/crossplane',
      undefined,
      undefined,
    ],
    ['crossplane@sha256:abcd', 'crossplane', undefined, 'sha256:abcd'],
  ])('parseImage(%s)', (image, repository, tag, digest) => {
    expect(parseImage(image)).toEqual({
      repository,
      ...(tag ? { tag } : {}),
      ...(digest ? { digest } : {}),
    });
  });

  it('reads versions and compares them', () => {
    expect(parseVersion('v2.3.1')).toBe('2.3.1');
    expect(parseVersion('1.5')).toBe('1.5.0');
    expect(parseVersion('v1.5.0-rc.1')).toBe('1.5.0-rc.1');
    expect(parseVersion('v1.5-rc.1')).toBe('1.5.0-rc.1');
    expect(parseVersion('latest')).toBeUndefined();
    expect(parseVersion('sha256:0123456789abcdef')).toBeUndefined();
    expect(versionAtLeast('v2.3.0', 'v2.3.0')).toBe(true);
    expect(versionAtLeast('v2.2.9', 'v2.3.0')).toBe(false);
    expect(versionAtLeast('v10.0.0', 'v2.3.0')).toBe(true);
    expect(versionAtLeast('main', 'v2.3.0')).toBeUndefined();
    // A release candidate is not yet the release (semver precedence).
    expect(versionAtLeast('v2.3.0-rc.1', 'v2.3.0')).toBe(false);
    expect(versionAtLeast('v2.4.0-rc.0', 'v2.3.0')).toBe(true);
    expect(versionAtLeast('v2.3.0-rc.2', 'v2.3.0-rc.1')).toBe(true);
  });

  it('reads the Flux version from the toolkit CRDs when no Deployment tells it', () => {
    const crd = (group: string, version: string) => ({
      metadata: {
        name: `x.${group}`,
        labels: { 'app.kubernetes.io/part-of': 'flux', 'app.kubernetes.io/version': version },
      },
      spec: { group },
    });
    expect(
      fluxVersionFromCrds([
        crd('source.toolkit.fluxcd.io', 'v2.6.4'),
        crd('kustomize.toolkit.fluxcd.io', 'v2.6.4'),
        crd('example.org', 'v9'),
      ])
    ).toBe('v2.6.4');
    expect(fluxVersionFromCrds(undefined)).toBeUndefined();
  });
});

describe('what the data layer lists', () => {
  it('three label-selected lists per cluster, plus the Deployments of each namespace where Crossplane runs', () => {
    expect(RUNTIME_LISTS.map(list => [list.kind, list.labelSelector])).toEqual([
      ['Deployment', 'app.kubernetes.io/part-of in (flux,crossplane)'],
      ['Pod', 'app.kubernetes.io/part-of in (flux,crossplane)'],
      ['Pod', 'pkg.crossplane.io/revision'],
    ]);
    const { index } = runtime([
      ...crossplaneCore({ namespace: 'xp' }),
      ...packageRuntime('Function', 'function-auto-ready', 'function-auto-ready-1a2b3c', {
        namespace: 'xp-functions',
        withoutDeployment: true,
      }),
    ]);
    expect(packageRuntimeNamespaces(index, '')).toEqual(['xp', 'xp-functions']);
    expect(runtimeLists(index, '').slice(3)).toEqual([
      {
        id: 'runtime/package-deployments/xp',
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        plural: 'deployments',
        namespace: 'xp',
      },
      {
        id: 'runtime/package-deployments/xp-functions',
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        plural: 'deployments',
        namespace: 'xp-functions',
      },
    ]);
  });
});

describe('runtimeOf', () => {
  it('finds every controller wherever it is installed, with state, image, version, container and age', () => {
    const { runtime: found } = runtime([
      ...fluxControllers({}, { namespace: 'gitops' }),
      ...crossplaneCore({ namespace: 'upbound-system' }),
      ...rbacManager({ namespace: 'upbound-system' }),
      ...provider(),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b', {
        namespace: 'upbound-system',
      }),
      ...fn,
      ...packageRuntime('Function', 'function-auto-ready', 'function-auto-ready-1a2b3c', {
        namespace: 'upbound-system',
      }),
    ]);
    expect(
      found.controllers.map(c => [c.kind, c.name, c.namespace, c.state, c.container, c.version])
    ).toEqual([
      ['flux', 'source-controller', 'gitops', 'available', 'manager', 'v1.6.2'],
      ['flux', 'kustomize-controller', 'gitops', 'available', 'manager', 'v1.6.1'],
      ['flux', 'helm-controller', 'gitops', 'available', 'manager', 'v1.3.0'],
      ['flux', 'notification-controller', 'gitops', 'available', 'manager', 'v1.6.0'],
      ['crossplane', 'crossplane', 'upbound-system', 'available', 'crossplane', 'v2.0.2'],
      [
        'rbac-manager',
        'crossplane-rbac-manager',
        'upbound-system',
        'available',
        'crossplane',
        'v2.0.2',
      ],
      ['provider', 'provider-nop', 'upbound-system', 'available', 'package-runtime', 'v0.4.0'],
      [
        'function',
        'function-auto-ready',
        'upbound-system',
        'available',
        'package-runtime',
        'v0.4.0',
      ],
    ]);
    expect(found.fluxVersion).toBe('v2.6.4');
    expect(found.crossplaneVersion).toBe('v2.0.2');
    expect(found.fluxFound && found.crossplaneFound).toBe(true);
    const nop = found.controllers.find(c => c.name === 'provider-nop');
    expect(nop?.package?.kind).toBe('Provider');
    expect(nop?.revisionName).toBe('provider-nop-5d3a1c9e2f7b');
    expect(nop?.pods.map(pod => pod.resource.name)).toEqual([
      'provider-nop-5d3a1c9e2f7b-7d9f8c6b5-x2x9z',
    ]);
    expect(nop?.desiredReplicas).toBe(1);
    expect(nop?.availableReplicas).toBe(1);
    expect(nop?.createdAt).toBeTruthy();
  });

  it('a crash-looping controller is down: reason, restarts and the last exit as evidence', () => {
    const { runtime: found } = runtime(
      fluxControllers({ 'kustomize-controller': { pods: [CRASH_LOOP] } })
    );
    const kustomize = found.controllers.find(c => c.name === 'kustomize-controller');
    expect(kustomize?.state).toBe('down');
    expect(problemEnglish(kustomize)).toBe('CrashLoopBackOff (last exit OOMKilled)');
    expect(kustomize?.restarts).toBe(14);
    expect(kustomize?.evidence.map(evidenceEnglish)).toEqual([
      'Deployment kustomize-controller: 0/1 replicas available',
      expect.stringContaining('container manager: CrashLoopBackOff: back-off 5m0s'),
      expect.stringContaining('restarted 14 times, last exit OOMKilled (exit code 137)'),
      'Available=False (MinimumReplicasUnavailable): Deployment does not have minimum availability.',
    ]);
  });

  it('degraded when it runs with a pod in trouble; down when scaled to zero; available through a rollout', () => {
    const { runtime: found } = runtime([
      ...fluxController('source-controller', {
        replicas: 2,
        pods: [{}, { ...CRASH_LOOP, suffix: 'k8v2q' }],
      }),
      ...fluxController('helm-controller', { replicas: 0, pods: [] }),
      ...fluxController('kustomize-controller', {
        pods: [{}, { suffix: 'n3w9p', waiting: { reason: 'ContainerCreating' }, phase: 'Pending' }],
        available: 1,
      }),
    ]);
    const state = (name: string) => found.controllers.find(c => c.name === name);
    expect(state('source-controller')?.state).toBe('degraded');
    expect(state('source-controller')?.pods[0].trouble?.reason).toBe('CrashLoopBackOff');
    expect(state('helm-controller')?.state).toBe('down');
    expect(problemEnglish(state('helm-controller'))).toBe('scaled to 0 replicas');
    expect(state('kustomize-controller')?.state).toBe('available');
  });

  it('a missing controller only where its objects exist, its siblings were found, and Deployments were read', () => {
    const objects = [
      ...fluxControllers({ 'helm-controller': null, 'notification-controller': null }),
      helmRelease({ conditions: [ready('True', 'UpgradeSucceeded')] }),
    ];
    const missing = runtime(objects).runtime.controllers.filter(c => c.state === 'missing');
    expect(missing.map(c => [c.name, c.namespace, c.deploymentRef.name])).toEqual([
      ['helm-controller', 'flux-system', 'helm-controller'],
    ]);
    const forbidden = runtime(objects, [
      gap({ group: 'apps', kind: 'Deployment', reason: 'forbidden', status: 403 }),
    ]).runtime;
    expect(forbidden.controllers.filter(c => c.state === 'missing')).toEqual([]);
    expect(forbidden.deploymentGaps).toHaveLength(1);
    // Nothing of Flux found by its labels: no verdict at all.
    expect(
      runtime([helmRelease({ conditions: [ready('True', 'UpgradeSucceeded')] })]).runtime
        .controllers
    ).toEqual([]);
  });

  it('without Deployments, pods alone: state from readiness, Deployment named from the ReplicaSet', () => {
    const { runtime: found } = runtime(
      [
        ...crossplaneCore({ withoutDeployment: true, pods: [CRASH_LOOP] }),
        ...rbacManager({ withoutDeployment: true }),
      ],
      [gap({ group: 'apps', kind: 'Deployment', reason: 'forbidden', status: 403 })]
    );
    expect(
      found.controllers.map(c => [c.name, c.state, c.deploymentRef.name, c.deployment])
    ).toEqual([
      ['crossplane', 'down', 'crossplane', undefined],
      ['crossplane-rbac-manager', 'available', 'crossplane-rbac-manager', undefined],
    ]);
  });

  it('without Pods, the Deployment alone: availability, no restarts or logs pod', () => {
    const objects = fluxController('kustomize-controller').filter(o => o.kind === 'Deployment');
    const { runtime: found } = runtime(objects, [
      gap({ group: '', kind: 'Pod', reason: 'forbidden', status: 403 }),
    ]);
    expect(found.controllers.map(c => [c.name, c.state, c.pods.length])).toEqual([
      ['kustomize-controller', 'available', 0],
    ]);
    expect(found.podGaps).toHaveLength(1);
  });

  it("package runtimes: the active revision's only; missing only when the revision is healthy", () => {
    const inactive = [
      packageRevision('ProviderRevision', {
        name: 'provider-nop-0a1b2c',
        package: 'provider-nop',
        desiredState: 'Inactive',
      }),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-0a1b2c', { pods: [IMAGE_PULL] }),
    ];
    const healthy = runtime([...crossplaneCore(), ...provider(true), ...inactive]).runtime;
    expect(healthy.controllers.map(c => [c.name, c.state, c.revisionName])).toEqual([
      ['crossplane', 'available', undefined],
      ['provider-nop', 'missing', 'provider-nop-5d3a1c9e2f7b'],
    ]);
    const unhealthy = runtime([...crossplaneCore(), ...provider(false)]).runtime;
    expect(unhealthy.controllers.map(c => c.name)).toEqual(['crossplane']);
  });

  it('names clusters apart', () => {
    const { index } = runtime([
      ...fluxControllers({}, { cluster: 'prod' }),
      ...fluxControllers({ 'kustomize-controller': { pods: [CRASH_LOOP] } }, { cluster: 'dev' }),
    ]);
    const down = (cluster: string) =>
      runtimeOf(index, cluster)
        .controllers.filter(c => c.state === 'down')
        .map(c => c.name);
    expect(down('prod')).toEqual([]);
    expect(down('dev')).toEqual(['kustomize-controller']);
  });
});

describe('reconcilerOf', () => {
  it('maps each kind to the controller whose logs talk about it', () => {
    const objects = [
      ...fluxControllers(),
      ...crossplaneCore(),
      ...provider(),
      ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b'),
      gitRepository(),
      kustomization(),
      helmRelease(),
      managed({ apiVersion: 'nop.crossplane.io/v1alpha1', kind: 'NopResource', name: 'db-nop' }),
      xr({
        apiVersion: 'example.org/v1alpha1',
        kind: 'XPostgres',
        name: 'db',
        namespace: 'team-a',
        layout: 'modern',
        compositionRef: 'xpostgres',
      }),
    ];
    const index = buildIndex({ objects });
    const of = (group: string, kind: string, name: string, namespace = '') =>
      reconcilerOf(index, { cluster: '', group, kind, namespace, name })?.name;
    expect(
      of('source.toolkit.fluxcd.io', 'GitRepository', 'crossplane-configs', 'flux-system')
    ).toBe('source-controller');
    expect(
      of('kustomize.toolkit.fluxcd.io', 'Kustomization', 'crossplane-apis', 'flux-system')
    ).toBe('kustomize-controller');
    expect(of('helm.toolkit.fluxcd.io', 'HelmRelease', 'crossplane', 'crossplane-system')).toBe(
      'helm-controller'
    );
    expect(of('nop.crossplane.io', 'NopResource', 'db-nop')).toBe('provider-nop');
    expect(of('example.org', 'XPostgres', 'db', 'team-a')).toBe('crossplane');
    expect(of('apiextensions.crossplane.io', 'Composition', 'xpostgres')).toBe('crossplane');
    expect(of('', 'ConfigMap', 'x', 'default')).toBeUndefined();
  });
});

describe('runtimeFeatures', () => {
  const history = [
    {
      digest: 'sha256:1',
      lastReconciled: '2025-06-02T11:00:00Z',
      lastReconciledStatus: 'ReconciliationSucceeded',
      metadata: { revision: 'main@sha1:abc' },
    },
  ];

  it('from the running versions: kustomize-controller 1.6 records history; Crossplane 2.0 ignores reconcile-requested-at', () => {
    const features = runtimeFeatures(
      buildIndex({ objects: [...fluxControllers(), ...crossplaneCore()] }),
      ''
    );
    expect(features).toMatchObject({
      fluxVersion: 'v2.6.4',
      crossplaneVersion: 'v2.0.2',
      kustomizeControllerVersion: 'v1.6.1',
      kustomizationHistory: 'yes',
      crossplaneReconcileRequest: 'no',
    });
  });

  it('older kustomize-controller: no history; Crossplane 2.3: reconcile requests', () => {
    const features = runtimeFeatures(
      buildIndex({
        objects: [
          ...fluxControllers({
            'kustomize-controller': { image: 'ghcr.io/fluxcd/kustomize-controller:v1.4.0' },
          }),
          ...crossplaneCore({ image: 'xpkg.crossplane.io/crossplane/crossplane:v2.3.0' }),
        ],
      }),
      ''
    );
    expect(features.kustomizationHistory).toBe('no');
    expect(features.crossplaneReconcileRequest).toBe('yes');
  });

  it('unknown when nothing tells; what objects already show counts as proof', () => {
    expect(runtimeFeatures(buildIndex({ objects: [kustomization()] }), '')).toMatchObject({
      kustomizationHistory: 'unknown',
      crossplaneReconcileRequest: 'unknown',
    });
    const seen = runtimeFeatures(
      buildIndex({
        objects: [
          kustomization({ history }),
          managed({
            apiVersion: 'nop.crossplane.io/v1alpha1',
            kind: 'NopResource',
            name: 'db-nop',
          }),
        ].map(object =>
          object.kind === 'NopResource'
            ? { ...object, status: { lastHandledReconcileAt: '2025-06-02T11:00:00Z' } }
            : object
        ),
      }),
      ''
    );
    expect(seen.kustomizationHistory).toBe('yes');
    expect(seen.crossplaneReconcileRequest).toBe('yes');
  });
});

describe('Deployments and Pods are read by label only', () => {
  it('a Deployment of an inventory that no controller list covers is not visible, not missing', () => {
    const index = buildIndex({ objects: fluxControllers() });
    const deployment = (namespace: string, name: string) =>
      lookUp(index, { cluster: '', group: 'apps', kind: 'Deployment', namespace, name });
    expect(deployment('flux-system', 'kustomize-controller').presence).toBe('found');
    expect(deployment('default', 'podinfo').presence).toBe('not-visible');
  });
});
