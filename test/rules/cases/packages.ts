import {
  composition,
  condition,
  controllerConfig,
  environmentConfig,
  kustomization,
  packageRevision,
  ready,
  SHA_A,
  xpPackage,
  xrd,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const UNHEALTHY_REVISION =
  'Package revision health is "False" with message: post establish hook failed for package with digest sha256:5c3b: deployment is unavailable';
const RUNTIME_UNHEALTHY =
  'Deployment provider-aws-s3-7f9c1e2b3a4d is unavailable: Back-off pulling image "xpkg.upbound.io/upbound/provider-aws-s3:v1.99.0": ImagePullBackOff';
const MISSING_DEPENDENCIES = 'missing dependencies: [xpkg.upbound.io/upbound/provider-family-aws]';
const ESTABLISH_CONTROL =
  'cannot establish control of object: buckets.s3.aws.upbound.io is already controlled by ProviderRevision provider-aws-3c2b1a (UID 11f3)';

const healthy = [
  condition('Installed', 'True', 'ActivePackageRevision'),
  condition('Healthy', 'True', 'HealthyPackageRevision'),
];

export const FIRING: FiringCase[] = [
  {
    ruleId: 'XP-PACKAGE-UNHEALTHY',
    name: 'Provider Healthy=False UnhealthyPackageRevision (runtime image pull), with its revision',
    objects: [
      xpPackage('Provider', {
        name: 'provider-aws-s3',
        currentRevision: 'provider-aws-s3-7f9c1e2b3a4d',
        conditions: [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition('Healthy', 'False', 'UnhealthyPackageRevision', UNHEALTHY_REVISION),
        ],
      }),
      packageRevision('ProviderRevision', {
        name: 'provider-aws-s3-7f9c1e2b3a4d',
        package: 'provider-aws-s3',
        crds: ['buckets.s3.aws.upbound.io'],
        conditions: [
          condition('Healthy', 'True', 'HealthyPackageRevision'),
          condition('RuntimeHealthy', 'False', 'UnhealthyPackageRevision', RUNTIME_UNHEALTHY),
        ],
      }),
    ],
    subject: { kind: 'Provider', name: 'provider-aws-s3' },
    evidence: [UNHEALTHY_REVISION, RUNTIME_UNHEALTHY],
    commands: [
      'kubectl describe provider.pkg.crossplane.io provider-aws-s3',
      'kubectl describe providerrevision.pkg.crossplane.io provider-aws-s3-7f9c1e2b3a4d',
      'kubectl logs -l pkg.crossplane.io/revision=provider-aws-s3-7f9c1e2b3a4d -n crossplane-system --all-containers',
    ],
    titleIncludes: ['not healthy'],
  },
  {
    ruleId: 'XP-PACKAGE-UNHEALTHY',
    name: 'Configuration Installed=False: missing dependencies',
    objects: [
      xpPackage('Configuration', {
        name: 'platform-ref-aws',
        conditions: [
          condition('Installed', 'False', 'UnhealthyPackageRevision', MISSING_DEPENDENCIES),
        ],
      }),
    ],
    subject: { kind: 'Configuration', name: 'platform-ref-aws' },
    evidence: [MISSING_DEPENDENCIES],
    titleIncludes: ['not installed'],
    explanationIncludes: ['dependencies'],
  },
  {
    ruleId: 'XP-PACKAGE-UNHEALTHY',
    name: 'Provider: cannot establish control of object (two packages own one CRD)',
    objects: [
      xpPackage('Provider', {
        name: 'provider-aws-s3',
        conditions: [
          condition('Installed', 'False', 'UnhealthyPackageRevision', ESTABLISH_CONTROL),
        ],
      }),
    ],
    subject: { kind: 'Provider', name: 'provider-aws-s3' },
    evidence: [ESTABLISH_CONTROL],
    explanationIncludes: ['Two packages own the same CRD'],
  },
  {
    ruleId: 'XP-PACKAGE-UNHEALTHY',
    name: 'Function Healthy=False (multi-cluster)',
    objects: [
      xpPackage('Function', {
        name: 'function-patch-and-transform',
        cluster: 'staging',
        conditions: [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition('Healthy', 'False', 'UnhealthyPackageRevision', UNHEALTHY_REVISION),
        ],
      }),
    ],
    subject: { kind: 'Function', name: 'function-patch-and-transform', cluster: 'staging' },
    evidence: [UNHEALTHY_REVISION],
    commands: [
      'kubectl describe function.pkg.crossplane.io function-patch-and-transform --context staging',
    ],
  },
  {
    ruleId: 'XP-DEPRECATED-API',
    name: 'Composition mode: Resources (patch-and-transform, removed in v2)',
    objects: [
      composition({
        name: 'xdatabases-legacy',
        compositeApiVersion: 'platform.example.org/v1alpha1',
        compositeKind: 'XDatabase',
        mode: 'Resources',
        resources: [
          { name: 'bucket', base: { apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'Bucket' } },
        ],
      }),
    ],
    subject: { kind: 'Composition', name: 'xdatabases-legacy' },
    evidence: ['mode: Resources'],
    actionKinds: ['doc'],
  },
  {
    ruleId: 'XP-DEPRECATED-API',
    name: 'Composition without spec.mode but with spec.resources',
    objects: [
      composition({
        name: 'xdatabases-old',
        compositeApiVersion: 'platform.example.org/v1alpha1',
        compositeKind: 'XDatabase',
        resources: [
          { name: 'bucket', base: { apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'Bucket' } },
        ],
      }),
    ],
    subject: { kind: 'Composition', name: 'xdatabases-old' },
    evidence: ['mode: Resources'],
  },
  {
    ruleId: 'XP-DEPRECATED-API',
    name: 'EnvironmentConfig v1alpha1',
    objects: [environmentConfig({ name: 'aws-defaults', version: 'v1alpha1' })],
    subject: { kind: 'EnvironmentConfig', name: 'aws-defaults' },
    evidence: ['EnvironmentConfig v1alpha1'],
  },
  {
    ruleId: 'XP-DEPRECATED-API',
    name: 'ControllerConfig',
    objects: [controllerConfig({ name: 'debug-config' })],
    subject: { kind: 'ControllerConfig', name: 'debug-config' },
    evidence: ['ControllerConfig'],
  },
  {
    ruleId: 'XP-DEPRECATED-API',
    name: 'claims and connection secrets on a v2 XRD are one diagnosis',
    objects: [
      xrd({
        apiVersion: 'v2',
        group: 'example.org',
        kind: 'XPostgres',
        plural: 'xpostgres',
        name: 'xpostgres.example.org',
        claimKind: 'Postgres',
        connectionSecretKeys: ['password'],
      }),
    ],
    subject: { kind: 'CompositeResourceDefinition', name: 'xpostgres.example.org' },
    evidence: ['claims on a v2 XRD', 'connection secrets on a v2 XRD'],
  },
  {
    ruleId: 'XP-DEPRECATED-API',
    name: 'a Kustomization inventory lists a ControllerConfig that could not be read',
    objects: [
      kustomization({
        conditions: [
          ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`),
        ],
        inventory: [
          {
            name: 'debug-config',
            group: 'pkg.crossplane.io',
            kind: 'ControllerConfig',
            version: 'v1alpha1',
          },
          {
            name: 'aws-defaults',
            group: 'apiextensions.crossplane.io',
            kind: 'EnvironmentConfig',
            version: 'v1alpha1',
          },
        ],
      }),
    ],
    subject: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
    evidence: [
      'ControllerConfig v1alpha1 (debug-config) in its inventory',
      'EnvironmentConfig v1alpha1 (aws-defaults) in its inventory',
    ],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'Installed=True and Healthy=True',
    objects: [xpPackage('Provider', { name: 'provider-aws-s3', conditions: healthy })],
    absent: ['XP-PACKAGE-UNHEALTHY'],
  },
  {
    name: 'a package still installing (Healthy=Unknown) is not unhealthy yet',
    objects: [
      xpPackage('Provider', {
        name: 'provider-aws-s3',
        conditions: [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition(
            'Healthy',
            'Unknown',
            'UnknownPackageRevisionHealth',
            'Package revision health is "Unknown"'
          ),
        ],
      }),
    ],
    absent: ['XP-PACKAGE-UNHEALTHY'],
  },
  {
    name: 'a stale Healthy=False (condition observedGeneration < metadata.generation) is no verdict',
    objects: [
      xpPackage('Provider', {
        name: 'provider-aws-s3',
        generation: 3,
        conditions: [
          condition('Installed', 'True', 'ActivePackageRevision', '', { observedGeneration: 3 }),
          condition('Healthy', 'False', 'UnhealthyPackageRevision', UNHEALTHY_REVISION, {
            observedGeneration: 2,
          }),
        ],
      }),
    ],
    absent: ['XP-PACKAGE-UNHEALTHY'],
  },
  {
    name: 'Composition mode: Pipeline, EnvironmentConfig v1beta1, v1 XRD with claims are current APIs',
    objects: [
      composition({
        name: 'xdatabases-aws',
        compositeApiVersion: 'platform.example.org/v1alpha1',
        compositeKind: 'XDatabase',
      }),
      environmentConfig({ name: 'aws-defaults', version: 'v1beta1' }),
      xrd({
        apiVersion: 'v1',
        group: 'platform.example.org',
        kind: 'XDatabase',
        claimKind: 'Database',
        connectionSecretKeys: ['password'],
      }),
    ],
    absent: ['XP-DEPRECATED-API'],
  },
  {
    // Found against a real API server: XRDs are not converted, so one made at v1 lists as v2.
    name: 'a LegacyCluster XRD with claims read back at v2 is not a v2 XRD with claims',
    objects: [
      xrd({
        apiVersion: 'v2',
        scope: 'LegacyCluster',
        group: 'platform.example.org',
        kind: 'XDatabase',
        claimKind: 'Database',
        connectionSecretKeys: ['password'],
      }),
    ],
    absent: ['XP-DEPRECATED-API'],
  },
  {
    name: 'an inventory ControllerConfig that is in the snapshot is reported once, on the object itself',
    objects: [
      controllerConfig({ name: 'debug-config' }),
      kustomization({
        inventory: [
          {
            name: 'debug-config',
            group: 'pkg.crossplane.io',
            kind: 'ControllerConfig',
            version: 'v1alpha1',
          },
        ],
      }),
    ],
    subject: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
    absent: ['XP-DEPRECATED-API'],
  },
];
