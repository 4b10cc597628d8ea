import {
  ago,
  condition,
  event,
  gap,
  HOUR,
  Json,
  kustomization,
  managed,
  providerConfig,
  ready,
  synced,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';
import { PRUNE_IN_USE } from './kustomize';
import {
  failing,
  legacyBucket,
  legacyBucketSubject,
  legacyClaim,
  legacyClaimSubject,
  legacyXrd,
  modernBucket,
  modernBucketSubject,
} from './world';

const PAUSED_MESSAGE = 'Reconciliation is paused via the pause annotation';
export const PC_MISSING =
  'connect failed: cannot get referenced ProviderConfig: ProviderConfig.aws.upbound.io "default" not found';
const NO_PC_REF = 'connect failed: managed resource does not reference a ProviderConfig';
const INVALID_TOKEN =
  'observe failed: failed to observe the resource: [{0 reading S3 Bucket (db-x7k2p-bucket): operation error S3: HeadBucket, https response error StatusCode: 403, RequestID: 6T1BV9H1XJ2Q, HostID: 9t3o, api error InvalidClientTokenId: The security token included in the request is invalid.}]';
const EXTRACT_CREDENTIALS =
  'connect failed: cannot initialize the Terraform plugin SDK async external client: cannot get terraform setup: cannot extract credentials: cannot get credentials secret: Secret "aws-secret" not found';
const REFERENCE =
  'cannot resolve references: mg.Spec.ForProvider.BucketRef: referenced field was empty (referenced resource may not yet be ready)';
const CREATE_FAILED =
  'create failed: async create failed: failed to create the resource: [{0 creating S3 Bucket (db-x7k2p-bucket): operation error S3: CreateBucket, https response error StatusCode: 409, RequestID: 1W5X7Y9Z, HostID: aa, BucketAlreadyExists: }]';
const OBSERVE_EVENT =
  'cannot observe external resource: failed to observe the resource: [{0 reading S3 Bucket (db-x7k2p-bucket): operation error S3: HeadBucket, https response error StatusCode: 403, RequestID: R1, api error Forbidden: Forbidden}]';
const CREATE_PENDING =
  'cannot determine creation result - remove the crossplane.io/external-create-pending annotation if it is safe to proceed';
const IN_USE =
  'This resource is in-use by 1 Usage(s), including the Usage "release-uses-bucket" by resource Release/db-x7k2p-app.';

/** crossplane-runtime reference.go errNoValue, wrapped by upjet's generated resolver with the Go field. */
const SUBNET_REFERENCE =
  'cannot resolve references: mg.Spec.ForProvider.VPCID: referenced field was empty (referenced resource may not yet be ready)';
const VPC_CREATE_FAILED =
  'create failed: async create failed: failed to create the resource: [{0 creating EC2 VPC: operation error EC2: CreateVpc, https response error StatusCode: 400, api error VpcLimitExceeded: The maximum number of VPCs has been reached.}]';
const subnetSubject = { kind: 'Subnet', name: 'main-a' };

function vpc(conditions: Json[]): Json {
  return managed({
    apiVersion: 'ec2.aws.upbound.io/v1beta1',
    kind: 'VPC',
    name: 'main',
    uid: 'vpc-uid',
    forProvider: { region: 'eu-west-1', cidrBlock: '10.0.0.0/16' },
    conditions,
  });
}

function subnet(message: string): Json {
  return managed({
    apiVersion: 'ec2.aws.upbound.io/v1beta1',
    kind: 'Subnet',
    name: 'main-a',
    uid: 'subnet-uid',
    forProvider: { region: 'eu-west-1', cidrBlock: '10.0.1.0/24', vpcIdRef: { name: 'main' } },
    conditions: [failing.synced('ReconcileError', message)],
  });
}

function terminatingProviderConfig(): Json {
  const pc = providerConfig({ deletionTimestamp: ago(HOUR) });
  pc.status = {
    users: 2,
    conditions: [
      condition('Terminating', 'True', 'InUse', 'Blocking deletion while usages still exist'),
    ],
  };
  return pc;
}

const bucketTrace = 'crossplane beta trace bucket.s3.aws.upbound.io db-x7k2p-bucket';
const bucketEvents = 'kubectl events --for bucket.s3.aws.upbound.io/db-x7k2p-bucket -A';

export const FIRING: FiringCase[] = [
  {
    ruleId: 'XP-PAUSED',
    name: 'annotation crossplane.io/paused: "true" with Synced=False ReconcilePaused',
    objects: [
      providerConfig(),
      legacyBucket({
        annotations: {
          'crossplane.io/paused': 'true',
          'crossplane.io/external-name': 'db-x7k2p-bucket',
        },
        conditions: [
          synced('False', 'ReconcilePaused', PAUSED_MESSAGE),
          ready('True', 'Available'),
        ],
      }),
    ],
    subject: legacyBucketSubject,
    evidence: ['annotation crossplane.io/paused: "true"', PAUSED_MESSAGE],
    commands: ['kubectl describe bucket.s3.aws.upbound.io db-x7k2p-bucket'],
  },
  {
    ruleId: 'XP-PAUSED',
    name: 'managementPolicies: [] on a namespaced MR',
    objects: [modernBucket({ managementPolicies: [] })],
    subject: modernBucketSubject,
    evidence: ['spec.managementPolicies: []'],
    explanationIncludes: ['managementPolicies'],
  },
  {
    ruleId: 'XP-PAUSED',
    name: 'a paused claim (annotation on the claim)',
    objects: [
      legacyXrd,
      legacyClaim({ conditions: [synced('False', 'ReconcilePaused', PAUSED_MESSAGE)] }),
    ],
    subject: legacyClaimSubject,
    evidence: [PAUSED_MESSAGE],
  },
  {
    ruleId: 'XP-PROVIDERCONFIG-MISSING',
    name: 'cannot get referenced ProviderConfig: ProviderConfig.aws.upbound.io "default" not found',
    objects: [
      legacyBucket({
        conditions: [failing.synced('ReconcileError', PC_MISSING), ready('False', 'Creating')],
      }),
    ],
    subject: legacyBucketSubject,
    evidence: [PC_MISSING],
    commands: [bucketTrace, bucketEvents],
    titleIncludes: ['ProviderConfig default'],
  },
  {
    ruleId: 'XP-PROVIDERCONFIG-MISSING',
    name: 'does not reference a ProviderConfig',
    objects: [
      legacyBucket({
        providerConfig: '',
        conditions: [failing.synced('ReconcileError', NO_PC_REF)],
      }),
    ],
    subject: legacyBucketSubject,
    evidence: [NO_PC_REF],
  },
  {
    ruleId: 'XP-PROVIDERCONFIG-MISSING',
    name: 'namespaced MR: its ProviderConfig is absent from the (fully readable) namespace',
    objects: [
      modernBucket({
        conditions: [
          failing.synced(
            'ReconcileError',
            'connect failed: cannot get referenced ProviderConfig: providerconfigs.aws.m.upbound.io "default" not found'
          ),
        ],
      }),
    ],
    subject: modernBucketSubject,
    evidence: ['providerconfigs.aws.m.upbound.io "default" not found'],
    explanationIncludes: ['namespace team-a'],
    commands: ['crossplane beta trace bucket.s3.aws.m.upbound.io db-bucket -n team-a'],
  },
  {
    ruleId: 'XP-CREDENTIALS',
    name: 'InvalidClientTokenId (before the generic "observe failed:")',
    objects: [
      providerConfig({ secret: { name: 'aws-secret' } }),
      legacyBucket({ conditions: [failing.synced('ReconcileError', INVALID_TOKEN)] }),
    ],
    subject: legacyBucketSubject,
    evidence: [INVALID_TOKEN],
    explanationIncludes: ['crossplane-system/aws-secret'],
    causes: [{ kind: 'ProviderConfig', name: 'default' }],
  },
  {
    ruleId: 'XP-CREDENTIALS',
    name: 'cannot extract credentials',
    objects: [
      providerConfig(),
      legacyBucket({ conditions: [failing.synced('ReconcileError', EXTRACT_CREDENTIALS)] }),
    ],
    subject: legacyBucketSubject,
    evidence: [EXTRACT_CREDENTIALS],
    commands: [bucketTrace],
  },
  {
    ruleId: 'XP-REFERENCE-UNRESOLVED',
    name: 'cannot resolve references: referenced field was empty',
    objects: [
      providerConfig(),
      legacyBucket({ conditions: [failing.synced('ReconcileError', REFERENCE)] }),
    ],
    subject: legacyBucketSubject,
    evidence: [REFERENCE],
    commands: [bucketTrace, bucketEvents],
  },
  {
    ruleId: 'XP-REFERENCE-UNRESOLVED',
    name: 'event CannotResolveResourceReferences while Synced is not True',
    objects: [
      providerConfig(),
      legacyBucket({ conditions: [ready('False', 'Creating')] }),
      event({
        involved: {
          apiVersion: 's3.aws.upbound.io/v1beta1',
          kind: 'Bucket',
          name: 'db-x7k2p-bucket',
        },
        reason: 'CannotResolveResourceReferences',
        message:
          'cannot resolve references: mg.Spec.ForProvider.KMSKeyID: no resources matched selector',
        source: 'managed/s3.aws.upbound.io/v1beta1, kind=bucket',
      }),
    ],
    subject: legacyBucketSubject,
    evidence: ['no resources matched selector'],
  },
  {
    ruleId: 'XP-EXTERNAL-API',
    name: 'create failed: BucketAlreadyExists',
    objects: [
      providerConfig(),
      legacyBucket({ conditions: [failing.synced('ReconcileError', CREATE_FAILED)] }),
    ],
    subject: legacyBucketSubject,
    evidence: [CREATE_FAILED],
    commands: [bucketEvents, bucketTrace],
  },
  {
    ruleId: 'XP-EXTERNAL-API',
    name: 'only a CannotObserveExternalResource event',
    objects: [
      providerConfig(),
      legacyBucket({ conditions: [ready('False', 'Unavailable')] }),
      event({
        involved: { kind: 'Bucket', name: 'db-x7k2p-bucket' },
        reason: 'CannotObserveExternalResource',
        message: OBSERVE_EVENT,
      }),
    ],
    subject: legacyBucketSubject,
    evidence: [OBSERVE_EVENT],
  },
  {
    ruleId: 'XP-EXTERNAL-API',
    name: 'Observe-only and the external resource does not exist: the external-name is wrong',
    objects: [
      providerConfig(),
      legacyBucket({
        managementPolicies: ['Observe'],
        annotations: { 'crossplane.io/external-name': 'legacy-bucket-typo' },
        conditions: [
          failing.synced(
            'ReconcileError',
            'observe failed: cannot observe the resource: external resource does not exist'
          ),
        ],
      }),
    ],
    subject: legacyBucketSubject,
    evidence: ['external resource does not exist'],
    explanationIncludes: ['legacy-bucket-typo', 'crossplane.io/external-name'],
  },
  {
    ruleId: 'XP-CREATE-PENDING',
    name: 'cannot determine creation result',
    objects: [
      providerConfig(),
      legacyBucket({
        annotations: { 'crossplane.io/external-create-pending': ago(HOUR) },
        conditions: [failing.synced('ReconcileError', CREATE_PENDING)],
      }),
    ],
    subject: legacyBucketSubject,
    evidence: [CREATE_PENDING],
    commands: ['kubectl describe bucket.s3.aws.upbound.io db-x7k2p-bucket'],
  },
  {
    ruleId: 'XP-USAGE-BLOCKS-DELETE',
    name: 'a deleting MR in use by a Usage',
    objects: [
      providerConfig(),
      legacyBucket({
        deletionTimestamp: ago(10 * 60_000),
        conditions: [synced('True', 'ReconcileSuccess'), ready('False', 'Deleting')],
      }),
      event({
        involved: { kind: 'Bucket', name: 'db-x7k2p-bucket' },
        reason: 'DeleteBlocked',
        message: IN_USE,
      }),
    ],
    subject: legacyBucketSubject,
    evidence: [IN_USE],
    commands: [
      'kubectl get usages.protection.crossplane.io,clusterusages.protection.crossplane.io -A',
    ],
  },
  {
    ruleId: 'XP-REFERENCE-UNRESOLVED',
    name: 'MR → MR: "referenced field was empty" chains to the referenced VPC and its own failure',
    objects: [vpc([failing.synced('ReconcileError', VPC_CREATE_FAILED)]), subnet(SUBNET_REFERENCE)],
    subject: subnetSubject,
    evidence: [SUBNET_REFERENCE],
    titleIncludes: ['VPC main'],
    explanationIncludes: ['its own diagnosis'],
    causes: [{ kind: 'VPC', name: 'main' }],
  },
  {
    ruleId: 'XP-PROVIDERCONFIG-MISSING',
    name: 'ProviderConfigs were read (another one is there) and "default" is absent: missing',
    objects: [
      providerConfig({ name: 'other' }),
      legacyBucket({
        conditions: [failing.synced('ReconcileError', 'connect failed: context canceled')],
      }),
    ],
    subject: legacyBucketSubject,
    evidence: ['connect failed: context canceled'],
    titleIncludes: ['ProviderConfig default is missing'],
  },
  {
    ruleId: 'XP-USAGE-BLOCKS-DELETE',
    name: 'a deleted ProviderConfig with Terminating=True InUse: "Blocking deletion while usages still exist"',
    objects: [terminatingProviderConfig()],
    subject: { kind: 'ProviderConfig', name: 'default' },
    evidence: [
      'Terminating=True (InUse): Blocking deletion while usages still exist',
      'status.users: 2',
    ],
    commands: ['kubectl get providerconfigusages.aws.upbound.io -A'],
    titleIncludes: ['2 managed resource(s) still use it'],
  },
  {
    ruleId: 'XP-USAGE-BLOCKS-DELETE',
    name: 'PruneFailed: the Usage webhook refused the delete ("is in-use by 1 usage(s)")',
    objects: [
      kustomization({
        name: 'crossplane-claims',
        conditions: [ready('False', 'PruneFailed', PRUNE_IN_USE)],
      }),
    ],
    subject: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-claims' },
    evidence: [PRUNE_IN_USE],
    commands: [
      'kubectl get usages.protection.crossplane.io,clusterusages.protection.crossplane.io -A',
    ],
    titleIncludes: ['XPostgres/team-a/db', 'by Release/db-app'],
    explanationIncludes: ['Usage team-a/db-app-uses-db', 'not a bad commit'],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'crossplane.io/paused: "false" and non-empty managementPolicies are not paused',
    objects: [
      providerConfig(),
      legacyBucket({
        managementPolicies: ['Observe'],
        annotations: { 'crossplane.io/paused': 'false' },
      }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-PAUSED'],
  },
  {
    name: 'a healthy MR with an old CannotObserveExternalResource event',
    objects: [
      providerConfig(),
      legacyBucket(),
      event({
        involved: { kind: 'Bucket', name: 'db-x7k2p-bucket' },
        reason: 'CannotObserveExternalResource',
        message: OBSERVE_EVENT,
        lastTimestamp: ago(40 * 60_000),
      }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-EXTERNAL-API'],
  },
  {
    name: 'a stale Synced=False (condition observedGeneration < metadata.generation) is no verdict',
    objects: [
      providerConfig(),
      legacyBucket({
        generation: 3,
        conditions: [
          synced('False', 'ReconcileError', CREATE_FAILED, { observedGeneration: 2 }),
          ready('True', 'Available', '', { observedGeneration: 2 }),
        ],
      }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-EXTERNAL-API'],
  },
  {
    name: 'ProviderConfigs could not be read: an unrelated observe error is not "ProviderConfig missing"',
    objects: [legacyBucket({ conditions: [failing.synced('ReconcileError', CREATE_FAILED)] })],
    visibility: [gap({ group: 'aws.upbound.io', kind: 'ProviderConfig', status: 403 })],
    subject: legacyBucketSubject,
    absent: ['XP-PROVIDERCONFIG-MISSING'],
    present: ['XP-EXTERNAL-API'],
  },
  {
    name: 'a missing ProviderConfig message wins over the generic "connect failed" wording',
    objects: [legacyBucket({ conditions: [failing.synced('ReconcileError', PC_MISSING)] })],
    subject: legacyBucketSubject,
    absent: ['XP-EXTERNAL-API', 'XP-CREDENTIALS'],
    present: ['XP-PROVIDERCONFIG-MISSING'],
  },
  {
    name: 'InvalidClientTokenId is a credentials problem, not a generic cloud error',
    objects: [
      providerConfig(),
      legacyBucket({ conditions: [failing.synced('ReconcileError', INVALID_TOKEN)] }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-EXTERNAL-API'],
    present: ['XP-CREDENTIALS'],
  },
  {
    name: 'a deleting MR without a Usage is not blocked',
    objects: [
      providerConfig(),
      legacyBucket({
        deletionTimestamp: ago(60_000),
        conditions: [synced('True', 'ReconcileSuccess'), ready('False', 'Deleting')],
      }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-USAGE-BLOCKS-DELETE'],
  },
  {
    name: 'an "in-use by" message on an object that is not being deleted',
    objects: [
      providerConfig(),
      legacyBucket(),
      event({
        involved: { kind: 'Bucket', name: 'db-x7k2p-bucket' },
        reason: 'DeleteBlocked',
        message: IN_USE,
      }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-USAGE-BLOCKS-DELETE'],
  },
  {
    name: 'a ProviderConfig that exists: no "missing" verdict for a Synced=False MR',
    objects: [
      providerConfig(),
      legacyBucket({ conditions: [failing.synced('ReconcileError', REFERENCE)] }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-PROVIDERCONFIG-MISSING'],
  },
  {
    name: 'MR → MR: no ProviderConfig given is not blamed; the reference is the diagnosis',
    objects: [vpc([failing.synced('ReconcileError', VPC_CREATE_FAILED)]), subnet(SUBNET_REFERENCE)],
    subject: subnetSubject,
    absent: ['XP-PROVIDERCONFIG-MISSING'],
    present: ['XP-REFERENCE-UNRESOLVED'],
  },
  {
    name: 'a cloud API error with no ProviderConfig among the objects given is XP-EXTERNAL-API, not missing',
    objects: [legacyBucket({ conditions: [failing.synced('ReconcileError', CREATE_FAILED)] })],
    subject: legacyBucketSubject,
    absent: ['XP-PROVIDERCONFIG-MISSING'],
    present: ['XP-EXTERNAL-API'],
  },
  {
    name: 'a cloud API error is XP-EXTERNAL-API even when ProviderConfigs were read and "default" is absent',
    objects: [
      providerConfig({ name: 'other' }),
      legacyBucket({ conditions: [failing.synced('ReconcileError', CREATE_FAILED)] }),
    ],
    subject: legacyBucketSubject,
    absent: ['XP-PROVIDERCONFIG-MISSING'],
    present: ['XP-EXTERNAL-API'],
  },
  {
    name: 'a ProviderConfig that is not being deleted (Terminating absent) is not blocked',
    objects: [providerConfig()],
    subject: { kind: 'ProviderConfig', name: 'default' },
    absent: ['XP-USAGE-BLOCKS-DELETE'],
  },
];
