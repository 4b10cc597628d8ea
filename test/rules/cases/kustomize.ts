import {
  gitRepository,
  helmChart,
  helmRelease,
  kustomization,
  ready,
  SHA_A,
  SHA_B,
  stalledCondition,
  xrd,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';
import { CHART_NOT_READY, INVALID_CHART } from './helm';

const apis = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' };
const claims = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-claims' };

export const DRY_RUN_INVALID =
  'Composition/xpostgres.example.org dry-run failed (Invalid): Composition.apiextensions.crossplane.io "xpostgres.example.org" is invalid: spec.pipeline[0].functionRef.name: Required value';
const DRY_RUN_OLD_FORMAT =
  'Kustomization/flux-system/x dry-run failed, reason: Invalid, error: Kustomization.kustomize.toolkit.fluxcd.io "x" is invalid: spec.prune: Required value';
const WEBHOOK_DENIED =
  'XPostgres/team-a/db dry-run failed: admission webhook "validate.platform.example.org" denied the request: spec.parameters.storageGB must be at least 20';
const BUILD_FAILED =
  "kustomize build failed: accumulating resources: accumulation err='accumulating resources from 'claims': '/tmp/kustomization-1868112458/platform/claims' must resolve to a file': couldn't make target for path '/tmp/kustomization-1868112458/platform/claims': unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/tmp/kustomization-1868112458/platform/claims'";
export const NO_MATCHES =
  'XPostgres/team-a/db dry-run failed: no matches for kind "XPostgres" in version "example.org/v1alpha1"';
const HEALTH =
  "health check failed after 5m0s: timeout waiting for: [Claim/team-a/db status: 'InProgress']";
export const DEPENDENCY = "dependency 'flux-system/crossplane-apis' is not ready";
/** kustomize-controller: `dependency '%s' not found: %w` (internal/controller/kustomization_controller.go). */
const DEPENDENCY_NOT_FOUND =
  'dependency \'flux-system/crossplane-apis\' not found: kustomizations.kustomize.toolkit.fluxcd.io "crossplane-apis" not found';
/** fluxcd/pkg ssa DeleteAll + Crossplane's Usage webhook (internal/webhook/protection/usage/handler.go). */
export const PRUNE_IN_USE =
  'delete failed, errors: XPostgres/team-a/db delete failed: admission webhook "nousages.protection.crossplane.io" denied the request: This resource is in-use by 1 usage(s), including the *v1beta1.Usage "db-app-uses-db" (in namespace "team-a") by resource Release/db-app.;';
const SOURCE_NOT_FOUND = "Source 'GitRepository/flux-system/crossplane-configs' not found";
const AUTH_REQUIRED =
  "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required";

/** The XRD that defines XPostgres, applied by crossplane-apis (its inventory lists it). */
const xpostgresXrd = xrd({
  group: 'example.org',
  kind: 'XPostgres',
  plural: 'xpostgres',
  name: 'xpostgres.example.org',
  apiVersion: 'v2',
  scope: 'Namespaced',
});
const apisApplyingXrd = kustomization({
  name: 'crossplane-apis',
  conditions: [ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`)],
  lastAppliedRevision: `main@sha1:${SHA_A}`,
  lastAttemptedRevision: `main@sha1:${SHA_A}`,
  inventory: [
    {
      name: 'xpostgres.example.org',
      group: 'apiextensions.crossplane.io',
      kind: 'CompositeResourceDefinition',
      version: 'v2',
    },
  ],
});

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-INVALID-MANIFESTS',
    name: 'ReconciliationFailed: dry-run failed, is invalid (names the failing object)',
    objects: [
      gitRepository(),
      kustomization({
        conditions: [ready('False', 'ReconciliationFailed', DRY_RUN_INVALID)],
        lastAppliedRevision: `main@sha1:${SHA_A}`,
        lastAttemptedRevision: `main@sha1:${SHA_B}`,
      }),
    ],
    subject: apis,
    evidence: [DRY_RUN_INVALID],
    commands: [
      'kubectl events --for kustomization.kustomize.toolkit.fluxcd.io/crossplane-apis -n flux-system',
      'flux logs --kind=Kustomization --name=crossplane-apis -n flux-system',
      'flux reconcile kustomization crossplane-apis -n flux-system --with-source',
    ],
    titleIncludes: ['Composition/xpostgres.example.org', SHA_B.slice(0, 7)],
    explanationIncludes: ['git revert'],
  },
  {
    ruleId: 'FLUX-INVALID-MANIFESTS',
    name: 'ReconciliationFailed: the older "dry-run failed, reason: Invalid, error:" wording',
    objects: [
      kustomization({ conditions: [ready('False', 'ReconciliationFailed', DRY_RUN_OLD_FORMAT)] }),
    ],
    subject: apis,
    evidence: [DRY_RUN_OLD_FORMAT],
    titleIncludes: ['Kustomization/flux-system/x'],
  },
  {
    ruleId: 'FLUX-INVALID-MANIFESTS',
    name: 'ReconciliationFailed: admission webhook denied the request',
    objects: [
      kustomization({
        name: 'crossplane-claims',
        conditions: [ready('False', 'ReconciliationFailed', WEBHOOK_DENIED)],
      }),
    ],
    subject: claims,
    evidence: [WEBHOOK_DENIED],
    commands: ['flux reconcile kustomization crossplane-claims -n flux-system --with-source'],
  },
  {
    ruleId: 'FLUX-INVALID-MANIFESTS',
    name: 'BuildFailed: kustomize build failed, accumulating resources',
    objects: [kustomization({ conditions: [ready('False', 'BuildFailed', BUILD_FAILED)] })],
    subject: apis,
    evidence: [BUILD_FAILED],
    explanationIncludes: ['kustomize build failed', 'kustomize build ./platform'],
  },
  {
    ruleId: 'FLUX-CRD-ORDERING',
    name: 'no matches for kind "XPostgres": names the XRD and the Kustomization that applies it',
    objects: [
      xpostgresXrd,
      apisApplyingXrd,
      kustomization({
        name: 'crossplane-claims',
        path: './claims',
        conditions: [ready('False', 'ReconciliationFailed', NO_MATCHES)],
      }),
    ],
    subject: claims,
    evidence: [NO_MATCHES],
    commands: ['flux reconcile kustomization crossplane-claims -n flux-system'],
    titleIncludes: ['XPostgres (example.org/v1alpha1)'],
    explanationIncludes: ['Kustomization flux-system/crossplane-apis', 'dependsOn'],
    causes: [{ kind: 'CompositeResourceDefinition', name: 'xpostgres.example.org' }],
  },
  {
    ruleId: 'FLUX-CRD-ORDERING',
    name: 'no matches for kind with no known definer still advises dependsOn',
    objects: [
      kustomization({
        name: 'crossplane-claims',
        conditions: [
          ready(
            'False',
            'ReconciliationFailed',
            'Bucket/team-a/logs dry-run failed: no matches for kind "Bucket" in version "s3.aws.m.upbound.io/v1beta1"'
          ),
        ],
      }),
    ],
    subject: claims,
    evidence: ['no matches for kind "Bucket" in version "s3.aws.m.upbound.io/v1beta1"'],
    explanationIncludes: ['dependsOn'],
  },
  {
    ruleId: 'FLUX-HEALTH-CHECK',
    name: "HealthCheckFailed: timeout waiting for: [Claim/team-a/db status: 'InProgress']",
    objects: [
      kustomization({
        name: 'crossplane-claims',
        conditions: [ready('False', 'HealthCheckFailed', HEALTH)],
      }),
    ],
    subject: claims,
    evidence: [HEALTH],
    commands: [
      'flux reconcile kustomization crossplane-claims -n flux-system',
      'kubectl events --for kustomization.kustomize.toolkit.fluxcd.io/crossplane-claims -n flux-system',
    ],
    titleIncludes: ['Claim/team-a/db'],
  },
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: "DependencyNotReady: dependency 'flux-system/crossplane-apis' is not ready",
    objects: [
      kustomization({
        name: 'crossplane-apis',
        conditions: [ready('Unknown', 'Progressing', 'Reconciliation in progress')],
      }),
      kustomization({
        name: 'crossplane-claims',
        dependsOn: ['crossplane-apis'],
        conditions: [ready('False', 'DependencyNotReady', DEPENDENCY)],
      }),
    ],
    subject: claims,
    // Waiting is not failing.
    severity: 'warning',
    evidence: [DEPENDENCY],
    actionKinds: ['open'],
    titleIncludes: ['flux-system/crossplane-apis'],
  },
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: 'DependencyNotReady without a name in the message: read spec.dependsOn',
    objects: [
      kustomization({
        name: 'crossplane-apis',
        conditions: [ready('False', 'ReconciliationFailed', DRY_RUN_INVALID)],
      }),
      kustomization({
        name: 'crossplane-claims',
        dependsOn: ['crossplane-apis'],
        conditions: [
          ready(
            'False',
            'DependencyNotReady',
            'dependencies do not meet ready condition, retrying in 30s'
          ),
        ],
      }),
    ],
    subject: claims,
    severity: 'warning',
    evidence: ['dependencies do not meet ready condition, retrying in 30s'],
    titleIncludes: ['flux-system/crossplane-apis'],
    causes: [apis],
  },
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: 'DependencyNotReady whose dependency has recovered: will retry / reconcile now, no cause',
    objects: [
      kustomization({
        name: 'crossplane-apis',
        conditions: [
          ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`),
        ],
      }),
      kustomization({
        name: 'crossplane-claims',
        dependsOn: ['crossplane-apis'],
        conditions: [
          ready(
            'False',
            'DependencyNotReady',
            'dependencies do not meet ready condition, retrying in 30s'
          ),
        ],
      }),
    ],
    subject: claims,
    severity: 'info',
    evidence: ['dependencies do not meet ready condition'],
    commands: ['flux reconcile kustomization crossplane-claims -n flux-system'],
    titleIncludes: ['flux-system/crossplane-apis is Ready now; it will retry at'],
    causes: [],
  },
  {
    ruleId: 'FLUX-ARTIFACT',
    name: "ArtifactFailed: Source 'GitRepository/flux-system/crossplane-configs' not found",
    objects: [kustomization({ conditions: [ready('False', 'ArtifactFailed', SOURCE_NOT_FOUND)] })],
    subject: apis,
    evidence: [SOURCE_NOT_FOUND],
    commands: ['flux reconcile kustomization crossplane-apis -n flux-system --with-source'],
    titleIncludes: ['not found'],
  },
  {
    ruleId: 'FLUX-ARTIFACT',
    name: 'ArtifactFailed while the source fails: chains to the source',
    objects: [
      gitRepository({
        secretRef: 'git-credentials',
        conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)],
      }),
      kustomization({
        conditions: [
          ready('False', 'ArtifactFailed', 'Source artifact not found, retrying in 30s'),
        ],
      }),
    ],
    subject: apis,
    evidence: [AUTH_REQUIRED],
    commands: ['flux reconcile kustomization crossplane-apis -n flux-system --with-source'],
    causes: [{ kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' }],
  },
  {
    ruleId: 'FLUX-ARTIFACT',
    name: 'a Ready Kustomization whose source fails: new commits will not arrive (warning)',
    objects: [
      gitRepository({ conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)] }),
      kustomization({
        conditions: [
          ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`),
        ],
      }),
    ],
    subject: apis,
    severity: 'warning',
    evidence: [AUTH_REQUIRED],
  },
  {
    ruleId: 'FLUX-DEPENDENCY',
    name: 'dependency \'flux-system/crossplane-apis\' not found: it does not exist (not "not Ready")',
    objects: [
      kustomization({
        name: 'crossplane-claims',
        dependsOn: ['crossplane-apis'],
        conditions: [ready('False', 'DependencyNotReady', DEPENDENCY_NOT_FOUND)],
      }),
    ],
    subject: claims,
    // Waiting (a warning), not failed: kustomize-controller retries, and the dependency may be
    // created by another apply; the text says it does not exist.
    severity: 'warning',
    evidence: [DEPENDENCY_NOT_FOUND],
    titleIncludes: ['flux-system/crossplane-apis'],
    explanationIncludes: ['does not exist'],
  },
  {
    ruleId: 'FLUX-CRD-ORDERING',
    name: 'dependsOn already there and nothing defines the kind: "no XRD defines it", no dependsOn advice',
    objects: [
      apisApplyingXrd,
      kustomization({
        name: 'crossplane-claims',
        dependsOn: ['crossplane-apis'],
        conditions: [
          ready(
            'False',
            'ReconciliationFailed',
            'XCache/team-a/cache dry-run failed: no matches for kind "XCache" in version "example.org/v1alpha1"'
          ),
        ],
      }),
    ],
    subject: claims,
    evidence: ['no matches for kind "XCache"'],
    explanationIncludes: ['No XRD or Provider in the cluster defines it'],
  },
  {
    ruleId: 'FLUX-CRD-ORDERING',
    name: 'dependsOn on the Kustomization that applies the XRD already there: look at the XRD',
    objects: [
      xpostgresXrd,
      apisApplyingXrd,
      kustomization({
        name: 'crossplane-claims',
        dependsOn: ['crossplane-apis'],
        conditions: [ready('False', 'ReconciliationFailed', NO_MATCHES)],
      }),
    ],
    subject: claims,
    evidence: [NO_MATCHES],
    explanationIncludes: ['It already depends on Kustomization flux-system/crossplane-apis'],
    causes: [{ kind: 'CompositeResourceDefinition', name: 'xpostgres.example.org' }],
  },
  {
    ruleId: 'FLUX-ARTIFACT',
    name: 'SourceNotReady: the HelmChart cannot resolve the version (InvalidChartReference) is the cause',
    objects: [
      helmRelease({
        helmChart: 'flux-system/crossplane-system-crossplane',
        conditions: [ready('False', 'SourceNotReady', CHART_NOT_READY)],
      }),
      helmChart({
        name: 'crossplane-system-crossplane',
        version: '9.9.x',
        conditions: [
          ready('False', 'InvalidChartReference', INVALID_CHART),
          stalledCondition('True', 'InvalidChartReference', INVALID_CHART),
        ],
      }),
    ],
    subject: { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' },
    evidence: [CHART_NOT_READY, INVALID_CHART],
    commands: ['flux reconcile helmrelease crossplane -n crossplane-system --with-source'],
    titleIncludes: ['HelmChart flux-system/crossplane-system-crossplane is failing'],
    causes: [{ kind: 'HelmChart', namespace: 'flux-system', name: 'crossplane-system-crossplane' }],
  },
  {
    ruleId: 'FLUX-ARTIFACT',
    name: 'ArtifactFailed without status.helmChart: the HelmChart is found by its generated name',
    objects: [
      helmRelease({
        conditions: [
          ready('False', 'ArtifactFailed', 'Source not ready: artifact not found. Retrying in 5s'),
        ],
      }),
      helmChart({
        name: 'crossplane-system-crossplane',
        conditions: [ready('False', 'InvalidChartReference', INVALID_CHART)],
      }),
    ],
    subject: { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' },
    evidence: [INVALID_CHART],
    causes: [{ kind: 'HelmChart', namespace: 'flux-system', name: 'crossplane-system-crossplane' }],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'a stale BuildFailed (status.observedGeneration < metadata.generation) is no verdict',
    objects: [
      kustomization({
        generation: 5,
        observedGeneration: 4,
        conditions: [ready('False', 'BuildFailed', BUILD_FAILED)],
      }),
    ],
    subject: apis,
    absent: ['FLUX-INVALID-MANIFESTS'],
  },
  {
    name: 'a stale HealthCheckFailed is no verdict',
    objects: [
      kustomization({
        name: 'crossplane-claims',
        generation: 2,
        observedGeneration: 1,
        conditions: [ready('False', 'HealthCheckFailed', HEALTH)],
      }),
    ],
    subject: claims,
    absent: ['FLUX-HEALTH-CHECK'],
  },
  {
    name: 'dry-run failed with "no matches for kind" is CRD ordering, not invalid manifests',
    objects: [
      xpostgresXrd,
      apisApplyingXrd,
      kustomization({
        name: 'crossplane-claims',
        conditions: [ready('False', 'ReconciliationFailed', NO_MATCHES)],
      }),
    ],
    subject: claims,
    absent: ['FLUX-INVALID-MANIFESTS'],
    present: ['FLUX-CRD-ORDERING'],
  },
  {
    name: 'ReconciliationFailed for a reason that is not the commit (missing kubeconfig Secret)',
    objects: [
      kustomization({
        conditions: [
          ready(
            'False',
            'ReconciliationFailed',
            'failed to get kubeconfig secret \'flux-system/prod-kubeconfig\': secrets "prod-kubeconfig" not found'
          ),
        ],
      }),
    ],
    subject: apis,
    absent: ['FLUX-INVALID-MANIFESTS', 'FLUX-CRD-ORDERING', 'FLUX-HEALTH-CHECK'],
  },
  {
    name: 'Ready=Unknown Progressing is no verdict',
    objects: [
      kustomization({
        conditions: [ready('Unknown', 'Progressing', 'Reconciliation in progress')],
      }),
    ],
    subject: apis,
    absent: [
      'FLUX-INVALID-MANIFESTS',
      'FLUX-CRD-ORDERING',
      'FLUX-HEALTH-CHECK',
      'FLUX-DEPENDENCY',
      'FLUX-ARTIFACT',
    ],
  },
  {
    name: 'a Ready Kustomization with a Ready source',
    objects: [
      gitRepository({
        conditions: [
          ready('True', 'Succeeded', `stored artifact for revision 'main@sha1:${SHA_A}'`),
        ],
      }),
      kustomization({
        conditions: [
          ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`),
        ],
      }),
    ],
    subject: apis,
    absent: ['FLUX-ARTIFACT', 'FLUX-INVALID-MANIFESTS'],
  },
  {
    name: 'a source that is only progressing is not a failing source',
    objects: [
      gitRepository({
        conditions: [ready('Unknown', 'Progressing', 'reconciliation in progress')],
      }),
      kustomization({
        conditions: [
          ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`),
        ],
      }),
    ],
    subject: apis,
    absent: ['FLUX-ARTIFACT'],
  },
  {
    name: 'a Usage-refused prune is not invalid manifests ("fix forward or git revert" does not fit)',
    objects: [
      kustomization({
        name: 'crossplane-claims',
        conditions: [ready('False', 'PruneFailed', PRUNE_IN_USE)],
      }),
    ],
    subject: claims,
    absent: ['FLUX-INVALID-MANIFESTS'],
    present: ['XP-USAGE-BLOCKS-DELETE'],
  },
  {
    name: 'a prune that failed for another reason is not Usage-blocked',
    objects: [
      kustomization({
        name: 'crossplane-claims',
        conditions: [
          ready(
            'False',
            'PruneFailed',
            'delete failed, errors: XPostgres/team-a/db delete failed: the server was unable to return a response in the time allotted;'
          ),
        ],
      }),
    ],
    subject: claims,
    absent: ['XP-USAGE-BLOCKS-DELETE'],
  },
];
