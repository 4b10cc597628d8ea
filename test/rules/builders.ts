/**
 * Plain-JSON builders for rule tests: each returns the object a cluster would
 * return (apiVersion, kind, metadata, spec, status), shaped after the Flux CLI
 * testdata and the Crossplane e2e manifests. No behaviour of src/ is used here:
 * only types.
 */
import type { VisibilityGap } from '../../src/model/visibility';

export type Json = Record<string, unknown>;

/** The fixed clock of every rule test. */
export const NOW = Date.parse('2025-06-02T12:00:00Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** ISO time `ms` before NOW. */
export function ago(ms: number): string {
  return new Date(NOW - ms).toISOString();
}

// ---- conditions ---------------------------------------------------------------------------

export interface ConditionExtra {
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export function condition(
  type: string,
  status: string,
  reason = '',
  message = '',
  extra: ConditionExtra = {}
): Json {
  const result: Json = {
    type,
    status,
    lastTransitionTime: extra.lastTransitionTime ?? ago(5 * MINUTE),
  };
  if (reason) result.reason = reason;
  if (message) result.message = message;
  if (extra.observedGeneration !== undefined) result.observedGeneration = extra.observedGeneration;
  return result;
}

export const ready = (status: string, reason = '', message = '', extra?: ConditionExtra) =>
  condition('Ready', status, reason, message, extra);
export const synced = (status: string, reason = '', message = '', extra?: ConditionExtra) =>
  condition('Synced', status, reason, message, extra);
export const stalledCondition = (
  status: string,
  reason = '',
  message = '',
  extra?: ConditionExtra
) => condition('Stalled', status, reason, message, extra);

/** Synced=True and Ready=True, the way Crossplane reports a healthy object. */
export function crossplaneHealthy(): Json[] {
  return [synced('True', 'ReconcileSuccess'), ready('True', 'Available')];
}

// ---- metadata -----------------------------------------------------------------------------

export interface Meta {
  name: string;
  namespace?: string;
  /** The multi-cluster field the index reads. */
  cluster?: string;
  uid?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Json[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
}

function resource(apiVersion: string, kind: string, meta: Meta, spec?: Json, status?: Json): Json {
  const metadata: Json = { name: meta.name };
  if (meta.namespace) metadata.namespace = meta.namespace;
  if (meta.uid) metadata.uid = meta.uid;
  if (meta.generation !== undefined) metadata.generation = meta.generation;
  if (meta.labels) metadata.labels = meta.labels;
  if (meta.annotations) metadata.annotations = meta.annotations;
  if (meta.ownerReferences) metadata.ownerReferences = meta.ownerReferences;
  if (meta.deletionTimestamp) metadata.deletionTimestamp = meta.deletionTimestamp;
  metadata.creationTimestamp = meta.creationTimestamp ?? ago(48 * HOUR);
  const result: Json = { apiVersion, kind, metadata };
  if (meta.cluster) result.cluster = meta.cluster;
  if (spec) result.spec = spec;
  if (status) result.status = status;
  return result;
}

function withoutUndefined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

// ---- Flux ---------------------------------------------------------------------------------

export const SHA_A = '696f056df216eea4f9401adbee0ff744d4df390f';
export const SHA_B = '5b4f2b6a9e1c3d7f8a0b2c4d6e8f0a1b3c5d7e9f';

export interface FluxStatus {
  conditions?: Json[];
  /** `status.observedGeneration`: Flux's marker of which spec the conditions describe. */
  observedGeneration?: number;
  lastHandledReconcileAt?: string;
  suspend?: boolean;
  interval?: string;
}

function fluxStatus(options: FluxStatus, extra: Json = {}): Json | undefined {
  const status = withoutUndefined({
    observedGeneration: options.observedGeneration,
    lastHandledReconcileAt: options.lastHandledReconcileAt,
    conditions: options.conditions,
    ...extra,
  });
  return Object.keys(status).length ? status : undefined;
}

export interface SourceOptions extends Omit<Meta, 'name'>, FluxStatus {
  name?: string;
  url?: string;
  ref?: Json;
  secretRef?: string;
  certSecretRef?: string;
  artifact?: { revision: string; lastUpdateTime?: string };
}

/** Any Flux source kind (GitRepository, OCIRepository, HelmRepository, HelmChart, Bucket). */
export function fluxSource(kind: string, options: SourceOptions = {}): Json {
  const spec = withoutUndefined({
    interval: options.interval ?? '1m',
    url: options.url,
    ref: options.ref,
    secretRef: options.secretRef ? { name: options.secretRef } : undefined,
    certSecretRef: options.certSecretRef ? { name: options.certSecretRef } : undefined,
    suspend: options.suspend,
  });
  const artifact = options.artifact
    ? {
        revision: options.artifact.revision,
        lastUpdateTime: options.artifact.lastUpdateTime ?? ago(HOUR),
        path: 'example',
        url: 'example',
      }
    : undefined;
  return resource(
    'source.toolkit.fluxcd.io/v1',
    kind,
    { namespace: 'flux-system', ...options, name: options.name ?? 'crossplane-configs' },
    spec,
    fluxStatus(options, withoutUndefined({ artifact }))
  );
}

export function gitRepository(options: SourceOptions = {}): Json {
  return fluxSource('GitRepository', {
    url: 'https://github.com/org/repo',
    ref: { branch: 'main' },
    ...options,
  });
}

export function ociRepository(options: SourceOptions = {}): Json {
  return fluxSource('OCIRepository', {
    url: 'oci://ghcr.io/org/manifests',
    ref: { tag: 'latest' },
    ...options,
  });
}

export function helmChart(
  options: SourceOptions & { chart?: string; version?: string } = {}
): Json {
  const chart = fluxSource('HelmChart', options);
  chart.spec = {
    ...(chart.spec as Json),
    chart: options.chart ?? 'crossplane',
    version: options.version ?? '1.20.0',
    sourceRef: { kind: 'HelmRepository', name: 'crossplane-stable' },
  };
  return chart;
}

export interface InventoryItem {
  namespace?: string;
  name: string;
  group: string;
  kind: string;
  version: string;
}

export function inventoryEntry(item: InventoryItem): Json {
  return {
    id: `${item.namespace ?? ''}_${item.name.split(':').join('__')}_${item.group}_${item.kind}`,
    v: item.version,
  };
}

export interface KustomizationOptions extends Omit<Meta, 'name'>, FluxStatus {
  name?: string;
  source?: { kind?: string; name: string; namespace?: string };
  path?: string;
  timeout?: string;
  dependsOn?: Array<string | { name: string; namespace?: string }>;
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
  inventory?: InventoryItem[];
  history?: Json[];
}

export function kustomization(options: KustomizationOptions = {}): Json {
  const source = options.source ?? { name: 'crossplane-configs' };
  const spec = withoutUndefined({
    interval: options.interval ?? '10m',
    timeout: options.timeout,
    path: options.path ?? './platform',
    prune: true,
    sourceRef: {
      kind: source.kind ?? 'GitRepository',
      name: source.name,
      ...(source.namespace ? { namespace: source.namespace } : {}),
    },
    dependsOn: options.dependsOn?.map(dependency =>
      typeof dependency === 'string' ? { name: dependency } : dependency
    ),
    suspend: options.suspend,
  });
  return resource(
    'kustomize.toolkit.fluxcd.io/v1',
    'Kustomization',
    { namespace: 'flux-system', ...options, name: options.name ?? 'crossplane-apis' },
    spec,
    fluxStatus(
      options,
      withoutUndefined({
        lastAppliedRevision: options.lastAppliedRevision,
        lastAttemptedRevision: options.lastAttemptedRevision,
        inventory: options.inventory
          ? { entries: options.inventory.map(inventoryEntry) }
          : undefined,
        history: options.history,
      })
    )
  );
}

export interface HelmReleaseOptions extends Omit<Meta, 'name'>, FluxStatus {
  name?: string;
  chart?: string;
  lastAttemptedRevision?: string;
  /** `status.helmChart`: `<namespace>/<name>`. */
  helmChart?: string;
}

export function helmRelease(options: HelmReleaseOptions = {}): Json {
  const spec = withoutUndefined({
    interval: options.interval ?? '10m',
    chart: {
      spec: {
        chart: options.chart ?? 'crossplane',
        version: '1.20.x',
        sourceRef: { kind: 'HelmRepository', name: 'crossplane-stable', namespace: 'flux-system' },
      },
    },
    suspend: options.suspend,
  });
  return resource(
    'helm.toolkit.fluxcd.io/v2',
    'HelmRelease',
    { namespace: 'crossplane-system', ...options, name: options.name ?? 'crossplane' },
    spec,
    fluxStatus(
      options,
      withoutUndefined({
        lastAttemptedRevision: options.lastAttemptedRevision,
        helmChart: options.helmChart,
      })
    )
  );
}

export interface EventSource {
  kind: string;
  name: string;
  namespace?: string;
  matchLabels?: Record<string, string>;
}

export interface AlertOptions extends Omit<Meta, 'name'> {
  name?: string;
  provider?: string;
  eventSeverity?: string;
  eventSources: EventSource[];
  suspend?: boolean;
}

export function alert(options: AlertOptions): Json {
  return resource(
    'notification.toolkit.fluxcd.io/v1beta3',
    'Alert',
    { namespace: 'flux-system', ...options, name: options.name ?? 'on-call' },
    withoutUndefined({
      providerRef: { name: options.provider ?? 'slack' },
      eventSeverity: options.eventSeverity ?? 'error',
      eventSources: options.eventSources,
      suspend: options.suspend,
    })
  );
}

export interface NotificationProviderOptions extends Omit<Meta, 'name'> {
  name?: string;
  type?: string;
  conditions?: Json[];
  apiVersion?: string;
  suspend?: boolean;
}

/** A Flux notification Provider (v1beta3: no status by design). */
export function notificationProvider(options: NotificationProviderOptions = {}): Json {
  return resource(
    options.apiVersion ?? 'notification.toolkit.fluxcd.io/v1beta3',
    'Provider',
    { namespace: 'flux-system', ...options, name: options.name ?? 'slack' },
    withoutUndefined({
      type: options.type ?? 'slack',
      channel: 'alerts',
      address: 'https://hooks.slack.com/services/mock',
      suspend: options.suspend,
    }),
    options.conditions ? { conditions: options.conditions } : undefined
  );
}

// ---- Crossplane ---------------------------------------------------------------------------

export interface XrdOptions extends Partial<Meta> {
  apiVersion?: 'v1' | 'v2';
  group: string;
  kind: string;
  plural?: string;
  claimKind?: string;
  scope?: string;
  connectionSecretKeys?: string[];
  conditions?: Json[];
}

export function xrd(options: XrdOptions): Json {
  const plural = options.plural ?? `${options.kind.toLowerCase()}s`;
  const claimKind = options.claimKind;
  const spec = withoutUndefined({
    scope: options.scope,
    group: options.group,
    names: { kind: options.kind, plural },
    claimNames: claimKind ? { kind: claimKind, plural: `${claimKind.toLowerCase()}s` } : undefined,
    connectionSecretKeys: options.connectionSecretKeys,
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        referenceable: true,
        schema: { openAPIV3Schema: { type: 'object' } },
      },
    ],
  });
  return resource(
    `apiextensions.crossplane.io/${options.apiVersion ?? 'v1'}`,
    'CompositeResourceDefinition',
    { ...options, name: options.name ?? `${plural}.${options.group}` },
    spec,
    {
      conditions: options.conditions ?? [
        condition('Established', 'True', 'WatchingCompositeResource'),
        ...(claimKind ? [condition('Offered', 'True', 'WatchingCompositeResourceClaim')] : []),
      ],
    }
  );
}

export interface CompositionOptions extends Partial<Meta> {
  name: string;
  compositeApiVersion: string;
  compositeKind: string;
  mode?: string;
  pipeline?: Array<{ step: string; functionName: string }>;
  resources?: Json[];
}

export function composition(options: CompositionOptions): Json {
  const mode = options.mode ?? (options.resources ? undefined : 'Pipeline');
  return resource(
    'apiextensions.crossplane.io/v1',
    'Composition',
    options,
    withoutUndefined({
      compositeTypeRef: { apiVersion: options.compositeApiVersion, kind: options.compositeKind },
      mode,
      pipeline: (
        options.pipeline ??
        (options.resources
          ? undefined
          : [{ step: 'patch-and-transform', functionName: 'function-patch-and-transform' }])
      )?.map(step => ({
        step: step.step,
        functionRef: { name: step.functionName },
      })),
      resources: options.resources,
    })
  );
}

export function compositionRevision(
  options: Partial<Meta> & {
    name: string;
    composition: string;
    revision: number;
    conditions?: Json[];
  }
): Json {
  return resource(
    'apiextensions.crossplane.io/v1',
    'CompositionRevision',
    {
      ...options,
      labels: { 'crossplane.io/composition-name': options.composition, ...(options.labels ?? {}) },
    },
    {
      revision: options.revision,
      compositeTypeRef: { apiVersion: 'example.org/v1alpha1', kind: 'XPostgres' },
      mode: 'Pipeline',
    },
    options.conditions ? { conditions: options.conditions } : undefined
  );
}

export interface TypedRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ClaimOptions extends Meta {
  apiVersion: string;
  kind: string;
  resourceRef?: TypedRef;
  compositionRef?: string;
  conditions?: Json[];
}

/** A legacy claim (v1 XRD with claimNames): `spec.resourceRef` names its XR. */
export function claim(options: ClaimOptions): Json {
  return resource(
    options.apiVersion,
    options.kind,
    options,
    withoutUndefined({
      compositionRef: options.compositionRef ? { name: options.compositionRef } : undefined,
      resourceRef: options.resourceRef,
      parameters: { storageGB: 20 },
    }),
    options.conditions ? { conditions: options.conditions } : undefined
  );
}

export interface XrOptions extends Meta {
  apiVersion: string;
  kind: string;
  /** `legacy`: machinery under spec (LegacyCluster); `modern`: under spec.crossplane (v2). */
  layout?: 'legacy' | 'modern';
  resourceRefs?: TypedRef[];
  compositionRef?: string;
  compositionRevisionRef?: string;
  claimRef?: TypedRef;
  conditions?: Json[];
}

export function xr(options: XrOptions): Json {
  const machinery = withoutUndefined({
    compositionRef: options.compositionRef ? { name: options.compositionRef } : undefined,
    compositionRevisionRef: options.compositionRevisionRef
      ? { name: options.compositionRevisionRef }
      : undefined,
    compositionUpdatePolicy: 'Automatic',
    resourceRefs: options.resourceRefs,
  });
  const spec: Json =
    (options.layout ?? 'legacy') === 'legacy'
      ? withoutUndefined({
          ...machinery,
          claimRef: options.claimRef,
          parameters: { storageGB: 20 },
        })
      : { crossplane: machinery, parameters: { storageGB: 20 } };
  return resource(
    options.apiVersion,
    options.kind,
    options,
    spec,
    options.conditions ? { conditions: options.conditions } : undefined
  );
}

export interface ManagedOptions extends Meta {
  apiVersion?: string;
  kind?: string;
  /** A name (`spec.providerConfigRef.name`) or a typed reference (v2 namespaced MRs). */
  providerConfig?: string | { kind: string; name: string };
  managementPolicies?: string[];
  forProvider?: Json;
  conditions?: Json[];
  /** The XR that composed it: controller ownerReference, composite label. */
  owner?: { apiVersion: string; kind: string; name: string; uid: string };
  /** `crossplane.io/composition-resource-name`. */
  resourceName?: string;
}

export function managed(options: ManagedOptions): Json {
  const annotations = { ...(options.annotations ?? {}) };
  if (options.resourceName)
    annotations['crossplane.io/composition-resource-name'] = options.resourceName;
  const labels = { ...(options.labels ?? {}) };
  if (options.owner) labels['crossplane.io/composite'] = options.owner.name;
  const ownerReferences = options.owner
    ? [
        {
          apiVersion: options.owner.apiVersion,
          kind: options.owner.kind,
          name: options.owner.name,
          uid: options.owner.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]
    : options.ownerReferences;
  const providerConfig = options.providerConfig ?? 'default';
  return resource(
    options.apiVersion ?? 's3.aws.upbound.io/v1beta1',
    options.kind ?? 'Bucket',
    { ...options, annotations, labels, ownerReferences },
    withoutUndefined({
      forProvider: options.forProvider ?? { region: 'eu-west-1' },
      managementPolicies: options.managementPolicies,
      // '' leaves the reference out, as an MR that names no ProviderConfig.
      providerConfigRef:
        providerConfig === ''
          ? undefined
          : typeof providerConfig === 'string'
          ? { name: providerConfig }
          : providerConfig,
      deletionPolicy: 'Delete',
    }),
    options.conditions ? { conditions: options.conditions } : undefined
  );
}

export function providerConfig(
  options: Partial<Meta> & {
    apiVersion?: string;
    kind?: string;
    secret?: { namespace?: string; name: string };
  } = {}
): Json {
  return resource(
    options.apiVersion ?? 'aws.upbound.io/v1beta1',
    options.kind ?? 'ProviderConfig',
    { ...options, name: options.name ?? 'default' },
    {
      credentials: {
        source: 'Secret',
        secretRef: {
          namespace: options.secret?.namespace ?? 'crossplane-system',
          name: options.secret?.name ?? 'aws-secret',
          key: 'creds',
        },
      },
    }
  );
}

export interface PackageOptions extends Partial<Meta> {
  name: string;
  package?: string;
  conditions?: Json[];
  currentRevision?: string;
}

/** A Crossplane package: Provider, Function or Configuration (pkg.crossplane.io/v1). */
export function xpPackage(
  kind: 'Provider' | 'Function' | 'Configuration',
  options: PackageOptions
): Json {
  return resource(
    'pkg.crossplane.io/v1',
    kind,
    options,
    { package: options.package ?? `xpkg.upbound.io/crossplane-contrib/${options.name}:v0.3.0` },
    withoutUndefined({ conditions: options.conditions, currentRevision: options.currentRevision })
  );
}

export function packageRevision(
  kind: 'ProviderRevision' | 'FunctionRevision' | 'ConfigurationRevision',
  options: Partial<Meta> & {
    name: string;
    package: string;
    desiredState?: string;
    conditions?: Json[];
    crds?: string[];
  }
): Json {
  return resource(
    'pkg.crossplane.io/v1',
    kind,
    {
      ...options,
      labels: { 'pkg.crossplane.io/package': options.package, ...(options.labels ?? {}) },
    },
    {
      desiredState: options.desiredState ?? 'Active',
      revision: 1,
      image: `xpkg.upbound.io/crossplane-contrib/${options.package}:v0.3.0`,
    },
    withoutUndefined({
      conditions: options.conditions,
      objectRefs: options.crds?.map(name => ({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        name,
      })),
    })
  );
}

export function environmentConfig(options: { name: string; version?: string }): Json {
  return resource(
    `apiextensions.crossplane.io/${options.version ?? 'v1beta1'}`,
    'EnvironmentConfig',
    { name: options.name },
    undefined
  );
}

export function controllerConfig(options: { name: string }): Json {
  return resource(
    'pkg.crossplane.io/v1alpha1',
    'ControllerConfig',
    { name: options.name },
    { podSecurityContext: {} }
  );
}

// ---- events and gaps ----------------------------------------------------------------------

export interface EventOptions {
  involved: { apiVersion?: string; kind: string; name: string; namespace?: string; uid?: string };
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  lastTimestamp?: string;
  count?: number;
  /** Flux's revision annotation (kustomize/helm). */
  revision?: string;
  revisionAnnotation?: string;
  source?: string;
  cluster?: string;
}

let eventCounter = 0;

/** A core/v1 Event as `kubectl get events -o json` returns it. */
export function event(options: EventOptions): Json {
  eventCounter += 1;
  const annotations = options.revision
    ? { [options.revisionAnnotation ?? 'kustomize.toolkit.fluxcd.io/revision']: options.revision }
    : undefined;
  const result: Json = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: withoutUndefined({
      name: `${options.involved.name}.${(0x17f00000 + eventCounter).toString(16)}`,
      namespace: options.involved.namespace || 'default',
      annotations,
    }),
    involvedObject: withoutUndefined({ ...options.involved }),
    type: options.type ?? 'Warning',
    reason: options.reason,
    message: options.message,
    count: options.count ?? 1,
    lastTimestamp: options.lastTimestamp ?? ago(2 * MINUTE),
    source: { component: options.source ?? 'crossplane' },
  };
  if (options.cluster) result.cluster = options.cluster;
  return result;
}

export function gap(
  options: Partial<VisibilityGap> & Pick<VisibilityGap, 'group' | 'kind'>
): VisibilityGap {
  const status = options.status ?? 403;
  return {
    cluster: options.cluster ?? '',
    group: options.group,
    kind: options.kind,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    reason:
      options.reason ?? (status === 404 ? 'not-found' : status === 403 ? 'forbidden' : 'error'),
    status,
    message: options.message ?? `${options.kind.toLowerCase()}s is forbidden`,
  };
}
