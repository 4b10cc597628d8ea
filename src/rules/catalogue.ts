import { Severity } from './types';

/**
 * The rule ids of `failure-modes.md`: stable contract. Each entry gives the
 * severity a rule reports by default and the family file that implements it.
 * FLUX-CONTROLLER-DOWN and XP-CONTROLLER-DOWN go beyond the published
 * catalogue (controller health, docs/rules.md); the ids are as stable.
 */
export interface RuleInfo {
  id: string;
  severity: Severity;
  family:
    | 'sources'
    | 'kustomize'
    | 'helm'
    | 'notifications'
    | 'flux-state'
    | 'composition'
    | 'managed'
    | 'packages'
    | 'runtime'
    | 'visibility';
  summary: string;
}

function rule(
  id: string,
  severity: Severity,
  family: RuleInfo['family'],
  summary: string
): RuleInfo {
  return { id, severity, family, summary };
}

export const RULES = {
  FLUX_SOURCE_AUTH: rule(
    'FLUX-SOURCE-AUTH',
    'error',
    'sources',
    'The source cannot authenticate to its repository'
  ),
  FLUX_SOURCE_UNREACHABLE: rule(
    'FLUX-SOURCE-UNREACHABLE',
    'error',
    'sources',
    'The source cannot reach its repository'
  ),
  FLUX_SOURCE_REF: rule(
    'FLUX-SOURCE-REF',
    'error',
    'sources',
    'The branch, tag or version asked for does not exist'
  ),
  FLUX_INVALID_MANIFESTS: rule(
    'FLUX-INVALID-MANIFESTS',
    'error',
    'kustomize',
    'The commit holds manifests the cluster rejects'
  ),
  FLUX_CRD_ORDERING: rule(
    'FLUX-CRD-ORDERING',
    'error',
    'kustomize',
    'Objects were applied before their kind was defined'
  ),
  FLUX_HEALTH_CHECK: rule(
    'FLUX-HEALTH-CHECK',
    'error',
    'kustomize',
    'Applied objects did not become healthy in time'
  ),
  FLUX_DEPENDENCY: rule('FLUX-DEPENDENCY', 'error', 'kustomize', 'A dependency is not ready'),
  FLUX_ARTIFACT: rule(
    'FLUX-ARTIFACT',
    'error',
    'kustomize',
    'The source artifact is not available'
  ),
  FLUX_HELM_STUCK: rule('FLUX-HELM-STUCK', 'error', 'helm', 'The Helm release is stuck'),
  FLUX_NO_ALERTS: rule(
    'FLUX-NO-ALERTS',
    'warning',
    'notifications',
    'Failures of a key object would alert no one'
  ),
  FLUX_SUSPENDED: rule('FLUX-SUSPENDED', 'warning', 'flux-state', 'Reconciliation is suspended'),
  FLUX_ROLLOUT_BEHIND: rule(
    'FLUX-ROLLOUT-BEHIND',
    'warning',
    'flux-state',
    'The newest commit has not landed'
  ),
  FLUX_STALE: rule(
    'FLUX-STALE',
    'warning',
    'flux-state',
    'Reconciliation has not run when it should have'
  ),
  FLUX_STALLED: rule('FLUX-STALLED', 'error', 'flux-state', 'The controller stopped retrying'),
  FLUX_DRIFT: rule('FLUX-DRIFT', 'info', 'flux-state', 'Something changed the cluster outside Git'),
  XP_PAUSED: rule('XP-PAUSED', 'warning', 'managed', 'Crossplane reconciliation is paused'),
  XP_XRD_NOT_ESTABLISHED: rule(
    'XP-XRD-NOT-ESTABLISHED',
    'error',
    'composition',
    'The XRD is not established'
  ),
  XP_NO_COMPOSITION: rule(
    'XP-NO-COMPOSITION',
    'error',
    'composition',
    'No Composition can be selected'
  ),
  XP_REVISION_MISSING: rule(
    'XP-REVISION-MISSING',
    'error',
    'composition',
    'No CompositionRevision can be selected'
  ),
  XP_PIPELINE_INVALID: rule(
    'XP-PIPELINE-INVALID',
    'error',
    'composition',
    'The function pipeline is not valid'
  ),
  XP_FUNCTION_MISSING: rule(
    'XP-FUNCTION-MISSING',
    'error',
    'composition',
    'A pipeline Function is not installed or not running'
  ),
  XP_FUNCTION_FAILED: rule(
    'XP-FUNCTION-FAILED',
    'error',
    'composition',
    'A pipeline Function failed'
  ),
  XP_KIND_NOT_SERVED: rule(
    'XP-KIND-NOT-SERVED',
    'error',
    'composition',
    'A composed kind is not served'
  ),
  XP_SCOPE_MISMATCH: rule(
    'XP-SCOPE-MISMATCH',
    'error',
    'composition',
    'Cluster-scoped resource composed by a namespaced XR'
  ),
  XP_RBAC: rule(
    'XP-RBAC',
    'error',
    'composition',
    'Crossplane is not allowed to manage a composed kind'
  ),
  XP_COMPOSE_INVALID: rule(
    'XP-COMPOSE-INVALID',
    'error',
    'composition',
    'Some composed resources were invalid'
  ),
  XP_WAITING_ON_CHILDREN: rule(
    'XP-WAITING-ON-CHILDREN',
    'warning',
    'composition',
    'Waiting for composed resources to become ready'
  ),
  XP_CLAIM_WAITING: rule(
    'XP-CLAIM-WAITING',
    'warning',
    'composition',
    'The claim waits for its composite resource'
  ),
  XP_PROVIDERCONFIG_MISSING: rule(
    'XP-PROVIDERCONFIG-MISSING',
    'error',
    'managed',
    'The ProviderConfig is missing'
  ),
  XP_CREDENTIALS: rule('XP-CREDENTIALS', 'error', 'managed', 'The provider credentials are wrong'),
  XP_REFERENCE_UNRESOLVED: rule(
    'XP-REFERENCE-UNRESOLVED',
    'warning',
    'managed',
    'A reference to another resource is unresolved'
  ),
  XP_EXTERNAL_API: rule('XP-EXTERNAL-API', 'error', 'managed', 'The cloud API rejected a request'),
  XP_CREATE_PENDING: rule(
    'XP-CREATE-PENDING',
    'error',
    'managed',
    'Crossplane cannot tell whether the external resource was created'
  ),
  XP_PACKAGE_UNHEALTHY: rule(
    'XP-PACKAGE-UNHEALTHY',
    'error',
    'packages',
    'A package is not installed or not healthy'
  ),
  XP_CIRCUIT_OPEN: rule(
    'XP-CIRCUIT-OPEN',
    'warning',
    'composition',
    'The watch circuit breaker is open'
  ),
  XP_USAGE_BLOCKS_DELETE: rule(
    'XP-USAGE-BLOCKS-DELETE',
    'warning',
    'managed',
    'Deletion is blocked by a Usage'
  ),
  XP_DEPRECATED_API: rule(
    'XP-DEPRECATED-API',
    'warning',
    'packages',
    'A removed or deprecated Crossplane API is in use'
  ),
  FLUX_CONTROLLER_DOWN: rule(
    'FLUX-CONTROLLER-DOWN',
    'error',
    'runtime',
    'A Flux controller is unavailable or crash-looping'
  ),
  XP_CONTROLLER_DOWN: rule(
    'XP-CONTROLLER-DOWN',
    'error',
    'runtime',
    "Crossplane's core, RBAC manager or a package runtime is unavailable or crash-looping"
  ),
  VISIBILITY: rule('VISIBILITY', 'info', 'visibility', 'Part of the cluster could not be read'),
} as const;

export type RuleKey = keyof typeof RULES;

export const RULE_IDS: string[] = Object.values(RULES).map(info => info.id);
