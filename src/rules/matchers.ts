/**
 * Message patterns from the Flux and Crossplane controllers. Rules match on
 * condition type and reason first and on these second; matching ignores case
 * and tolerates wrapping and prefixes (`kustomize build failed: …`).
 */

export type Pattern = RegExp;

function patterns(...sources: string[]): Pattern[] {
  return sources.map(source => new RegExp(source, 'i'));
}

export function matchesAny(text: string | undefined, list: Pattern[]): boolean {
  if (!text) return false;
  const flat = text.replace(/\s+/g, ' ');
  return list.some(pattern => pattern.test(flat));
}

export const SOURCE_AUTH = patterns(
  'authentication required',
  'authorization failed',
  // An HTTP 401, not any 401 in the text (`org/http-401-handler` is a repository name).
  '\\b401 Unauthorized',
  '(status( code)?|code|HTTP/[0-9.]+)[:= ]+401\\b',
  '403 Forbidden',
  'permission denied',
  'could not read Username',
  'ssh: handshake failed',
  'knownhosts: key mismatch',
  'knownhosts: key is unknown',
  'key is unknown',
  'invalid credentials',
  'secrets? "[^"]*" not found',
  'unauthorized'
);

export const SOURCE_UNREACHABLE = patterns(
  'no such host',
  'connection refused',
  'i/o timeout',
  'context deadline exceeded',
  'TLS handshake',
  'x509:',
  'network is unreachable',
  'connection reset by peer'
);

export const SOURCE_REF = patterns(
  "couldn't find remote ref",
  'reference not found',
  'unable to resolve tag',
  'no matching tag',
  'unable to find a tag',
  'no match found for semver',
  // source-controller HelmChart (InvalidChartReference): `no '<chart>' chart with version matching '<v>' found`.
  "no '[^']+' chart with version matching",
  'failed to get chart version for remote reference'
);

export const INVALID_MANIFESTS = patterns(
  'dry-run failed',
  'is invalid',
  'strict decoding error',
  'unknown field',
  'admission webhook .* denied',
  'field is immutable',
  'missing Resource metadata',
  'accumulating resources',
  'kustomize build failed',
  'failed to decode',
  'yaml: line \\d+'
);

/** `no matches for kind "X" in version "Y"` — the kind is not (yet) served. */
export const NO_MATCHES_FOR_KIND = /no matches for kind "([^"]+)" in version "([^"]+)"/i;
export const SERVER_COULD_NOT_FIND = /the server could not find the requested resource/i;

export const HELM_STUCK = patterns(
  'another operation \\(install/upgrade/rollback\\) is in progress',
  'timed out waiting for the condition',
  'context deadline exceeded'
);

export const HELM_STUCK_REASONS = new Set([
  'InstallFailed',
  'UpgradeFailed',
  'RollbackFailed',
  'UninstallFailed',
  'TestFailed',
  'RetriesExceeded',
  'InitFailed',
]);

export const SOURCE_FAILURE_REASONS = new Set([
  'GitOperationFailed',
  'OCIArtifactPullFailed',
  'ChartPullFailed',
  'BucketOperationFailed',
  'IndexationFailed',
  'FetchFailed',
  'URLInvalid',
  'InvalidChartReference',
  'ChartPullError',
]);

// ---- Crossplane -----------------------------------------------------------------------------

export const XP_NO_COMPOSITION = patterns(
  'cannot select Composition',
  'no compatible Compositions found',
  'referenced composition is not compatible',
  'cannot get Composition\\b(?!Revision)',
  'cannot find Composition\\b(?!Revision)'
);
export const XP_REVISION_MISSING = patterns(
  'cannot select CompositionRevision',
  'no compatible CompositionRevisions found',
  'cannot fetch CompositionRevision',
  // A pinned (Manual) revision that is gone: `cannot fetch Composition: cannot get CompositionRevision: … not found`.
  'cannot get CompositionRevision',
  'cannot fetch composition revision'
);
export const XP_PIPELINE_INVALID = patterns(
  'does not have a valid function pipeline',
  'MissingCapabilities',
  'missing required capabilit'
);
export const XP_FUNCTION_MISSING = patterns(
  'cannot find an active FunctionRevision',
  'cannot get gRPC client connection',
  'empty status\\.endpoint',
  'cannot find FunctionRevision',
  'no active revision'
);
export const XP_FUNCTION_FAILED = patterns(
  'rpc error: code = (DeadlineExceeded|Unavailable)',
  'returned a fatal result',
  'returned a Fatal result'
);
export const XP_PIPELINE_STEP = /cannot run Composition pipeline step "([^"]+)"/i;
export const XP_KIND_NOT_SERVED = patterns(
  'cannot apply composed resource.*no matches for kind',
  'no matches for kind'
);
export const XP_SCOPE_MISMATCH = patterns(
  'cannot apply cluster scoped composed resource .* for a namespaced composite resource'
);
export const XP_RBAC = patterns('is forbidden: User "system:serviceaccount:[^"]*"');
export const XP_COMPOSE_INVALID = patterns('some resources were invalid');
export const XP_UNREADY_RESOURCES = /Unready resources?: ([^\n]+)/i;
/** XR Synced=False: 1.17–1.19 `Invalid resources: …`, 1.20+ `Unsynced resources: …`. */
export const XP_UNSYNCED_RESOURCES = /(Invalid|Unsynced) resources?: ([^\n]+)/i;
export const XP_CLAIM_NOT_BOUND = patterns(
  'refusing to operate on composite resource .* not bound to this claim',
  'is not bound to this claim'
);
export const XP_PROVIDERCONFIG_MISSING = patterns(
  'cannot get referenced ProviderConfig',
  'does not reference a ProviderConfig',
  'ProviderConfig[^:]*"[^"]*" not found',
  'providerconfigs?[.a-z0-9-]* "[^"]*" not found',
  'cannot get referenced ClusterProviderConfig'
);
export const XP_CREDENTIALS = patterns(
  'cannot (extract|unmarshal)[^:]*credentials',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'cannot get credentials',
  'invalid_grant',
  'UnrecognizedClientException'
);
export const XP_REFERENCE_UNRESOLVED = patterns(
  'cannot resolve references',
  'referenced field was empty',
  'no resources matched selector'
);
export const XP_EXTERNAL_API = patterns(
  '\\b(observe|create|update|delete) failed:',
  'cannot (observe|create|update|delete) external resource'
);
export const XP_CREATE_PENDING = patterns('cannot determine creation result');
export const XP_USAGE_BLOCKS_DELETE = patterns(
  'is in-use by',
  'Blocking deletion while usages still exist',
  'Blocking deletion while usage'
);

/**
 * Crossplane's Usage webhook (internal/webhook/protection/usage/handler.go):
 * `This resource is in-use by N usage(s), including the <Go type> "<name>"[ (in namespace "<ns>")]
 * (by resource <Kind>/<name>.| with reason: "<reason>".|.)`
 */
export function parseInUse(text: string): {
  count?: number;
  usage?: string;
  by?: string;
  reason?: string;
} {
  const flat = text.replace(/\s+/g, ' ');
  const match =
    /in-use by (\d+) usage\(s\), including the (?:\*?[A-Za-z0-9]+\.)?([A-Za-z]+) "([^"]+)"(?: \(in namespace "([^"]+)"\))?(?: by resource ([A-Za-z0-9]+\/[^\s;]+?)\.?(?=$|[\s;])| with reason: "([^"]*)")?/i.exec(
      flat
    );
  if (!match) return {};
  return {
    count: Number(match[1]),
    usage: `${match[2]} ${match[4] ? `${match[4]}/` : ''}${match[3]}`,
    by: match[5],
    reason: match[6],
  };
}
export const XP_PACKAGE_UNHEALTHY = patterns(
  'UnhealthyPackageRevision',
  'missing dependencies',
  'incompatible dependencies',
  'incompatible Crossplane version',
  'cannot establish control of object',
  'deployment is unavailable',
  'cannot unpack package',
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff'
);

export const XP_EXTERNAL_EVENT_REASONS = new Set([
  'CannotObserveExternalResource',
  'CannotCreateExternalResource',
  'CannotUpdateExternalResource',
  'CannotDeleteExternalResource',
]);
