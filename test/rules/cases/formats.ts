/**
 * One row per controller message format of docs/message-formats.md: the condition (or event)
 * a controller writes, a concrete message in that format, and the rule it maps to. The
 * formats test checks that the document and this table list the same rows with the same
 * rule, and runs every row through `diagnose`.
 */
import {
  condition,
  event,
  fluxSource,
  helmRelease,
  Json,
  kustomization,
  providerConfig,
  ready,
  stalledCondition,
  synced,
  xpPackage,
  xrd,
} from '../builders';
import type { SubjectExpectation } from '../harness';
import {
  failing,
  legacyBucket,
  legacyBucketSubject,
  legacyClaim,
  legacyClaimSubject,
  legacyComposition,
  legacyXr,
  legacyXrd,
  legacyXrSubject,
} from './world';

/** Where a row's message is written: which object, which condition. */
export type FormatObject =
  | 'Kustomization'
  | 'HelmRelease'
  | 'GitRepository'
  | 'OCIRepository'
  | 'HelmRepository'
  | 'HelmChart'
  | 'managed'
  | 'xr-synced'
  | 'xr-ready'
  | 'claim-ready'
  | 'xrd-event'
  | 'Provider'
  | 'ProviderConfig';

export interface FormatRow {
  /** `F-NN`, the row's id in docs/message-formats.md. */
  id: string;
  object: FormatObject;
  reason: string;
  /** A message in the controller's format, concrete values filled in. */
  message: string;
  /** The rule id that must fire on the object, or `informational` (no error or warning on it). */
  rule: string;
}

const R = 'main@sha1:696f056df216eea4f9401adbee0ff744d4df390f';

export const FORMAT_ROWS: FormatRow[] = [
  // ---- kustomize-controller ---------------------------------------------------------------
  {
    id: 'F-01',
    object: 'Kustomization',
    reason: 'ArtifactFailed',
    message: "Source 'GitRepository/flux-system/crossplane-configs' not found",
    rule: 'FLUX-ARTIFACT',
  },
  {
    id: 'F-02',
    object: 'Kustomization',
    reason: 'ArtifactFailed',
    message: 'Source artifact not found, retrying in 30s',
    rule: 'FLUX-ARTIFACT',
  },
  {
    id: 'F-03',
    object: 'Kustomization',
    reason: 'DependencyNotReady',
    message: "dependency 'flux-system/crossplane-apis' is not ready",
    rule: 'FLUX-DEPENDENCY',
  },
  {
    id: 'F-04',
    object: 'Kustomization',
    reason: 'DependencyNotReady',
    message:
      'dependency \'flux-system/crossplane-apis\' not found: kustomizations.kustomize.toolkit.fluxcd.io "crossplane-apis" not found',
    rule: 'FLUX-DEPENDENCY',
  },
  {
    id: 'F-05',
    object: 'Kustomization',
    reason: 'BuildFailed',
    message:
      "kustomize build failed: accumulating resources: accumulation err='accumulating resources from 'claims': open /tmp/kustomization-1/claims: no such file or directory'",
    rule: 'FLUX-INVALID-MANIFESTS',
  },
  {
    id: 'F-06',
    object: 'Kustomization',
    reason: 'ReconciliationFailed',
    message:
      'XPostgres/team-a/db dry-run failed (Invalid): XPostgres.example.org "db" is invalid: spec.parameters.storageGB: Invalid value: "string": spec.parameters.storageGB in body must be of type integer: "string"',
    rule: 'FLUX-INVALID-MANIFESTS',
  },
  {
    id: 'F-07',
    object: 'Kustomization',
    reason: 'ReconciliationFailed',
    message:
      'XPostgres/team-a/db dry-run failed: no matches for kind "XPostgres" in version "example.org/v1alpha1"',
    rule: 'FLUX-CRD-ORDERING',
  },
  {
    id: 'F-08',
    object: 'Kustomization',
    reason: 'ReconciliationFailed',
    message:
      'Job/team-a/migrate dry-run failed (Invalid): Job.batch "migrate" is invalid: spec.template: Invalid value: core.PodTemplateSpec{}: field is immutable',
    rule: 'FLUX-INVALID-MANIFESTS',
  },
  {
    id: 'F-09',
    object: 'Kustomization',
    reason: 'PruneFailed',
    message:
      'delete failed, errors: XPostgres/team-a/db delete failed: admission webhook "nousages.protection.crossplane.io" denied the request: This resource is in-use by 1 usage(s), including the *v1beta1.Usage "app-uses-db" by resource Release/app.;',
    rule: 'XP-USAGE-BLOCKS-DELETE',
  },
  {
    id: 'F-10',
    object: 'Kustomization',
    reason: 'HealthCheckFailed',
    message:
      "health check failed after 5m0s: timeout waiting for: [XPostgres/team-a/db status: 'InProgress']",
    rule: 'FLUX-HEALTH-CHECK',
  },
  {
    id: 'F-11',
    object: 'Kustomization',
    reason: 'HealthCheckFailed',
    message:
      "health check failed after 12.3s: failed early due to stalled resources: [Deployment/team-a/app status: 'Failed': Progress deadline exceeded]",
    rule: 'FLUX-HEALTH-CHECK',
  },
  {
    id: 'F-12',
    object: 'Kustomization',
    reason: 'Progressing',
    message: 'Reconciliation in progress',
    rule: 'informational',
  },
  // ---- helm-controller --------------------------------------------------------------------
  {
    id: 'F-13',
    object: 'HelmRelease',
    reason: 'InstallFailed',
    message:
      'Helm install failed for release crossplane-system/crossplane with chart crossplane@1.20.0: timed out waiting for the condition',
    rule: 'FLUX-HELM-STUCK',
  },
  {
    id: 'F-14',
    object: 'HelmRelease',
    reason: 'UpgradeFailed',
    message:
      'Helm upgrade failed for release crossplane-system/crossplane with chart crossplane@1.20.0: another operation (install/upgrade/rollback) is in progress',
    rule: 'FLUX-HELM-STUCK',
  },
  {
    id: 'F-15',
    object: 'HelmRelease',
    reason: 'TestFailed',
    message:
      'Helm test failed for release crossplane-system/crossplane.v3 with chart crossplane@1.20.0: pod crossplane-test failed',
    rule: 'FLUX-HELM-STUCK',
  },
  {
    id: 'F-16',
    object: 'HelmRelease',
    reason: 'UninstallFailed',
    message:
      'Helm uninstall failed for release crossplane-system/crossplane.v3 with chart crossplane@1.20.0: context deadline exceeded',
    rule: 'FLUX-HELM-STUCK',
  },
  {
    id: 'F-17',
    object: 'HelmRelease',
    reason: 'RetriesExceeded',
    message: 'Failed to upgrade after 3 attempt(s)',
    rule: 'FLUX-HELM-STUCK',
  },
  {
    id: 'F-18',
    object: 'HelmRelease',
    reason: 'SourceNotReady',
    message:
      "HelmChart 'flux-system/crossplane-system-crossplane' is not ready: invalid chart reference: failed to get chart version for remote reference: no 'crossplane' chart with version matching '9.9.x' found",
    rule: 'FLUX-ARTIFACT',
  },
  {
    id: 'F-19',
    object: 'HelmRelease',
    reason: 'ArtifactFailed',
    message: 'Source not ready: artifact not found. Retrying in 5s',
    rule: 'FLUX-ARTIFACT',
  },
  {
    id: 'F-20',
    object: 'HelmRelease',
    reason: 'ArtifactFailed',
    message: 'could not get Source object: helmcharts.source.toolkit.fluxcd.io "x" not found',
    rule: 'FLUX-ARTIFACT',
  },
  // ---- source-controller ------------------------------------------------------------------
  {
    id: 'F-21',
    object: 'GitRepository',
    reason: 'GitOperationFailed',
    message:
      "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required",
    rule: 'FLUX-SOURCE-AUTH',
  },
  {
    id: 'F-22',
    object: 'GitRepository',
    reason: 'AuthenticationFailed',
    message:
      'failed to get secret \'flux-system/git-credentials\': secrets "git-credentials" not found',
    rule: 'FLUX-SOURCE-AUTH',
  },
  {
    id: 'F-23',
    object: 'GitRepository',
    reason: 'GitOperationFailed',
    message:
      "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': couldn't find remote ref \"refs/heads/mian\"",
    rule: 'FLUX-SOURCE-REF',
  },
  {
    id: 'F-24',
    object: 'GitRepository',
    reason: 'GitOperationFailed',
    message:
      "failed to checkout and determine revision: unable to clone 'https://git.internal/org/repo': dial tcp: lookup git.internal on 10.96.0.10:53: no such host",
    rule: 'FLUX-SOURCE-UNREACHABLE',
  },
  {
    id: 'F-25',
    object: 'OCIRepository',
    reason: 'OCIArtifactPullFailed',
    message:
      'failed to determine artifact digest: GET https://ghcr.io/token?scope=repository%3Aorg%2Fmanifests%3Apull: UNAUTHORIZED: authentication required',
    rule: 'FLUX-SOURCE-AUTH',
  },
  {
    id: 'F-26',
    object: 'HelmRepository',
    reason: 'IndexationFailed',
    message:
      'failed to fetch Helm repository index: failed to cache index to temporary file: Get "https://charts.crossplane.io/stable/index.yaml": dial tcp: lookup charts.crossplane.io: i/o timeout',
    rule: 'FLUX-SOURCE-UNREACHABLE',
  },
  {
    id: 'F-27',
    object: 'HelmChart',
    reason: 'InvalidChartReference',
    message:
      "invalid chart reference: failed to get chart version for remote reference: no 'crossplane' chart with version matching '9.9.x' found",
    rule: 'FLUX-SOURCE-REF',
  },
  {
    id: 'F-28',
    object: 'HelmChart',
    reason: 'ChartPullError',
    message:
      'chart pull error: failed to download chart for remote reference: failed to fetch https://charts.example.com/x-1.0.0.tgz : 401 Unauthorized',
    rule: 'FLUX-SOURCE-AUTH',
  },
  // ---- Crossplane core: composite resources, claims, XRDs, packages -----------------------
  {
    id: 'F-29',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message: 'cannot select Composition: no compatible Compositions found',
    rule: 'XP-NO-COMPOSITION',
  },
  {
    id: 'F-30',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot select Composition: referenced composition is not compatible with this composite resource',
    rule: 'XP-NO-COMPOSITION',
  },
  {
    id: 'F-31',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message: 'cannot select CompositionRevision: no compatible CompositionRevisions found',
    rule: 'XP-REVISION-MISSING',
  },
  {
    id: 'F-32',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot fetch Composition: cannot get CompositionRevision: compositionrevisions.apiextensions.crossplane.io "xdatabases-aws-8f3c2d1" not found',
    rule: 'XP-REVISION-MISSING',
  },
  {
    id: 'F-33',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot compose resources: cannot run Composition pipeline step "patch-and-transform": cannot get gRPC client connection for Function "function-patch-and-transform": cannot find an active FunctionRevision (a FunctionRevision with spec.desiredState: Active)',
    rule: 'XP-FUNCTION-MISSING',
  },
  {
    id: 'F-34',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot compose resources: cannot run Composition pipeline step "patch-and-transform": cannot get gRPC client connection for Function "function-patch-and-transform": cannot determine gRPC target: active FunctionRevision "function-patch-and-transform-4c1b2a" has an empty status.endpoint',
    rule: 'XP-FUNCTION-MISSING',
  },
  {
    id: 'F-35',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot compose resources: cannot run Composition pipeline step "patch-and-transform": cannot run Function "function-patch-and-transform": rpc error: code = Unavailable desc = connection error',
    rule: 'XP-FUNCTION-FAILED',
  },
  {
    id: 'F-36',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot compose resources: pipeline step "patch-and-transform" returned a fatal result: cannot render composed resource "bucket"',
    rule: 'XP-FUNCTION-FAILED',
  },
  {
    id: 'F-37',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot compose resources: cannot apply composed resource "bucket": cannot get object: no matches for kind "Bucket" in version "s3.aws.upbound.io/v1beta2"',
    rule: 'XP-KIND-NOT-SERVED',
  },
  {
    id: 'F-38',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot compose resources: cannot apply cluster scoped composed resource "bucket" (a s3.aws.upbound.io/v1beta1, Kind=Bucket named db-bucket) for a namespaced composite resource.',
    rule: 'XP-SCOPE-MISMATCH',
  },
  {
    id: 'F-39',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message:
      'cannot compose resources: cannot apply composed resource "bucket": cannot patch object: buckets.s3.aws.upbound.io "db-x7k2p-bucket" is forbidden: User "system:serviceaccount:crossplane-system:crossplane" cannot patch resource "buckets"',
    rule: 'XP-RBAC',
  },
  {
    id: 'F-40',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message: 'cannot compose resources: some resources were invalid, check events',
    rule: 'XP-COMPOSE-INVALID',
  },
  {
    id: 'F-41',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message: 'Invalid resources: bucket, queue, and role',
    rule: 'XP-COMPOSE-INVALID',
  },
  {
    id: 'F-42',
    object: 'xr-synced',
    reason: 'ReconcileError',
    message: 'Unsynced resources: bucket',
    rule: 'XP-COMPOSE-INVALID',
  },
  {
    id: 'F-43',
    object: 'xr-ready',
    reason: 'Creating',
    message: 'Unready resources: bucket, queue, role, and 2 more',
    rule: 'XP-WAITING-ON-CHILDREN',
  },
  {
    id: 'F-44',
    object: 'claim-ready',
    reason: 'Waiting',
    message: 'Claim is waiting for composite resource to become Ready',
    rule: 'XP-CLAIM-WAITING',
  },
  {
    id: 'F-45',
    object: 'claim-ready',
    reason: 'ReconcileError',
    message:
      'cannot bind and sync claim with composite resource: refusing to operate on composite resource "db-x7k2p" that is not bound to this claim: bound to claim "team-b/db"',
    rule: 'XP-CLAIM-WAITING',
  },
  {
    id: 'F-46',
    object: 'xrd-event',
    reason: 'EstablishComposite',
    message:
      'cannot apply rendered composite resource CustomResourceDefinition: cannot patch object: CustomResourceDefinition.apiextensions.k8s.io "xdatabases.platform.example.org" is invalid: spec.versions[0].schema.openAPIV3Schema.type: Required value',
    rule: 'XP-XRD-NOT-ESTABLISHED',
  },
  {
    id: 'F-47',
    object: 'xrd-event',
    reason: 'OfferClaim',
    message:
      'cannot apply rendered composite resource claim CustomResourceDefinition: cannot patch object: CustomResourceDefinition.apiextensions.k8s.io "databases.platform.example.org" is invalid',
    rule: 'XP-XRD-NOT-ESTABLISHED',
  },
  {
    id: 'F-48',
    object: 'Provider',
    reason: 'UnhealthyPackageRevision',
    message:
      'Package revision health is "False" with message: post establish hook failed for package with digest sha256:3f1b: deployment is unavailable',
    rule: 'XP-PACKAGE-UNHEALTHY',
  },
  {
    id: 'F-49',
    object: 'Provider',
    reason: 'UnhealthyPackageRevision',
    message:
      'cannot establish control of object: CustomResourceDefinition buckets.s3.aws.upbound.io is already controlled by ProviderRevision provider-aws-s3-1',
    rule: 'XP-PACKAGE-UNHEALTHY',
  },
  {
    id: 'F-50',
    object: 'Provider',
    reason: 'UnhealthyPackageRevision',
    message:
      'incompatible Crossplane version: package is not compatible with Crossplane version (v1.17.0)',
    rule: 'XP-PACKAGE-UNHEALTHY',
  },
  // ---- crossplane-runtime: managed resources, ProviderConfigs ------------------------------
  {
    id: 'F-51',
    object: 'managed',
    reason: 'ReconcileError',
    message:
      'connect failed: cannot get referenced ProviderConfig: ProviderConfig.aws.upbound.io "default" not found',
    rule: 'XP-PROVIDERCONFIG-MISSING',
  },
  {
    id: 'F-52',
    object: 'managed',
    reason: 'ReconcileError',
    message: 'connect failed: managed resource does not reference a ProviderConfig',
    rule: 'XP-PROVIDERCONFIG-MISSING',
  },
  {
    id: 'F-53',
    object: 'managed',
    reason: 'ReconcileError',
    message:
      'cannot resolve references: mg.Spec.ForProvider.BucketID: referenced field was empty (referenced resource may not yet be ready)',
    rule: 'XP-REFERENCE-UNRESOLVED',
  },
  {
    id: 'F-54',
    object: 'managed',
    reason: 'ReconcileError',
    message: 'cannot resolve references: mg.Spec.ForProvider.VPCID: no resources matched selector',
    rule: 'XP-REFERENCE-UNRESOLVED',
  },
  {
    id: 'F-55',
    object: 'managed',
    reason: 'ReconcileError',
    message:
      'cannot determine creation result - remove the crossplane.io/external-create-pending annotation if it is safe to proceed',
    rule: 'XP-CREATE-PENDING',
  },
  {
    id: 'F-56',
    object: 'managed',
    reason: 'ReconcileError',
    message:
      'observe failed: failed to observe the resource: [{0 reading S3 Bucket (logs): operation error S3: HeadBucket, https response error StatusCode: 403, RequestID: R1, api error InvalidClientTokenId: The security token included in the request is invalid.}]',
    rule: 'XP-CREDENTIALS',
  },
  {
    id: 'F-57',
    object: 'managed',
    reason: 'ReconcileError',
    message:
      'connect failed: cannot initialize the Terraform plugin SDK async external client: cannot get terraform setup: cannot extract credentials: cannot get credentials secret: Secret "aws-secret" not found',
    rule: 'XP-CREDENTIALS',
  },
  {
    id: 'F-58',
    object: 'managed',
    reason: 'ReconcileError',
    message:
      'create failed: failed to create the resource: [{0 creating S3 Bucket (logs): operation error S3: CreateBucket, https response error StatusCode: 409, BucketAlreadyExists: }]',
    rule: 'XP-EXTERNAL-API',
  },
  {
    id: 'F-59',
    object: 'managed',
    reason: 'ReconcileError',
    message:
      'update failed: async update failed: failed to update the resource: [{0 updating S3 Bucket (logs): AccessDenied: Access Denied}]',
    rule: 'XP-EXTERNAL-API',
  },
  {
    id: 'F-60',
    object: 'managed',
    reason: 'ReconcilePaused',
    message:
      'Reconciliation is paused either through the `spec.managementPolicies` or the pause annotation',
    rule: 'XP-PAUSED',
  },
  {
    id: 'F-61',
    object: 'ProviderConfig',
    reason: 'InUse',
    message: 'Blocking deletion while usages still exist',
    rule: 'XP-USAGE-BLOCKS-DELETE',
  },
];

export interface FormatScenario {
  objects: Json[];
  subject: SubjectExpectation;
}

const claimsSubject = {
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'crossplane-claims',
};
const releaseSubject = { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' };

/** The objects that carry a row's message, the way its controller writes it. */
export function formatScenario(row: FormatRow): FormatScenario {
  const { reason, message } = row;
  switch (row.object) {
    case 'Kustomization':
      return {
        objects: [
          kustomization({
            name: 'crossplane-claims',
            lastAppliedRevision: R,
            lastAttemptedRevision: R,
            conditions: [
              row.rule === 'informational'
                ? ready('Unknown', reason, message)
                : ready('False', reason, message),
            ],
          }),
        ],
        subject: claimsSubject,
      };
    case 'HelmRelease':
      return {
        objects: [
          helmRelease({
            helmChart: 'flux-system/crossplane-system-crossplane',
            conditions:
              reason === 'RetriesExceeded'
                ? [
                    ready('False', 'UpgradeFailed', 'Helm upgrade failed'),
                    stalledCondition('True', reason, message),
                  ]
                : [ready('False', reason, message)],
          }),
          ...(reason === 'SourceNotReady'
            ? [
                fluxSource('HelmChart', {
                  name: 'crossplane-system-crossplane',
                  conditions: [ready('False', 'InvalidChartReference', message)],
                }),
              ]
            : []),
        ],
        subject: releaseSubject,
      };
    case 'GitRepository':
    case 'OCIRepository':
    case 'HelmRepository':
    case 'HelmChart':
      return {
        objects: [
          fluxSource(row.object, {
            name: 'source',
            secretRef: 'credentials',
            conditions: [ready('False', reason, message)],
          }),
        ],
        subject: { kind: row.object, namespace: 'flux-system', name: 'source' },
      };
    case 'managed':
      return {
        objects: [
          providerConfig(),
          legacyBucket({
            annotations:
              reason === 'ReconcilePaused' ? { 'crossplane.io/paused': 'true' } : undefined,
            conditions: [synced('False', reason, message)],
          }),
        ],
        subject: legacyBucketSubject,
      };
    case 'xr-synced':
      return {
        objects: [
          legacyXrd,
          legacyComposition,
          legacyXr({ conditions: [synced('False', reason, message), ready('False', 'Creating')] }),
        ],
        subject: legacyXrSubject,
      };
    case 'xr-ready':
      return {
        objects: [
          legacyXrd,
          legacyXr({
            conditions: [synced('True', 'ReconcileSuccess'), failing.ready(reason, message)],
          }),
        ],
        subject: legacyXrSubject,
      };
    case 'claim-ready':
      return {
        objects: [
          legacyXrd,
          legacyXr({
            conditions: [synced('True', 'ReconcileSuccess'), ready('False', 'Creating')],
          }),
          legacyClaim({
            conditions:
              reason === 'Waiting'
                ? [synced('True', 'ReconcileSuccess'), ready('False', reason, message)]
                : [synced('False', reason, message), ready('False', 'Waiting')],
          }),
        ],
        subject: legacyClaimSubject,
      };
    case 'xrd-event':
      return {
        objects: [
          xrd({
            apiVersion: 'v1',
            group: 'platform.example.org',
            kind: 'XDatabase',
            claimKind: 'Database',
            conditions: [
              condition('Established', 'False', 'EstablishingCompositeResource', message),
            ],
          }),
          event({
            involved: {
              kind: 'CompositeResourceDefinition',
              name: 'xdatabases.platform.example.org',
            },
            reason,
            message,
          }),
        ],
        subject: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
      };
    case 'Provider':
      return {
        objects: [
          xpPackage('Provider', {
            name: 'provider-aws-s3',
            conditions: [
              condition('Installed', 'True', 'ActivePackageRevision'),
              condition('Healthy', 'False', reason, message),
            ],
          }),
        ],
        subject: { kind: 'Provider', name: 'provider-aws-s3' },
      };
    case 'ProviderConfig': {
      const pc = providerConfig({ deletionTimestamp: '2025-06-02T11:00:00Z' });
      pc.status = { users: 1, conditions: [condition('Terminating', 'True', reason, message)] };
      return { objects: [pc], subject: { kind: 'ProviderConfig', name: 'default' } };
    }
  }
}
