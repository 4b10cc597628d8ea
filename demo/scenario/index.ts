/**
 * The demo's scenario: clusters `staging` and `production` running Flux and
 * Crossplane, and `bare`, a cluster with neither. Staging is
 * test/fixtures/platform.yaml plus staging.yaml; production is a variant of
 * staging in the middle of rolling out commit 8a1f2c3 of crossplane-configs.
 * Every timestamp is moved so that the scenario's "now" is the server's start.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../server/kubeApi';
import { controllers, crashLoop } from './controllers';

const here = dirname(fileURLToPath(import.meta.url));

/** The scenario's "now": the latest moment its timestamps describe. */
export const SCENARIO_NOW = '2026-11-26T09:12:00Z';

export const NEW_COMMIT = 'main@sha1:8a1f2c3d4e5f60718293a4b5c6d7e8f901234567';
export const PREVIOUS_COMMIT = 'main@sha1:77aa0e1f2c3d4e5f60718293a4b5c6d7e8f90123';

export interface ClusterScenario {
  name: string;
  /** What `/config` reports as the cluster's server (the demo serves it in memory). */
  server: string;
  objects: KubeObject[];
}

type Json = Record<string, unknown>;

function readYaml(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map(document => document.toJSON() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Moves every RFC 3339 timestamp by `deltaMs` (scenario time → wall time). */
export function shiftTimes<T>(value: T, deltaMs: number): T {
  if (typeof value === 'string' && ISO_TIME.test(value)) {
    return new Date(Date.parse(value) + deltaMs).toISOString().replace(/\.\d+Z$/, 'Z') as T;
  }
  if (Array.isArray(value)) return value.map(item => shiftTimes(item, deltaMs)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, shiftTimes(item, deltaMs)])
    ) as T;
  }
  return value;
}

function find(objects: KubeObject[], kind: string, name: string, group?: string): KubeObject {
  const found = objects.find(
    object =>
      object.kind === kind &&
      object.metadata.name === name &&
      (group === undefined || String(object.apiVersion).startsWith(`${group}/`))
  );
  if (!found) throw new Error(`scenario: no ${kind} ${name}`);
  return found;
}

function remove(objects: KubeObject[], kind: string, name: string): KubeObject[] {
  return objects.filter(object => !(object.kind === kind && object.metadata.name === name));
}

function condition(type: string, status: string, reason: string, message: string, time: string) {
  return { type, status, reason, message, lastTransitionTime: time };
}

/** What a CustomResourceDefinition says about its kind. */
export interface CrdOptions {
  group: string;
  kind: string;
  plural: string;
  scope: 'Cluster' | 'Namespaced';
  categories?: string[];
  /** The `spec.versions` entries, as they are. */
  versions: Json[];
  /** More metadata (owner references). */
  metadata?: Json;
}

/** A CustomResourceDefinition object (names derived from the kind: listKind, singular). */
export function customResourceDefinition(options: CrdOptions): KubeObject {
  const { group, kind, plural, scope, categories, versions } = options;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, ...(options.metadata ?? {}) },
    spec: {
      group,
      names: {
        kind,
        listKind: `${kind}List`,
        plural,
        singular: kind.toLowerCase(),
        ...(categories ? { categories } : {}),
      },
      scope,
      versions,
    },
  };
}

/** A served version whose schema keeps every field, with a status subresource (the demo validates nothing). */
export function openVersion(name: unknown, served = true, storage = true): Json {
  return {
    name,
    served,
    storage,
    schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    subresources: { status: {} },
  };
}

/** The CustomResourceDefinitions Crossplane generates for an XRD (composite, and claim when offered). */
export function crdsForXrd(xrd: KubeObject): KubeObject[] {
  const spec = xrd.spec as Json;
  const names = spec.names as Json;
  const claimNames = spec.claimNames as Json | undefined;
  const versions = (spec.versions as Json[]).map(version =>
    openVersion(version.name, version.served !== false, version.referenceable === true)
  );
  const owner = {
    apiVersion: 'apiextensions.crossplane.io/v1',
    kind: 'CompositeResourceDefinition',
    name: xrd.metadata.name,
    controller: true,
  };
  const crd = (kind: string, plural: string, scope: CrdOptions['scope'], categories: string[]) =>
    customResourceDefinition({
      group: String(spec.group),
      kind,
      plural,
      scope,
      categories,
      versions,
      metadata: { ownerReferences: [owner] },
    });
  const scope = spec.scope === 'Namespaced' ? 'Namespaced' : 'Cluster';
  const result = [crd(String(names.kind), String(names.plural), scope, ['composite'])];
  if (claimNames) {
    result.push(crd(String(claimNames.kind), String(claimNames.plural), 'Namespaced', ['claim']));
  }
  return result;
}

/** provider-nop's ProviderConfig kind, which its managed resources reference. */
const NOP_PROVIDER_CONFIG_CRD: KubeObject = customResourceDefinition({
  group: 'nop.crossplane.io',
  kind: 'ProviderConfig',
  plural: 'providerconfigs',
  scope: 'Cluster',
  categories: ['crossplane', 'provider', 'nop'],
  versions: [openVersion('v1alpha1')],
});

export function establish(crd: KubeObject): KubeObject {
  const spec = crd.spec as Json;
  return {
    ...crd,
    status: {
      acceptedNames: spec.names,
      storedVersions: (spec.versions as Json[])
        .filter(version => version.storage)
        .map(version => version.name),
      conditions: [
        condition(
          'NamesAccepted',
          'True',
          'NoConflicts',
          'no conflicts found',
          '2026-09-01T08:00:00Z'
        ),
        condition(
          'Established',
          'True',
          'InitialNamesAccepted',
          'the initial names have been accepted',
          '2026-09-01T08:00:00Z'
        ),
      ],
    },
  };
}

export function installedCrds(platform: KubeObject[]): KubeObject[] {
  const real = JSON.parse(readFileSync(join(here, 'crds.json'), 'utf8')) as KubeObject[];
  const generated = platform
    .filter(object => object.kind === 'CompositeResourceDefinition')
    .flatMap(crdsForXrd);
  return [...real, ...generated, NOP_PROVIDER_CONFIG_CRD].map(establish);
}

/** Staging, in scenario time: platform.yaml (the reference fixture) + staging.yaml. */
function staging(): KubeObject[] {
  const platform = readYaml(join(here, '../../test/fixtures/platform.yaml'));
  const objects = [...platform, ...readYaml(join(here, 'staging.yaml'))];
  // What the fixture leaves out and a running Crossplane has.
  find(objects, 'Composition', 'parent').metadata.uid = '3d2c-composition';
  const autoReady = find(objects, 'Function', 'function-auto-ready-ext-functions');
  (autoReady.status as Json).currentRevision = 'function-auto-ready-ext-functions-2c4d6e';
  return [...installedCrds(platform), ...objects, ...controllers()];
}

function production(): KubeObject[] {
  let objects = staging().map(object => structuredClone(object));
  const fluxKs = find(objects, 'Kustomization', 'flux-system');
  (fluxKs.spec as Json).path = './clusters/production';
  find(objects, 'Kustomization', 'infrastructure').spec = {
    ...(find(objects, 'Kustomization', 'infrastructure').spec as Json),
    path: './infrastructure/production',
  };
  find(objects, 'Node', 'staging-control-plane').metadata.name = 'production-control-plane';
  find(objects, 'NodeMetrics', 'staging-control-plane').metadata.name = 'production-control-plane';
  for (const pod of objects.filter(object => object.kind === 'Pod'))
    (pod.spec as Json).nodeName = 'production-control-plane';
  find(objects, 'Alert', 'platform-errors').spec = {
    ...(find(objects, 'Alert', 'platform-errors').spec as Json),
    summary: 'production',
  };

  // helm-controller is crash-looping here (out of memory): the root cause of the stuck HelmRelease.
  crashLoop(objects, 'helm-controller', '2026-11-26T08:40:00Z');

  // Commit 8a1f2c3 arrived a minute ago; crossplane-apis is applying it.
  const source = find(objects, 'GitRepository', 'crossplane-configs');
  const sourceStatus = source.status as Json;
  (sourceStatus.artifact as Json).lastUpdateTime = '2026-11-26T09:11:00Z';
  (sourceStatus.conditions as Json[])[0].lastTransitionTime = '2026-11-26T09:11:00Z';
  const apis = find(objects, 'Kustomization', 'crossplane-apis');
  const applying = `Fetching manifests for revision ${NEW_COMMIT} with a timeout of 10m0s`;
  // kustomize-controller records the revision it attempts before it fetches it.
  apis.status = {
    ...(apis.status as Json),
    lastAppliedRevision: PREVIOUS_COMMIT,
    lastAttemptedRevision: NEW_COMMIT,
    conditions: [
      condition('Reconciling', 'True', 'Progressing', applying, '2026-11-26T09:11:05Z'),
      condition(
        'Ready',
        'Unknown',
        'Progressing',
        'Reconciliation in progress',
        '2026-11-26T09:11:05Z'
      ),
    ],
    history: ((apis.status as Json).history as Json[]).slice(1),
  };
  // crossplane-claims waits for it, still on the previous commit.
  const claims = find(objects, 'Kustomization', 'crossplane-claims');
  claims.status = {
    ...(claims.status as Json),
    lastAppliedRevision: PREVIOUS_COMMIT,
    lastAttemptedRevision: PREVIOUS_COMMIT,
    conditions: [
      condition(
        'Ready',
        'False',
        'DependencyNotReady',
        "dependency 'flux-system/crossplane-apis' is not ready",
        '2026-11-26T09:11:10Z'
      ),
    ],
  };
  // Production has ProviderConfig team-a: its claim chain is healthy.
  objects.push({
    apiVersion: 'nop.crossplane.io/v1alpha1',
    kind: 'ProviderConfig',
    metadata: { name: 'team-a' },
    spec: { credentials: { source: 'None' } },
    status: { users: 1 },
  });
  const ready = (reason: string, time: string) => [
    condition('Synced', 'True', 'ReconcileSuccess', '', time),
    condition('Ready', 'True', reason, '', time),
  ];
  find(objects, 'NopResource', 'ext-functions', 'nop.example.org').status = {
    conditions: ready('Available', '2026-11-25T10:03:00Z'),
  };
  find(objects, 'XNopResource', 'ext-functions-x7k2p').status = {
    conditions: ready('Available', '2026-11-25T10:03:00Z'),
  };
  find(objects, 'NopResource', 'ext-functions-x7k2p-bucket', 'nop.crossplane.io').status = {
    conditions: ready('Available', '2026-11-25T10:02:50Z'),
  };
  objects = remove(objects, 'Event', 'ext-functions-x7k2p-bucket.17f0');
  objects = remove(objects, 'Event', 'crossplane-claims.18a7c5f6a7b8c9d0');

  // kube-prometheus-stack is still on 65.1.0 here, and healthy.
  const prometheus = find(objects, 'HelmRelease', 'kube-prometheus-stack');
  prometheus.metadata.generation = 1;
  ((prometheus.spec as Json).chart as { spec: Json }).spec.version = '65.1.0';
  const upgraded =
    'Helm upgrade succeeded for release monitoring/kube-prometheus-stack.v7 with chart kube-prometheus-stack@65.1.0';
  const promStatus = prometheus.status as Json;
  prometheus.status = {
    ...promStatus,
    observedGeneration: 1,
    failures: undefined,
    upgradeFailures: undefined,
    lastAttemptedGeneration: 1,
    lastAttemptedRevision: '65.1.0',
    history: (promStatus.history as Json[]).slice(1),
    conditions: [
      {
        ...condition('Ready', 'True', 'UpgradeSucceeded', upgraded, '2026-11-02T15:41:00Z'),
        observedGeneration: 1,
      },
      {
        ...condition('Released', 'True', 'UpgradeSucceeded', upgraded, '2026-11-02T15:41:00Z'),
        observedGeneration: 1,
      },
    ],
  };
  const chart = find(objects, 'HelmChart', 'monitoring-kube-prometheus-stack');
  (chart.spec as Json).version = '65.1.0';
  chart.metadata.generation = 1;
  const chartStatus = chart.status as Json;
  chart.status = {
    ...chartStatus,
    observedGeneration: 1,
    artifact: {
      ...(chartStatus.artifact as Json),
      revision: '65.1.0',
      path: 'helmchart/flux-system/monitoring-kube-prometheus-stack/kube-prometheus-stack-65.1.0.tgz',
      url: 'http://source-controller.flux-system.svc.cluster.local./helmchart/flux-system/monitoring-kube-prometheus-stack/kube-prometheus-stack-65.1.0.tgz',
      lastUpdateTime: '2026-11-02T15:38:00Z',
    },
    conditions: [
      {
        ...condition(
          'Ready',
          'True',
          'ChartPullSucceeded',
          "pulled 'kube-prometheus-stack' chart with version '65.1.0'",
          '2026-11-02T15:38:00Z'
        ),
        observedGeneration: 1,
      },
    ],
  };
  objects = remove(objects, 'Event', 'kube-prometheus-stack.18a7c1d2e3f4a5b6');

  // Team B's credentials work here; tenants is not suspended.
  const teamB = find(objects, 'GitRepository', 'team-b-apps');
  const teamBRevision = 'main@sha1:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';
  teamB.status = {
    observedGeneration: 1,
    artifact: {
      ...((teamB.status as Json).artifact as Json),
      revision: teamBRevision,
      lastUpdateTime: '2026-11-26T08:55:00Z',
    },
    conditions: [
      {
        ...condition(
          'Ready',
          'True',
          'Succeeded',
          `stored artifact for revision '${teamBRevision}'`,
          '2026-11-26T08:55:00Z'
        ),
        observedGeneration: 1,
      },
      {
        ...condition(
          'ArtifactInStorage',
          'True',
          'Succeeded',
          `stored artifact for revision '${teamBRevision}'`,
          '2026-11-26T08:55:00Z'
        ),
        observedGeneration: 1,
      },
    ],
  };
  const teamBKs = find(objects, 'Kustomization', 'team-b-apps');
  const teamBStatus = teamBKs.status as Json;
  teamBKs.status = {
    ...teamBStatus,
    lastAppliedRevision: teamBRevision,
    lastAttemptedRevision: teamBRevision,
    conditions: [
      {
        ...condition(
          'Ready',
          'True',
          'ReconciliationSucceeded',
          `Applied revision: ${teamBRevision}`,
          '2026-11-26T08:56:00Z'
        ),
        observedGeneration: 1,
      },
    ],
    history: [
      {
        ...(teamBStatus.history as Json[])[0],
        metadata: { revision: teamBRevision },
        firstReconciled: '2026-11-26T08:56:00Z',
        totalReconciliations: 3,
      },
    ],
  };
  objects = remove(objects, 'Event', 'team-b-apps.18a7c3e1f0b2d4c6');
  const tenants = find(objects, 'Kustomization', 'tenants');
  tenants.metadata.generation = 1;
  delete (tenants.spec as Json).suspend;
  const fleet = 'main@sha1:3c5e9a2b71d04f8e6a1b2c3d4e5f60718293a4b5';
  tenants.status = {
    ...(tenants.status as Json),
    lastAppliedRevision: fleet,
    lastAttemptedRevision: fleet,
    conditions: [
      {
        ...condition(
          'Ready',
          'True',
          'ReconciliationSucceeded',
          `Applied revision: ${fleet}`,
          '2026-11-26T08:42:00Z'
        ),
        observedGeneration: 1,
      },
    ],
    history: [
      {
        digest: 'sha256:6e7f8a9b',
        firstReconciled: '2026-11-26T08:42:00Z',
        lastReconciled: '2026-11-26T09:02:00Z',
        lastReconciledDuration: '1.0s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        totalReconciliations: 3,
        metadata: { revision: fleet },
      },
    ],
  };
  return objects;
}

/** A cluster with neither Flux nor Crossplane: only the built-in kinds. */
function bare(): KubeObject[] {
  const base = staging();
  const node = (kind: string): KubeObject => {
    const object = structuredClone(find(base, kind, 'staging-control-plane'));
    object.metadata = {
      name: 'bare-control-plane',
      labels: { 'kubernetes.io/hostname': 'bare-control-plane' },
    };
    return object;
  };
  return [
    ...base.filter(
      object =>
        object.kind === 'Namespace' && ['default', 'kube-system'].includes(object.metadata.name)
    ),
    node('Node'),
    node('NodeMetrics'),
  ];
}

/** The clusters, with times moved so that the scenario's "now" is `now`. */
export function buildScenario(now: number = Date.now()): ClusterScenario[] {
  const delta = Math.floor((now - Date.parse(SCENARIO_NOW)) / 1000) * 1000;
  return [
    { name: 'staging', server: 'https://staging.demo.invalid:6443', objects: staging() },
    { name: 'production', server: 'https://production.demo.invalid:6443', objects: production() },
    { name: 'bare', server: 'https://bare.demo.invalid:6443', objects: bare() },
  ].map(cluster => ({ ...cluster, objects: shiftTimes(cluster.objects, delta) }));
}
