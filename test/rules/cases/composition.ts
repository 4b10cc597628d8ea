import {
  compositionRevision,
  condition,
  crossplaneHealthy,
  event,
  Json,
  kustomization,
  managed,
  ready,
  synced,
  xpPackage,
  xrd,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';
import {
  failing,
  LEGACY_API,
  LEGACY_XR_UID,
  legacyBucket,
  legacyBucketRef,
  legacyBucketSubject,
  legacyClaim,
  legacyClaimSubject,
  legacyComposition,
  legacyXr,
  legacyXrd,
  legacyXrRef,
  legacyXrSubject,
  modernBucket,
  modernComposition,
  modernXr,
  modernXrd,
  modernXrSubject,
} from './world';

const XRD_EVENT =
  'cannot apply rendered composite resource CustomResourceDefinition: cannot patch object: CustomResourceDefinition.apiextensions.k8s.io "xpostgres.example.org" is invalid: spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[parameters].properties[storageGB].type: Unsupported value: "int": supported values: "array", "boolean", "integer", "number", "object", "string"';
const NO_COMPATIBLE = 'cannot select Composition: no compatible Compositions found';
const NOT_COMPATIBLE =
  'cannot select Composition: referenced composition is not compatible with this composite resource';
const REVISION_MISSING =
  'cannot select CompositionRevision: no compatible CompositionRevisions found: compositionrevisions.apiextensions.crossplane.io "xdatabases-aws-8f3c2d1" not found';
const PIPELINE_INVALID =
  'cannot compose resources: Composition "xdatabases-aws" does not have a valid function pipeline';
const MISSING_CAPABILITIES =
  'Function "function-patch-and-transform" is missing required capabilities: composition';
const FUNCTION_MISSING =
  'cannot compose resources: cannot run Composition pipeline step "patch-and-transform": cannot get gRPC client connection for Function "function-patch-and-transform": cannot find an active FunctionRevision (a FunctionRevision with spec.desiredState: Active)';
const FUNCTION_UNHEALTHY =
  'Package revision health is "False" with message: post establish hook failed for package with digest sha256:3f1b: deployment is unavailable';
const FUNCTION_DEADLINE =
  'cannot compose resources: cannot run Composition pipeline step "render-sql": rpc error: code = DeadlineExceeded desc = context deadline exceeded';
const FUNCTION_FATAL =
  'cannot compose resources: pipeline step "patch-and-transform" returned a fatal result: cannot render composed resource "bucket": cannot apply patch: spec.parameters.region: no such field';
const KIND_NOT_SERVED =
  'cannot compose resources: cannot apply composed resource "bucket": cannot get object: no matches for kind "Bucket" in version "s3.aws.upbound.io/v1beta2"';
const SCOPE_MISMATCH =
  'cannot compose resources: cannot apply cluster scoped composed resource "bucket" (s3.aws.upbound.io/v1beta1, Kind=Bucket) for a namespaced composite resource';
const RBAC =
  'cannot compose resources: cannot apply composed resource "bucket": cannot patch object: buckets.s3.aws.upbound.io "db-x7k2p-bucket" is forbidden: User "system:serviceaccount:crossplane-system:crossplane" cannot patch resource "buckets" in API group "s3.aws.upbound.io" at the cluster scope';
const COMPOSE_INVALID = 'cannot compose resources: some resources were invalid, check events';
const COMPOSE_EVENT =
  'cannot apply composed resource "bucket": Bucket.s3.aws.upbound.io "db-x7k2p-bucket" is invalid: spec.forProvider.region: Required value';
const UNREADY = 'Unready resources: bucket, role';
const CLAIM_WAITING = 'Composite resource claim is waiting for composite resource to become Ready';
const NOT_BOUND =
  'cannot bind claim to composite resource: refusing to operate on composite resource "db-x7k2p" that is not bound to this claim: bound to claim team-b/db';
const CIRCUIT_OPEN =
  'Watch circuit breaker is open: too many watch events for Bucket/db-bucket (130 in 60s)';

const XRD_CLAIM_EVENT =
  'cannot apply rendered composite resource claim CustomResourceDefinition: cannot patch object: CustomResourceDefinition.apiextensions.k8s.io "databases.platform.example.org" is invalid: spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[parameters].properties[storageGB].type: Unsupported value: "int"';
/** composite/reconciler.go errFetchComp + api.go errGetCompositionRevision (a Manual, pinned revision). */
const PINNED_GONE =
  'cannot fetch Composition: cannot get CompositionRevision: compositionrevisions.apiextensions.crossplane.io "xdatabases-aws-8f3c2d1" not found';
/** xfn/function_runner.go errFmtRunFunction wrapping the gRPC status. */
const FUNCTION_UNAVAILABLE =
  'cannot compose resources: cannot run Composition pipeline step "render-sql": cannot run Function "function-go-templating": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.96.14.2:9443: connect: connection refused"';
const QUEUE_CREATE_FAILED =
  'create failed: async create failed: failed to create the resource: [{0 creating SQS Queue (db-x7k2p-queue): operation error SQS: CreateQueue, https response error StatusCode: 400, api error InvalidAttributeValue: Invalid value for the parameter MessageRetentionPeriod.}]';
const crossplaneReady = crossplaneHealthy();

/** Another composed resource of the legacy XR, named by its composition-resource-name. */
function child(resourceName: string, conditions: Json[]): Json {
  const kind = resourceName[0].toUpperCase() + resourceName.slice(1);
  return managed({
    apiVersion: 'sqs.aws.upbound.io/v1beta1',
    kind,
    name: `db-x7k2p-${resourceName}`,
    uid: `0000-${resourceName}`,
    owner: { ...legacyXrRef, uid: LEGACY_XR_UID },
    resourceName,
    conditions,
  });
}

/** compositionUpdatePolicy: Manual (the builder writes Automatic). */
function manual(xrObject: Json): Json {
  (xrObject.spec as Json).compositionUpdatePolicy = 'Manual';
  return xrObject;
}

const legacyTrace = 'crossplane beta trace xdatabase.platform.example.org db-x7k2p';
const modernTrace = 'crossplane beta trace xpostgres.example.org db -n team-a';

export const FIRING: FiringCase[] = [
  {
    ruleId: 'XP-XRD-NOT-ESTABLISHED',
    name: 'Established=False, the CRD update was rejected (event)',
    objects: [
      xrd({
        apiVersion: 'v2',
        group: 'example.org',
        kind: 'XPostgres',
        plural: 'xpostgres',
        name: 'xpostgres.example.org',
        conditions: [
          condition(
            'Established',
            'False',
            'EstablishingCompositeResource',
            'cannot apply rendered composite resource CustomResourceDefinition'
          ),
        ],
      }),
      event({
        involved: {
          apiVersion: 'apiextensions.crossplane.io/v2',
          kind: 'CompositeResourceDefinition',
          name: 'xpostgres.example.org',
        },
        reason: 'EstablishComposite',
        message: XRD_EVENT,
      }),
    ],
    subject: { kind: 'CompositeResourceDefinition', name: 'xpostgres.example.org' },
    evidence: [XRD_EVENT, 'cannot apply rendered composite resource CustomResourceDefinition'],
    commands: [
      'kubectl events --for compositeresourcedefinition.apiextensions.crossplane.io/xpostgres.example.org -A',
      'kubectl describe compositeresourcedefinition.apiextensions.crossplane.io xpostgres.example.org',
    ],
    titleIncludes: ['XPostgres.example.org'],
  },
  {
    ruleId: 'XP-XRD-NOT-ESTABLISHED',
    name: 'no Established condition yet (warning), with the CRD event',
    objects: [
      xrd({
        apiVersion: 'v1',
        group: 'platform.example.org',
        kind: 'XDatabase',
        claimKind: 'Database',
        conditions: [],
      }),
      event({
        involved: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
        reason: 'EstablishComposite',
        message: XRD_EVENT,
      }),
    ],
    subject: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
    severity: 'warning',
    evidence: [XRD_EVENT],
  },
  {
    ruleId: 'XP-NO-COMPOSITION',
    name: 'legacy XR: cannot select Composition: no compatible Compositions found',
    objects: [
      legacyXrd,
      legacyXr({
        compositionRef: undefined,
        conditions: [failing.synced('ReconcileError', NO_COMPATIBLE), ready('False', 'Creating')],
      }),
    ],
    subject: legacyXrSubject,
    evidence: [NO_COMPATIBLE],
    commands: [legacyTrace],
    explanationIncludes: [
      `No Composition has compositeTypeRef ${LEGACY_API} XDatabase`,
      'Nothing composes it',
    ],
  },
  {
    ruleId: 'XP-NO-COMPOSITION',
    name: 'v2 XR: referenced composition is not compatible (lists the candidates)',
    objects: [
      modernXrd,
      modernComposition,
      modernXr({
        compositionRef: 'xdatabases-aws',
        conditions: [failing.synced('ReconcileError', NOT_COMPATIBLE)],
      }),
    ],
    subject: modernXrSubject,
    evidence: [NOT_COMPATIBLE],
    commands: [modernTrace],
    explanationIncludes: ['xpostgres-aws'],
  },
  {
    ruleId: 'XP-REVISION-MISSING',
    name: 'pinned compositionRevisionRef that does not exist',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({
        compositionRevisionRef: 'xdatabases-aws-8f3c2d1',
        conditions: [failing.synced('ReconcileError', REVISION_MISSING)],
      }),
    ],
    subject: legacyXrSubject,
    evidence: [REVISION_MISSING],
    titleIncludes: ['pinned xdatabases-aws-8f3c2d1'],
  },
  {
    ruleId: 'XP-PIPELINE-INVALID',
    name: 'XR: the Composition does not have a valid function pipeline',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({ conditions: [failing.synced('ReconcileError', PIPELINE_INVALID)] }),
    ],
    subject: legacyXrSubject,
    evidence: [PIPELINE_INVALID],
    commands: [legacyTrace],
  },
  {
    ruleId: 'XP-PIPELINE-INVALID',
    name: 'latest CompositionRevision ValidPipeline=False MissingCapabilities (reported on the Composition)',
    objects: [
      legacyComposition,
      compositionRevision({
        name: 'xdatabases-aws-1a2b3c4',
        composition: 'xdatabases-aws',
        revision: 1,
        conditions: [condition('ValidPipeline', 'True', 'ValidPipeline')],
      }),
      compositionRevision({
        name: 'xdatabases-aws-5d6e7f8',
        composition: 'xdatabases-aws',
        revision: 2,
        conditions: [
          condition('ValidPipeline', 'False', 'MissingCapabilities', MISSING_CAPABILITIES),
        ],
      }),
    ],
    subject: { kind: 'Composition', name: 'xdatabases-aws' },
    evidence: [MISSING_CAPABILITIES],
    commands: [
      'kubectl describe compositionrevision.apiextensions.crossplane.io xdatabases-aws-5d6e7f8',
    ],
    titleIncludes: ['MissingCapabilities'],
  },
  {
    ruleId: 'XP-FUNCTION-MISSING',
    name: 'cannot find an active FunctionRevision: chains to the unhealthy Function',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({ conditions: [failing.synced('ReconcileError', FUNCTION_MISSING)] }),
      xpPackage('Function', {
        name: 'function-patch-and-transform',
        conditions: [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition('Healthy', 'False', 'UnhealthyPackageRevision', FUNCTION_UNHEALTHY),
        ],
      }),
    ],
    subject: legacyXrSubject,
    evidence: [FUNCTION_MISSING],
    titleIncludes: ['function-patch-and-transform'],
    causes: [{ kind: 'Function', name: 'function-patch-and-transform' }],
  },
  {
    ruleId: 'XP-FUNCTION-MISSING',
    name: 'empty status.endpoint: the step name leads to the Function through the Composition',
    objects: [
      modernXrd,
      modernComposition,
      modernXr({
        conditions: [
          failing.synced(
            'ReconcileError',
            'cannot compose resources: cannot run Composition pipeline step "render-sql": cannot determine gRPC target: active FunctionRevision "function-go-templating-4c1b2a" has an empty status.endpoint'
          ),
        ],
      }),
    ],
    subject: modernXrSubject,
    evidence: ['has an empty status.endpoint'],
    titleIncludes: ['function-go-templating'],
  },
  {
    ruleId: 'XP-FUNCTION-FAILED',
    name: 'rpc error: code = DeadlineExceeded',
    objects: [
      modernXrd,
      modernComposition,
      modernXr({ conditions: [failing.synced('ReconcileError', FUNCTION_DEADLINE)] }),
    ],
    subject: modernXrSubject,
    evidence: [FUNCTION_DEADLINE],
    titleIncludes: ['"render-sql"'],
    commands: [modernTrace],
  },
  {
    ruleId: 'XP-FUNCTION-FAILED',
    name: 'a step returned a fatal result',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({ conditions: [failing.synced('ReconcileError', FUNCTION_FATAL)] }),
    ],
    subject: legacyXrSubject,
    evidence: [FUNCTION_FATAL],
  },
  {
    ruleId: 'XP-KIND-NOT-SERVED',
    name: 'cannot apply composed resource: no matches for kind "Bucket"',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({ conditions: [failing.synced('ReconcileError', KIND_NOT_SERVED)] }),
    ],
    subject: legacyXrSubject,
    evidence: [KIND_NOT_SERVED],
    titleIncludes: ['Bucket (s3.aws.upbound.io/v1beta2)'],
    commands: [legacyTrace],
  },
  {
    ruleId: 'XP-SCOPE-MISMATCH',
    name: 'a namespaced v2 XR composes a cluster-scoped Bucket',
    objects: [
      modernXrd,
      modernComposition,
      modernXr({ conditions: [failing.synced('ReconcileError', SCOPE_MISMATCH)] }),
    ],
    subject: modernXrSubject,
    evidence: [SCOPE_MISMATCH],
    commands: [modernTrace],
  },
  {
    ruleId: 'XP-RBAC',
    name: 'forbidden: User "system:serviceaccount:crossplane-system:crossplane"',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({ conditions: [failing.synced('ReconcileError', RBAC)] }),
    ],
    subject: legacyXrSubject,
    evidence: [RBAC],
    explanationIncludes: ['rbac.crossplane.io/aggregate-to-crossplane: "true"'],
  },
  {
    ruleId: 'XP-RBAC',
    name: 'event reason RoleBasedAccessControl on the XR',
    objects: [
      legacyXrd,
      legacyXr({ conditions: [ready('False', 'Creating')] }),
      event({
        involved: { apiVersion: LEGACY_API, kind: 'XDatabase', name: 'db-x7k2p' },
        reason: 'RoleBasedAccessControl',
        message:
          'cannot apply composed resource "role": roles.iam.aws.upbound.io "db-x7k2p-role" is forbidden: User "system:serviceaccount:crossplane-system:crossplane" cannot create resource "roles" in API group "iam.aws.upbound.io" at the cluster scope',
      }),
    ],
    subject: legacyXrSubject,
    evidence: ['Warning RoleBasedAccessControl'],
  },
  {
    ruleId: 'XP-COMPOSE-INVALID',
    name: 'some resources were invalid: the Warning event carries the real error',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({
        conditions: [failing.synced('ReconcileError', COMPOSE_INVALID), ready('False', 'Creating')],
      }),
      event({
        involved: { apiVersion: LEGACY_API, kind: 'XDatabase', name: 'db-x7k2p' },
        reason: 'ComposeResources',
        message: COMPOSE_EVENT,
      }),
    ],
    subject: legacyXrSubject,
    evidence: [COMPOSE_INVALID, COMPOSE_EVENT],
    commands: ['kubectl events --for xdatabase.platform.example.org/db-x7k2p -A', legacyTrace],
  },
  {
    ruleId: 'XP-WAITING-ON-CHILDREN',
    name: 'legacy XR Creating, Unready resources: bucket, role (found by composition-resource-name)',
    objects: [
      legacyXrd,
      legacyXr({
        resourceRefs: [legacyBucketRef],
        conditions: [synced('True', 'ReconcileSuccess'), failing.ready('Creating', UNREADY)],
      }),
      legacyBucket({
        conditions: [synced('True', 'ReconcileSuccess'), ready('False', 'Creating')],
      }),
    ],
    subject: legacyXrSubject,
    evidence: [UNREADY],
    titleIncludes: ['bucket, role'],
    actionKinds: ['open'],
    causes: [legacyBucketSubject],
  },
  {
    ruleId: 'XP-WAITING-ON-CHILDREN',
    name: 'v2 namespaced XR Creating, child listed in spec.crossplane.resourceRefs',
    objects: [
      modernXrd,
      modernXr({
        resourceRefs: [
          { apiVersion: 's3.aws.m.upbound.io/v1beta1', kind: 'Bucket', name: 'db-bucket' },
        ],
        conditions: [
          synced('True', 'ReconcileSuccess'),
          failing.ready('Creating', 'Unready resources: bucket'),
        ],
      }),
      modernBucket({
        conditions: [synced('True', 'ReconcileSuccess'), ready('False', 'Creating')],
      }),
    ],
    subject: modernXrSubject,
    evidence: ['Unready resources: bucket'],
    causes: [{ kind: 'Bucket', namespace: 'team-a', name: 'db-bucket' }],
  },
  {
    ruleId: 'XP-CLAIM-WAITING',
    name: 'claim Ready=False Waiting: follows spec.resourceRef to the XR',
    objects: [
      legacyXrd,
      legacyClaim({
        conditions: [synced('True', 'ReconcileSuccess'), failing.ready('Waiting', CLAIM_WAITING)],
      }),
      legacyXr(),
    ],
    subject: legacyClaimSubject,
    evidence: [CLAIM_WAITING],
    commands: ['crossplane beta trace database.platform.example.org db -n team-a'],
    titleIncludes: ['db-x7k2p'],
    causes: [legacyXrSubject],
  },
  {
    ruleId: 'XP-CLAIM-WAITING',
    name: 'refusing to operate on composite resource … not bound to this claim',
    objects: [
      legacyXrd,
      legacyClaim({
        conditions: [
          failing.synced('ReconcileError', NOT_BOUND),
          failing.ready('Waiting', CLAIM_WAITING),
        ],
      }),
      legacyXr(),
    ],
    subject: legacyClaimSubject,
    evidence: [NOT_BOUND],
    titleIncludes: ['bound to another claim'],
  },
  {
    ruleId: 'XP-CIRCUIT-OPEN',
    name: 'v2 XR Responsive=False WatchCircuitOpen',
    objects: [
      modernXrd,
      modernXr({
        conditions: [
          synced('True', 'ReconcileSuccess'),
          ready('True', 'Available'),
          condition('Responsive', 'False', 'WatchCircuitOpen', CIRCUIT_OPEN),
        ],
      }),
    ],
    subject: modernXrSubject,
    evidence: [CIRCUIT_OPEN],
    commands: [modernTrace, 'kubectl events --for xpostgres.example.org/db -n team-a'],
  },
  {
    ruleId: 'XP-WAITING-ON-CHILDREN',
    name: 'Oxford list "bucket, queue, and role": reads the children, never names the Ready bucket',
    objects: [
      legacyXrd,
      legacyXr({
        conditions: [
          synced('True', 'ReconcileSuccess'),
          failing.ready('Creating', 'Unready resources: bucket, queue, and role'),
        ],
      }),
      legacyBucket(),
      child('queue', [
        failing.synced('ReconcileError', QUEUE_CREATE_FAILED),
        ready('False', 'Creating'),
      ]),
    ],
    subject: legacyXrSubject,
    evidence: ['Unready resources: bucket, queue, and role'],
    titleIncludes: ['waits for queue, role'],
    explanationIncludes: ['bucket is Ready by now'],
    causes: [{ kind: 'Queue', name: 'db-x7k2p-queue' }],
  },
  {
    ruleId: 'XP-WAITING-ON-CHILDREN',
    name: '"a, b, c, and 2 more": the unnamed unready child is found by reading the children',
    objects: [
      legacyXrd,
      legacyXr({
        conditions: [
          synced('True', 'ReconcileSuccess'),
          failing.ready('Creating', 'Unready resources: bucket, policy, and 2 more'),
        ],
      }),
      legacyBucket(),
      child('policy', crossplaneReady),
      child('queue', [synced('True', 'ReconcileSuccess'), ready('False', 'Creating')]),
      child('topic', crossplaneReady),
    ],
    subject: legacyXrSubject,
    evidence: ['Unready resources: bucket, policy, and 2 more'],
    titleIncludes: ['waits for 2 more composed resources'],
    causes: [{ kind: 'Queue', name: 'db-x7k2p-queue' }],
  },
  {
    ruleId: 'XP-REVISION-MISSING',
    name: 'compositionUpdatePolicy Manual, pinned CompositionRevision gone: cannot get CompositionRevision … not found',
    objects: [
      legacyXrd,
      legacyComposition,
      compositionRevision({
        name: 'xdatabases-aws-1a2b3c4',
        composition: 'xdatabases-aws',
        revision: 2,
      }),
      manual(
        legacyXr({
          compositionRevisionRef: 'xdatabases-aws-8f3c2d1',
          conditions: [failing.synced('ReconcileError', PINNED_GONE), ready('False', 'Creating')],
        })
      ),
    ],
    subject: legacyXrSubject,
    evidence: [PINNED_GONE],
    titleIncludes: ['pinned xdatabases-aws-8f3c2d1, which does not exist'],
  },
  {
    ruleId: 'XP-FUNCTION-FAILED',
    name: 'gRPC Unavailable while the Function is unhealthy: the Function is the cause',
    objects: [
      modernXrd,
      modernComposition,
      modernXr({ conditions: [failing.synced('ReconcileError', FUNCTION_UNAVAILABLE)] }),
      xpPackage('Function', {
        name: 'function-go-templating',
        conditions: [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition('Healthy', 'False', 'UnhealthyPackageRevision', FUNCTION_UNHEALTHY),
        ],
      }),
    ],
    subject: modernXrSubject,
    evidence: [FUNCTION_UNAVAILABLE],
    titleIncludes: ['Function function-go-templating is not healthy'],
    causes: [{ kind: 'Function', name: 'function-go-templating' }],
  },
  {
    ruleId: 'XP-FUNCTION-FAILED',
    name: 'gRPC Unavailable while the Function is healthy: no Function blamed',
    objects: [
      modernXrd,
      modernComposition,
      modernXr({ conditions: [failing.synced('ReconcileError', FUNCTION_UNAVAILABLE)] }),
      xpPackage('Function', {
        name: 'function-go-templating',
        conditions: [
          condition('Installed', 'True', 'ActivePackageRevision'),
          condition('Healthy', 'True', 'HealthyPackageRevision'),
        ],
      }),
    ],
    subject: modernXrSubject,
    evidence: [FUNCTION_UNAVAILABLE],
    causes: [],
  },
  {
    ruleId: 'XP-COMPOSE-INVALID',
    name: 'Crossplane 1.17–1.19 "Invalid resources: bucket": the error is in the Warning event',
    objects: [
      legacyXrd,
      legacyXr({
        conditions: [
          failing.synced('ReconcileError', 'Invalid resources: bucket'),
          failing.ready('Creating', 'Unready resources: bucket'),
        ],
      }),
      event({
        involved: { apiVersion: LEGACY_API, kind: 'XDatabase', name: 'db-x7k2p' },
        reason: 'ComposeResources',
        message: COMPOSE_EVENT,
      }),
    ],
    subject: legacyXrSubject,
    evidence: ['Invalid resources: bucket', COMPOSE_EVENT],
    titleIncludes: ['bucket was invalid'],
  },
  {
    ruleId: 'XP-COMPOSE-INVALID',
    name: 'Crossplane 1.20+/2.x "Unsynced resources: bucket": the error is in the Warning event',
    objects: [
      modernXrd,
      modernXr({
        conditions: [
          failing.synced('ReconcileError', 'Unsynced resources: bucket'),
          failing.ready('Creating', 'Unready resources: bucket'),
        ],
      }),
      event({
        involved: {
          apiVersion: 'example.org/v1alpha1',
          kind: 'XPostgres',
          namespace: 'team-a',
          name: 'db',
        },
        reason: 'ComposeResources',
        message: COMPOSE_EVENT,
      }),
    ],
    subject: modernXrSubject,
    evidence: ['Unsynced resources: bucket', COMPOSE_EVENT],
  },
  {
    ruleId: 'XP-XRD-NOT-ESTABLISHED',
    name: 'Established=True about generation 2, generation 3 refused (EstablishComposite/OfferClaim Warning events)',
    objects: [
      xrd({
        apiVersion: 'v1',
        group: 'platform.example.org',
        kind: 'XDatabase',
        claimKind: 'Database',
        generation: 3,
        conditions: [
          condition('Established', 'True', 'WatchingCompositeResource', '', {
            observedGeneration: 2,
          }),
          condition('Offered', 'True', 'WatchingCompositeResourceClaim', '', {
            observedGeneration: 2,
          }),
        ],
      }),
      event({
        involved: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
        reason: 'EstablishComposite',
        message: XRD_EVENT,
      }),
      event({
        involved: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
        reason: 'OfferClaim',
        message: XRD_CLAIM_EVENT,
      }),
    ],
    subject: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
    severity: 'error',
    evidence: [XRD_EVENT, XRD_CLAIM_EVENT],
    titleIncludes: ['not established at generation 3'],
  },
  {
    ruleId: 'XP-NO-COMPOSITION',
    name: 'nothing composes it, applied by a Kustomization without dependsOn: advises dependsOn',
    objects: [
      legacyXrd,
      legacyXr({
        compositionRef: undefined,
        conditions: [failing.synced('ReconcileError', NO_COMPATIBLE), ready('False', 'Creating')],
      }),
      kustomization({
        name: 'crossplane-claims',
        inventory: [
          {
            name: 'db-x7k2p',
            group: 'platform.example.org',
            kind: 'XDatabase',
            version: 'v1alpha1',
          },
        ],
      }),
    ],
    subject: legacyXrSubject,
    evidence: [NO_COMPATIBLE],
    explanationIncludes: [
      'Nothing composes it',
      'make Kustomization flux-system/crossplane-claims depend on it (spec.dependsOn)',
    ],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'XRD Established=True (and Offered=True) with an old CRD event',
    objects: [
      legacyXrd,
      event({
        involved: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
        reason: 'EstablishComposite',
        message: XRD_EVENT,
      }),
    ],
    subject: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
    absent: ['XP-XRD-NOT-ESTABLISHED'],
  },
  {
    name: 'a stale Established=False (condition observedGeneration < metadata.generation) is no verdict',
    objects: [
      xrd({
        apiVersion: 'v2',
        group: 'example.org',
        kind: 'XPostgres',
        plural: 'xpostgres',
        name: 'xpostgres.example.org',
        generation: 3,
        conditions: [
          condition(
            'Established',
            'False',
            'EstablishingCompositeResource',
            'cannot apply rendered composite resource CustomResourceDefinition',
            { observedGeneration: 2 }
          ),
        ],
      }),
    ],
    subject: { kind: 'CompositeResourceDefinition', name: 'xpostgres.example.org' },
    absent: ['XP-XRD-NOT-ESTABLISHED'],
  },
  {
    name: 'a healthy XR (Synced=True, Ready=True) with an old "cannot select Composition" Warning event',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr(),
      event({
        involved: { kind: 'XDatabase', name: 'db-x7k2p' },
        reason: 'SelectComposition',
        message: NO_COMPATIBLE,
        lastTimestamp: '2025-06-02T11:10:00Z',
      }),
    ],
    subject: legacyXrSubject,
    absent: ['XP-NO-COMPOSITION'],
  },
  {
    name: 'a stale Synced=False (condition observedGeneration < metadata.generation) is no verdict',
    objects: [
      legacyXrd,
      legacyXr({
        generation: 4,
        conditions: [
          synced('False', 'ReconcileError', NO_COMPATIBLE, { observedGeneration: 3 }),
          ready('True', 'Available', '', { observedGeneration: 3 }),
        ],
      }),
    ],
    subject: legacyXrSubject,
    absent: ['XP-NO-COMPOSITION'],
  },
  {
    name: '"cannot select CompositionRevision" is a revision problem, not a missing Composition',
    objects: [
      legacyXrd,
      legacyComposition,
      legacyXr({ conditions: [failing.synced('ReconcileError', REVISION_MISSING)] }),
    ],
    subject: legacyXrSubject,
    absent: ['XP-NO-COMPOSITION'],
    present: ['XP-REVISION-MISSING'],
  },
  {
    name: 'a ValidPipeline=False on an older revision only is not the current pipeline',
    objects: [
      legacyComposition,
      compositionRevision({
        name: 'xdatabases-aws-1a2b3c4',
        composition: 'xdatabases-aws',
        revision: 1,
        conditions: [
          condition('ValidPipeline', 'False', 'MissingCapabilities', MISSING_CAPABILITIES),
        ],
      }),
      compositionRevision({
        name: 'xdatabases-aws-5d6e7f8',
        composition: 'xdatabases-aws',
        revision: 2,
        conditions: [condition('ValidPipeline', 'True', 'ValidPipeline')],
      }),
    ],
    absent: ['XP-PIPELINE-INVALID'],
  },
  {
    name: 'a claim Ready=False for another reason (ReconcileError) is not waiting',
    objects: [
      legacyXrd,
      legacyClaim({
        conditions: [
          synced('True', 'ReconcileSuccess'),
          failing.ready('Unavailable', 'the database is restarting'),
        ],
      }),
      legacyXr(),
    ],
    subject: legacyClaimSubject,
    absent: ['XP-CLAIM-WAITING', 'XP-WAITING-ON-CHILDREN'],
  },
  {
    name: 'an XR that is Available has no unready children',
    objects: [legacyXrd, legacyXr({ resourceRefs: [legacyBucketRef] }), legacyBucket()],
    subject: legacyXrSubject,
    absent: ['XP-WAITING-ON-CHILDREN', 'XP-COMPOSE-INVALID', 'XP-KIND-NOT-SERVED'],
  },
  {
    name: 'Responsive=True is a closed circuit',
    objects: [
      modernXrd,
      modernXr({
        conditions: [
          synced('True', 'ReconcileSuccess'),
          ready('True', 'Available'),
          condition('Responsive', 'True', 'WatchCircuitClosed'),
        ],
      }),
    ],
    subject: modernXrSubject,
    absent: ['XP-CIRCUIT-OPEN'],
  },
  {
    name: 'a forbidden message about a human user is not Crossplane RBAC',
    objects: [
      legacyXrd,
      legacyXr({
        conditions: [
          failing.synced(
            'ReconcileError',
            'cannot get composite resource: xdatabases.platform.example.org "db-x7k2p" is forbidden: User "jane@example.com" cannot get resource'
          ),
        ],
      }),
    ],
    subject: legacyXrSubject,
    absent: ['XP-RBAC'],
  },
  {
    name: 'a pinned revision that is gone is XP-REVISION-MISSING, not XP-NO-COMPOSITION',
    objects: [
      legacyXrd,
      legacyComposition,
      compositionRevision({
        name: 'xdatabases-aws-1a2b3c4',
        composition: 'xdatabases-aws',
        revision: 2,
      }),
      manual(
        legacyXr({
          compositionRevisionRef: 'xdatabases-aws-8f3c2d1',
          conditions: [failing.synced('ReconcileError', PINNED_GONE)],
        })
      ),
    ],
    subject: legacyXrSubject,
    absent: ['XP-NO-COMPOSITION'],
    present: ['XP-REVISION-MISSING'],
  },
  {
    name: '"Unsynced resources" is invalid composed resources, not waiting on children',
    objects: [
      modernXrd,
      modernXr({
        conditions: [
          failing.synced('ReconcileError', 'Unsynced resources: bucket'),
          failing.ready('Creating', 'Unready resources: bucket'),
        ],
      }),
    ],
    subject: modernXrSubject,
    absent: ['XP-WAITING-ON-CHILDREN'],
    present: ['XP-COMPOSE-INVALID'],
  },
  {
    name: 'an XRD whose Established=True is about an older generation, with no refusal event, is progressing',
    objects: [
      xrd({
        apiVersion: 'v1',
        group: 'platform.example.org',
        kind: 'XDatabase',
        generation: 3,
        conditions: [
          condition('Established', 'True', 'WatchingCompositeResource', '', {
            observedGeneration: 2,
          }),
        ],
      }),
    ],
    subject: { kind: 'CompositeResourceDefinition', name: 'xdatabases.platform.example.org' },
    absent: ['XP-XRD-NOT-ESTABLISHED'],
  },
  {
    name: 'a stale Ready=False Unready list (observedGeneration behind) is no verdict',
    objects: [
      legacyXrd,
      legacyXr({
        generation: 4,
        conditions: [
          synced('True', 'ReconcileSuccess', '', { observedGeneration: 4 }),
          ready('False', 'Creating', 'Unready resources: bucket', { observedGeneration: 3 }),
        ],
      }),
    ],
    subject: legacyXrSubject,
    absent: ['XP-WAITING-ON-CHILDREN'],
  },
];
