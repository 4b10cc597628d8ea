import fc from 'fast-check';
import { buildIndex } from '../../src/model/clusterIndex';
import type { VisibilityGap } from '../../src/model/visibility';
import { diagnose, DiagnosisReport, RULE_IDS, subjectKey } from '../../src/rules';
import {
  alert,
  compositionRevision,
  condition,
  controllerConfig,
  environmentConfig,
  event,
  gitRepository,
  helmRelease,
  Json,
  kustomization,
  notificationProvider,
  ociRepository,
  packageRevision,
  providerConfig,
  ready,
  SHA_A,
  SHA_B,
  stalledCondition,
  synced,
  xpPackage,
  xrd,
} from './builders';
import { NOW } from './builders';
import {
  legacyBucket,
  legacyBucketRef,
  legacyClaim,
  legacyComposition,
  legacyXr,
  legacyXrd,
  modernBucket,
  modernComposition,
  modernXr,
  modernXrd,
} from './cases/world';

const RUNS = 1000;
const SEVERITIES = new Set(['error', 'warning', 'info']);
const EVIDENCE_KINDS = new Set(['condition', 'event', 'field']);

/** What every report must satisfy, whatever the input. */
function checkReport(report: DiagnosisReport): void {
  const seen = new Map<string, number>();
  for (const diagnosis of report.diagnoses) {
    if (!RULE_IDS.includes(diagnosis.ruleId))
      throw new Error(`unknown rule id ${String(diagnosis.ruleId)}`);
    if (!SEVERITIES.has(diagnosis.severity))
      throw new Error(`bad severity ${String(diagnosis.severity)}`);
    const { subject } = diagnosis;
    if (
      typeof subject.kind !== 'string' ||
      typeof subject.name !== 'string' ||
      typeof subject.apiVersion !== 'string'
    ) {
      throw new Error(`bad subject ${JSON.stringify(subject)}`);
    }
    if (typeof diagnosis.title !== 'string' || typeof diagnosis.explanation !== 'string')
      throw new Error('title/explanation not text');
    for (const item of diagnosis.evidence) {
      if (!EVIDENCE_KINDS.has(item.kind) || typeof item.text !== 'string')
        throw new Error(`bad evidence ${JSON.stringify(item)}`);
    }
    if (diagnosis.severity === 'error' && diagnosis.actions.length === 0)
      throw new Error(`${diagnosis.ruleId}: error without action`);
    for (const action of diagnosis.actions) {
      if (action.kind === 'command' && (typeof action.command !== 'string' || !action.command))
        throw new Error('command action without line');
    }
    const own = subjectKey(subject);
    for (const cause of diagnosis.causes ?? []) {
      if (typeof cause.kind !== 'string' || typeof cause.name !== 'string')
        throw new Error(`bad cause ${JSON.stringify(cause)}`);
      if (subjectKey(cause) === own)
        throw new Error(`${diagnosis.ruleId} lists its own subject as a cause`);
    }
    if (!report.ofSubject(subject).includes(diagnosis))
      throw new Error('diagnosis not found by its subject');
    // One diagnosis per rule, subject and title: a health check that lists several failing
    // objects reports one per object (each with its own cause chain), never the same one twice.
    const key = `${diagnosis.ruleId} ${own} ${diagnosis.title}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const [key, count] of seen) if (count > 1) throw new Error(`${key} reported ${count} times`);
}

function diagnoseAll(objects: unknown[], visibility: VisibilityGap[] = []): DiagnosisReport {
  const report = diagnose(buildIndex({ objects, visibility }), { now: NOW });
  checkReport(report);
  return report;
}

// ---- realistic skeletons of every kind the rules read ---------------------------------------

const AUTH =
  "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required";

const SKELETONS: Record<string, () => Json[]> = {
  GitRepository: () => [
    gitRepository({
      secretRef: 'git-credentials',
      annotations: { 'reconcile.fluxcd.io/requestedAt': '2025-06-02T11:00:00Z' },
      artifact: { revision: `main@sha1:${SHA_B}` },
      conditions: [
        ready('False', 'GitOperationFailed', AUTH),
        stalledCondition('True', 'URLInvalid', 'bad'),
      ],
    }),
    ociRepository({
      name: 'manifests',
      conditions: [ready('False', 'OCIArtifactPullFailed', 'unable to resolve tag')],
    }),
  ],
  Kustomization: () => [
    kustomization({
      name: 'crossplane-claims',
      dependsOn: ['crossplane-apis', { name: 'infra', namespace: 'ops' }],
      lastAppliedRevision: `main@sha1:${SHA_A}`,
      lastAttemptedRevision: `main@sha1:${SHA_B}`,
      inventory: [
        {
          namespace: 'team-a',
          name: 'db',
          group: 'platform.example.org',
          kind: 'Database',
          version: 'v1alpha1',
        },
        {
          name: 'debug',
          group: 'pkg.crossplane.io',
          kind: 'ControllerConfig',
          version: 'v1alpha1',
        },
      ],
      history: [
        {
          digest: 'sha256:1',
          lastReconciled: '2025-06-01T00:00:00Z',
          lastReconciledStatus: 'ReconciliationSucceeded',
          metadata: { revision: `main@sha1:${SHA_A}` },
        },
      ],
      conditions: [
        ready(
          'False',
          'HealthCheckFailed',
          "health check failed after 5m0s: timeout waiting for: [Database/team-a/db status: 'InProgress', XDatabase/db-x7k2p status: 'Failed']"
        ),
      ],
    }),
    kustomization({
      name: 'crossplane-apis',
      conditions: [
        ready(
          'False',
          'ReconciliationFailed',
          'XPostgres/team-a/db dry-run failed: no matches for kind "XPostgres" in version "example.org/v1alpha1"'
        ),
      ],
    }),
  ],
  HelmRelease: () => [
    helmRelease({
      helmChart: 'flux-system/crossplane-system-crossplane',
      conditions: [
        ready(
          'False',
          'UpgradeFailed',
          'another operation (install/upgrade/rollback) is in progress'
        ),
        stalledCondition('True', 'RetriesExceeded', 'Failed'),
        condition('Released', 'False', 'DriftDetected', 'drift'),
      ],
    }),
  ],
  Alert: () => [
    alert({
      eventSources: [
        { kind: 'Kustomization', name: '*', matchLabels: { tier: 'platform' } },
        { kind: 'GitRepository', name: 'crossplane-configs' },
      ],
    }),
  ],
  NotificationProvider: () => [
    notificationProvider({
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta2',
      conditions: [ready('False', 'ValidationFailed', 'no secret')],
    }),
  ],
  CompositeResourceDefinition: () => [
    legacyXrd,
    modernXrd,
    xrd({
      apiVersion: 'v2',
      group: 'example.org',
      kind: 'XCache',
      claimKind: 'Cache',
      conditions: [
        condition(
          'Established',
          'False',
          'EstablishingCompositeResource',
          'cannot apply rendered composite resource CustomResourceDefinition'
        ),
      ],
    }),
  ],
  Composition: () => [
    legacyComposition,
    modernComposition,
    compositionRevision({
      name: 'xdatabases-aws-1',
      composition: 'xdatabases-aws',
      revision: 1,
      conditions: [condition('ValidPipeline', 'False', 'MissingCapabilities', 'missing')],
    }),
  ],
  Claim: () => [
    legacyClaim({
      conditions: [synced('True', 'ReconcileSuccess'), ready('False', 'Waiting', 'waiting')],
    }),
  ],
  CompositeResource: () => [
    legacyXr({
      resourceRefs: [legacyBucketRef],
      conditions: [
        synced('True', 'ReconcileSuccess'),
        ready('False', 'Creating', 'Unready resources: bucket, role'),
      ],
    }),
    modernXr({
      resourceRefs: [
        { apiVersion: 's3.aws.m.upbound.io/v1beta1', kind: 'Bucket', name: 'db-bucket' },
      ],
      conditions: [
        synced(
          'False',
          'ReconcileError',
          'cannot compose resources: cannot run Composition pipeline step "render-sql": rpc error: code = Unavailable'
        ),
        condition('Responsive', 'False', 'WatchCircuitOpen'),
      ],
    }),
  ],
  ManagedResource: () => [
    legacyBucket({
      deletionTimestamp: '2025-06-02T11:00:00Z',
      conditions: [
        synced(
          'False',
          'ReconcileError',
          'connect failed: cannot get referenced ProviderConfig: ProviderConfig.aws.upbound.io "default" not found'
        ),
      ],
    }),
    modernBucket({
      managementPolicies: ['Observe'],
      conditions: [
        synced('False', 'ReconcileError', 'observe failed: external resource does not exist'),
      ],
    }),
    providerConfig({ name: 'team-a' }),
  ],
  Provider: () => [
    xpPackage('Provider', {
      name: 'provider-aws-s3',
      currentRevision: 'provider-aws-s3-1',
      conditions: [
        condition('Installed', 'False', 'UnhealthyPackageRevision', 'missing dependencies'),
      ],
    }),
    packageRevision('ProviderRevision', {
      name: 'provider-aws-s3-1',
      package: 'provider-aws-s3',
      crds: ['buckets.s3.aws.upbound.io', 'providerconfigs.aws.upbound.io'],
      conditions: [
        condition('Healthy', 'False', 'UnhealthyPackageRevision', 'deployment is unavailable'),
      ],
    }),
    xpPackage('Function', {
      name: 'function-go-templating',
      conditions: [
        condition('Healthy', 'False', 'UnhealthyPackageRevision', 'cannot unpack package'),
      ],
    }),
    environmentConfig({ name: 'env', version: 'v1alpha1' }),
    controllerConfig({ name: 'debug' }),
  ],
  Event: () => [
    event({
      involved: { kind: 'XDatabase', name: 'db-x7k2p' },
      reason: 'ComposeResources',
      message: 'cannot compose resources: some resources were invalid, check events',
    }),
    event({
      involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-claims' },
      type: 'Normal',
      reason: 'Progressing',
      message: 'Deployment/default/app configured\n',
      revision: `main@sha1:${SHA_A}`,
    }),
    event({
      involved: { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' },
      reason: 'DriftDetected',
      message: 'drifted',
    }),
    event({
      involved: { kind: 'Bucket', name: 'db-x7k2p-bucket' },
      reason: 'DeleteBlocked',
      message: 'This resource is in-use by 1 Usage(s)',
    }),
  ],
};

const SKELETON_KINDS = Object.keys(SKELETONS);

function world(): Json[][] {
  return SKELETON_KINDS.map(kind => SKELETONS[kind]());
}

// ---- mutations ------------------------------------------------------------------------------

const long = 'x'.repeat(2000);

/** Values of the wrong type where the rules expect something else. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    ' ',
    'True',
    'False',
    'Unknown',
    '*',
    '/',
    '_',
    '__proto__',
    'constructor',
    'toString',
    long,
    [],
    [null],
    ['*'],
    {},
    { name: 42 },
    { kind: [], name: {} },
    true,
    false
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.anything({ maxDepth: 2 })
);

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

/** Fields the rules read that skeletons may lack: set them to odd values too. */
const EXTRA_PATHS: Path[] = [
  ['cluster'],
  ['metadata', 'generation'],
  ['metadata', 'deletionTimestamp'],
  ['metadata', 'annotations', 'crossplane.io/paused'],
  ['metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt'],
  ['metadata', 'labels', 'crossplane.io/composition-name'],
  ['metadata', 'ownerReferences'],
  ['spec', 'suspend'],
  ['spec', 'managementPolicies'],
  ['spec', 'crossplane'],
  ['spec', 'resourceRef'],
  ['spec', 'eventSources'],
  ['status', 'observedGeneration'],
  ['status', 'conditions'],
  ['status', 'inventory', 'entries'],
  ['status', 'history'],
  ['involvedObject'],
];

interface Mutation {
  target: number;
  path: number;
  op: 'delete' | 'replace' | 'set';
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  path: fc.nat(),
  op: fc.constantFrom<Mutation['op']>('delete', 'replace', 'replace', 'set'),
  value: oddValue,
});

function copy(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function setAt(root: { value: unknown }, path: Path, op: Mutation['op'], value: unknown): void {
  let parent: unknown = root;
  const full: Path = ['value', ...path];
  for (const key of full.slice(0, -1)) {
    if (op === 'set' && (parent as Record<string | number, unknown>)[key] === undefined)
      (parent as Record<string | number, unknown>)[key] = {};
    parent = (parent as Record<string | number, unknown>)[key];
    if (!parent || typeof parent !== 'object') return;
  }
  const last = full[full.length - 1];
  const container = parent as Record<string | number, unknown>;
  if (op === 'delete') {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
  } else {
    // A copy: the same generated value placed twice (or inside itself) would make the input cyclic, which JSON never is.
    container[last] = copy(value);
  }
}

/** Applies mutations to clones of `objects` (only those at `indices` are targeted). */
function mutate(objects: Json[], indices: number[], mutations: Mutation[]): unknown[] {
  const result: unknown[] = objects.map(object => structuredClone(object));
  for (const m of mutations) {
    const index = indices[m.target % indices.length];
    const holder = { value: result[index] };
    if (m.op === 'set') {
      setAt(holder, EXTRA_PATHS[m.path % EXTRA_PATHS.length], 'set', m.value);
    } else {
      const paths = pathsOf(holder.value);
      setAt(holder, paths[m.path % paths.length], m.op, m.value);
    }
    result[index] = holder.value;
  }
  return result;
}

// ---- visibility gaps ----------------------------------------------------------------------

const KNOWN_GROUPS = [
  'source.toolkit.fluxcd.io',
  'kustomize.toolkit.fluxcd.io',
  'notification.toolkit.fluxcd.io',
  'apiextensions.crossplane.io',
  'pkg.crossplane.io',
  'aws.upbound.io',
  '',
];
const KNOWN_KINDS = [
  'GitRepository',
  'Kustomization',
  'Alert',
  'Provider',
  'CompositeResourceDefinition',
  'Composition',
  'ProviderConfig',
  'Function',
];

const visibilityGap: fc.Arbitrary<VisibilityGap> = fc.record(
  {
    cluster: fc.constantFrom('', 'prod'),
    group: fc.constantFrom(...KNOWN_GROUPS),
    kind: fc.constantFrom(...KNOWN_KINDS),
    namespace: fc.constantFrom('flux-system', 'team-a', ''),
    reason: fc.constantFrom<VisibilityGap['reason']>('forbidden', 'not-found', 'error'),
    status: fc.constantFrom(401, 403, 404, 500),
    message: fc.string({ maxLength: 60 }),
  },
  { requiredKeys: ['cluster', 'group', 'kind', 'reason', 'message'] }
);

// ---- properties -----------------------------------------------------------------------------

describe('diagnose never throws and always returns catalogue-shaped diagnoses', () => {
  it('on arrays of arbitrary JSON values (fc.anything())', () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything(), { maxLength: 8 }),
        fc.array(visibilityGap, { maxLength: 3 }),
        (objects, gaps) => {
          diagnoseAll(objects, gaps);
        }
      ),
      { numRuns: RUNS }
    );
  });

  it('on arbitrary values with exotic shapes (null prototypes, sparse arrays, boxed values, dates, maps)', () => {
    const exotic = fc.anything({
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
      withObjectString: true,
    });
    fc.assert(
      fc.property(fc.array(exotic, { maxLength: 6 }), objects => {
        diagnoseAll(objects);
      }),
      { numRuns: RUNS }
    );
  });

  it('on objects with known apiVersions and kinds but arbitrary metadata, spec and status', () => {
    const apiVersionKind = fc.constantFrom<[string, string]>(
      ['source.toolkit.fluxcd.io/v1', 'GitRepository'],
      ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
      ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
      ['notification.toolkit.fluxcd.io/v1beta3', 'Alert'],
      ['notification.toolkit.fluxcd.io/v1beta3', 'Provider'],
      ['apiextensions.crossplane.io/v1', 'CompositeResourceDefinition'],
      ['apiextensions.crossplane.io/v2', 'CompositeResourceDefinition'],
      ['apiextensions.crossplane.io/v1', 'Composition'],
      ['apiextensions.crossplane.io/v1', 'CompositionRevision'],
      ['platform.example.org/v1alpha1', 'Database'],
      ['platform.example.org/v1alpha1', 'XDatabase'],
      ['s3.aws.upbound.io/v1beta1', 'Bucket'],
      ['pkg.crossplane.io/v1', 'Provider'],
      ['pkg.crossplane.io/v1', 'ProviderRevision'],
      ['v1', 'Event']
    );
    const keyish = fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'name',
      'namespace',
      'conditions',
      'spec',
      'kind'
    );
    const anyObject = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.dictionary(keyish, fc.anything({ maxDepth: 2 }))
    );
    const object = fc.record({
      apiVersionKind,
      metadata: fc.oneof(
        fc.record({
          name: fc.oneof(
            fc.constantFrom('db', 'crossplane-apis', 'crossplane-configs', 'db-x7k2p', '*'),
            fc.anything({ maxDepth: 1 })
          ),
          namespace: fc.oneof(
            fc.constantFrom('flux-system', 'team-a', ''),
            fc.anything({ maxDepth: 1 })
          ),
          generation: fc.oneof(fc.integer(), fc.anything({ maxDepth: 1 })),
          labels: anyObject,
          annotations: anyObject,
          ownerReferences: anyObject,
        }),
        fc.anything({ maxDepth: 2 })
      ),
      spec: anyObject,
      status: fc.oneof(
        fc.record({
          conditions: fc.array(
            fc.record({
              type: fc.constantFrom(
                'Ready',
                'Synced',
                'Stalled',
                'Established',
                'Installed',
                'Healthy',
                'Responsive',
                'ValidPipeline'
              ),
              status: fc.constantFrom('True', 'False', 'Unknown', 'bogus'),
              reason: fc.string({ maxLength: 20 }),
              message: fc.string({ maxLength: 80 }),
              observedGeneration: fc.anything({ maxDepth: 0 }),
            }),
            { maxLength: 4 }
          ),
        }),
        anyObject
      ),
      involvedObject: anyObject,
      cluster: fc.oneof(fc.constantFrom(undefined, 'prod'), fc.anything({ maxDepth: 0 })),
    });
    fc.assert(
      fc.property(fc.array(object, { maxLength: 10 }), records => {
        const objects = records.map(({ apiVersionKind: [apiVersion, kind], ...rest }) => ({
          apiVersion,
          kind,
          ...rest,
        }));
        diagnoseAll(objects);
      }),
      { numRuns: RUNS }
    );
  });

  it('the unmutated skeletons are realistic: rules fire on every kind of them', () => {
    const report = diagnoseAll(world().flat());
    const kinds = new Set(report.diagnoses.map(d => d.subject.kind));
    for (const kind of [
      'GitRepository',
      'OCIRepository',
      'Kustomization',
      'HelmRelease',
      'Alert',
      'CompositeResourceDefinition',
      'Composition',
      'Database',
      'XDatabase',
      'XPostgres',
      'Bucket',
      'Provider',
      'Function',
      'EnvironmentConfig',
      'ControllerConfig',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(new Set(report.diagnoses.map(d => d.ruleId)).size).toBeGreaterThanOrEqual(18);
  });

  it.each(SKELETON_KINDS)(
    'on realistic %s skeletons with random fields deleted or replaced by odd values',
    kind => {
      const groups = world();
      const objects = groups.flat();
      const start = groups
        .slice(0, SKELETON_KINDS.indexOf(kind))
        .reduce((sum, group) => sum + group.length, 0);
      const indices = groups[SKELETON_KINDS.indexOf(kind)].map((_object, offset) => start + offset);
      fc.assert(
        fc.property(
          fc.array(mutation, { minLength: 1, maxLength: 8 }),
          fc.array(visibilityGap, { maxLength: 2 }),
          (mutations, gaps) => {
            diagnoseAll(mutate(objects, indices, mutations), gaps);
          }
        ),
        { numRuns: RUNS }
      );
    }
  );

  it('on the whole realistic world with random fields of any object deleted or replaced', () => {
    const objects = world().flat();
    const indices = objects.map((_object, index) => index);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 16 }), mutations => {
        diagnoseAll(mutate(objects, indices, mutations));
      }),
      { numRuns: RUNS }
    );
  });
});
