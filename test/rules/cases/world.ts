/**
 * The Crossplane objects the rule tests share, shaped after the crossplane e2e
 * manifests: a legacy v1 XRD with claims (LegacyCluster, machinery under spec)
 * and a v2 Namespaced XRD (machinery under spec.crossplane).
 */
import {
  claim,
  composition,
  crossplaneHealthy,
  Json,
  managed,
  ManagedOptions,
  ready,
  synced,
  xr,
  xrd,
  XrOptions,
} from '../builders';

// ---- legacy (apiextensions.crossplane.io/v1, claimNames, LegacyCluster) --------------------

export const LEGACY_API = 'platform.example.org/v1alpha1';
export const legacyXrd = xrd({
  apiVersion: 'v1',
  group: 'platform.example.org',
  kind: 'XDatabase',
  claimKind: 'Database',
  scope: 'LegacyCluster',
});
export const legacyComposition = composition({
  name: 'xdatabases-aws',
  compositeApiVersion: LEGACY_API,
  compositeKind: 'XDatabase',
  pipeline: [
    { step: 'patch-and-transform', functionName: 'function-patch-and-transform' },
    { step: 'detect-readiness', functionName: 'function-auto-ready' },
  ],
});

export const LEGACY_XR_UID = '0b7c1a52-6a43-4c8e-9e55-5a1d3f1f2a01';
export const legacyXrRef = { apiVersion: LEGACY_API, kind: 'XDatabase', name: 'db-x7k2p' };
export const legacyClaimSubject = { kind: 'Database', namespace: 'team-a', name: 'db' };
export const legacyXrSubject = { kind: 'XDatabase', name: 'db-x7k2p' };

export function legacyXr(options: Partial<XrOptions> = {}): Json {
  return xr({
    ...legacyXrRef,
    uid: LEGACY_XR_UID,
    layout: 'legacy',
    compositionRef: 'xdatabases-aws',
    claimRef: { apiVersion: LEGACY_API, kind: 'Database', namespace: 'team-a', name: 'db' },
    labels: {
      'crossplane.io/claim-name': 'db',
      'crossplane.io/claim-namespace': 'team-a',
      'crossplane.io/composite': 'db-x7k2p',
    },
    conditions: crossplaneHealthy(),
    ...options,
  });
}

export function legacyClaim(
  options: { conditions?: Json[]; resourceRef?: boolean; labels?: Record<string, string> } = {}
): Json {
  return claim({
    apiVersion: LEGACY_API,
    kind: 'Database',
    namespace: 'team-a',
    name: 'db',
    uid: '5d2b0e8e-1f7e-4c7b-8a51-0c3b9a4d7e10',
    compositionRef: 'xdatabases-aws',
    resourceRef: options.resourceRef === false ? undefined : legacyXrRef,
    labels: options.labels,
    conditions: options.conditions ?? crossplaneHealthy(),
  });
}

/** A composed S3 Bucket of the legacy XR (`crossplane.io/composition-resource-name: bucket`). */
export function legacyBucket(options: Partial<ManagedOptions> = {}): Json {
  return managed({
    name: 'db-x7k2p-bucket',
    uid: '7e1f3a9c-2b4d-4e6f-8a0b-1c2d3e4f5a6b',
    owner: { ...legacyXrRef, uid: LEGACY_XR_UID },
    resourceName: 'bucket',
    annotations: { 'crossplane.io/external-name': 'db-x7k2p-bucket' },
    labels: { 'crossplane.io/claim-name': 'db', 'crossplane.io/claim-namespace': 'team-a' },
    conditions: crossplaneHealthy(),
    ...options,
  });
}

export const legacyBucketSubject = { kind: 'Bucket', name: 'db-x7k2p-bucket' };
export const legacyBucketRef = {
  apiVersion: 's3.aws.upbound.io/v1beta1',
  kind: 'Bucket',
  name: 'db-x7k2p-bucket',
};

// ---- v2 namespaced (apiextensions.crossplane.io/v2, scope Namespaced) -----------------------

export const MODERN_API = 'example.org/v1alpha1';
export const modernXrd = xrd({
  apiVersion: 'v2',
  group: 'example.org',
  kind: 'XPostgres',
  plural: 'xpostgres',
  name: 'xpostgres.example.org',
  scope: 'Namespaced',
});
export const modernComposition = composition({
  name: 'xpostgres-aws',
  compositeApiVersion: MODERN_API,
  compositeKind: 'XPostgres',
  pipeline: [{ step: 'render-sql', functionName: 'function-go-templating' }],
});
export const MODERN_XR_UID = '3f9e2d1c-0b8a-4766-9a5b-4c3d2e1f0a98';
export const modernXrRef = {
  apiVersion: MODERN_API,
  kind: 'XPostgres',
  name: 'db',
  namespace: 'team-a',
};
export const modernXrSubject = { kind: 'XPostgres', namespace: 'team-a', name: 'db' };

export function modernXr(options: Partial<XrOptions> = {}): Json {
  return xr({
    apiVersion: MODERN_API,
    kind: 'XPostgres',
    namespace: 'team-a',
    name: 'db',
    uid: MODERN_XR_UID,
    layout: 'modern',
    compositionRef: 'xpostgres-aws',
    conditions: crossplaneHealthy(),
    ...options,
  });
}

/** A namespaced (`.m.`) Bucket composed by the v2 XR. */
export function modernBucket(options: Partial<ManagedOptions> = {}): Json {
  return managed({
    apiVersion: 's3.aws.m.upbound.io/v1beta1',
    kind: 'Bucket',
    namespace: 'team-a',
    name: 'db-bucket',
    uid: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
    owner: { apiVersion: MODERN_API, kind: 'XPostgres', name: 'db', uid: MODERN_XR_UID },
    resourceName: 'bucket',
    providerConfig: { kind: 'ProviderConfig', name: 'default' },
    conditions: crossplaneHealthy(),
    ...options,
  });
}

export const modernBucketSubject = { kind: 'Bucket', namespace: 'team-a', name: 'db-bucket' };

export const failing = {
  synced: (reason: string, message: string) => synced('False', reason, message),
  ready: (reason: string, message: string) => ready('False', reason, message),
};
