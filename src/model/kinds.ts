/** The groups, kinds and served versions the model knows (newest version first). */

export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const FLUX_HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const FLUX_NOTIFICATION_GROUP = 'notification.toolkit.fluxcd.io';
export const XP_APIEXTENSIONS_GROUP = 'apiextensions.crossplane.io';
export const XP_PKG_GROUP = 'pkg.crossplane.io';
export const XP_PROTECTION_GROUP = 'protection.crossplane.io';

export interface KindInfo {
  group: string;
  kind: string;
  plural: string;
  versions: string[];
  namespaced: boolean;
}

function kind(
  group: string,
  name: string,
  plural: string,
  versions: string[],
  namespaced = true
): KindInfo {
  return { group, kind: name, plural, versions, namespaced };
}

export const FLUX_SOURCE_KINDS: KindInfo[] = [
  kind(FLUX_SOURCE_GROUP, 'GitRepository', 'gitrepositories', ['v1', 'v1beta2']),
  kind(FLUX_SOURCE_GROUP, 'OCIRepository', 'ocirepositories', ['v1', 'v1beta2']),
  kind(FLUX_SOURCE_GROUP, 'Bucket', 'buckets', ['v1', 'v1beta2']),
  kind(FLUX_SOURCE_GROUP, 'HelmRepository', 'helmrepositories', ['v1', 'v1beta2']),
  kind(FLUX_SOURCE_GROUP, 'HelmChart', 'helmcharts', ['v1', 'v1beta2']),
  kind(FLUX_SOURCE_GROUP, 'ExternalArtifact', 'externalartifacts', ['v1', 'v1beta2']),
];

export const KUSTOMIZATION_KIND = kind(FLUX_KUSTOMIZE_GROUP, 'Kustomization', 'kustomizations', [
  'v1',
  'v1beta2',
]);
export const HELMRELEASE_KIND = kind(FLUX_HELM_GROUP, 'HelmRelease', 'helmreleases', [
  'v2',
  'v2beta2',
  'v2beta1',
]);
export const ALERT_KIND = kind(FLUX_NOTIFICATION_GROUP, 'Alert', 'alerts', ['v1beta3', 'v1beta2']);
export const NOTIFICATION_PROVIDER_KIND = kind(FLUX_NOTIFICATION_GROUP, 'Provider', 'providers', [
  'v1beta3',
  'v1beta2',
]);
export const RECEIVER_KIND = kind(FLUX_NOTIFICATION_GROUP, 'Receiver', 'receivers', ['v1']);

export const FLUX_KINDS: KindInfo[] = [
  ...FLUX_SOURCE_KINDS,
  KUSTOMIZATION_KIND,
  HELMRELEASE_KIND,
  ALERT_KIND,
  NOTIFICATION_PROVIDER_KIND,
  RECEIVER_KIND,
];

export const XRD_KIND = kind(
  XP_APIEXTENSIONS_GROUP,
  'CompositeResourceDefinition',
  'compositeresourcedefinitions',
  ['v2', 'v1'],
  false
);
export const COMPOSITION_KIND = kind(
  XP_APIEXTENSIONS_GROUP,
  'Composition',
  'compositions',
  ['v1'],
  false
);
export const COMPOSITION_REVISION_KIND = kind(
  XP_APIEXTENSIONS_GROUP,
  'CompositionRevision',
  'compositionrevisions',
  ['v1', 'v1beta1'],
  false
);
export const ENVIRONMENT_CONFIG_KIND = kind(
  XP_APIEXTENSIONS_GROUP,
  'EnvironmentConfig',
  'environmentconfigs',
  ['v1beta1', 'v1alpha1'],
  false
);
export const MRD_KIND = kind(
  XP_APIEXTENSIONS_GROUP,
  'ManagedResourceDefinition',
  'managedresourcedefinitions',
  ['v1alpha1'],
  false
);
export const MRAP_KIND = kind(
  XP_APIEXTENSIONS_GROUP,
  'ManagedResourceActivationPolicy',
  'managedresourceactivationpolicies',
  ['v1alpha1'],
  false
);
export const PROVIDER_KIND = kind(XP_PKG_GROUP, 'Provider', 'providers', ['v1'], false);
export const FUNCTION_KIND = kind(XP_PKG_GROUP, 'Function', 'functions', ['v1', 'v1beta1'], false);
export const CONFIGURATION_KIND = kind(
  XP_PKG_GROUP,
  'Configuration',
  'configurations',
  ['v1'],
  false
);
export const PROVIDER_REVISION_KIND = kind(
  XP_PKG_GROUP,
  'ProviderRevision',
  'providerrevisions',
  ['v1'],
  false
);
export const FUNCTION_REVISION_KIND = kind(
  XP_PKG_GROUP,
  'FunctionRevision',
  'functionrevisions',
  ['v1', 'v1beta1'],
  false
);
export const CONFIGURATION_REVISION_KIND = kind(
  XP_PKG_GROUP,
  'ConfigurationRevision',
  'configurationrevisions',
  ['v1'],
  false
);
export const USAGE_KIND = kind(XP_PROTECTION_GROUP, 'Usage', 'usages', ['v1beta1']);
export const CLUSTER_USAGE_KIND = kind(
  XP_PROTECTION_GROUP,
  'ClusterUsage',
  'clusterusages',
  ['v1beta1'],
  false
);

export const CROSSPLANE_KINDS: KindInfo[] = [
  XRD_KIND,
  COMPOSITION_KIND,
  COMPOSITION_REVISION_KIND,
  ENVIRONMENT_CONFIG_KIND,
  MRD_KIND,
  MRAP_KIND,
  PROVIDER_KIND,
  FUNCTION_KIND,
  CONFIGURATION_KIND,
  PROVIDER_REVISION_KIND,
  FUNCTION_REVISION_KIND,
  CONFIGURATION_REVISION_KIND,
  USAGE_KIND,
  CLUSTER_USAGE_KIND,
];

export const EVENT_KIND = kind('', 'Event', 'events', ['v1']);

/** Package kind → its revision kind, and back. */
export const PACKAGE_REVISION_KINDS: Record<string, string> = {
  Provider: 'ProviderRevision',
  Function: 'FunctionRevision',
  Configuration: 'ConfigurationRevision',
};

/** The package kind of a revision kind (`ProviderRevision` → `Provider`). */
export function packageKindOfRevision(revisionKind: string): string | undefined {
  return Object.keys(PACKAGE_REVISION_KINDS).find(
    kind => PACKAGE_REVISION_KINDS[kind] === revisionKind
  );
}

export function isFluxGroup(group: string): boolean {
  return group.endsWith('.toolkit.fluxcd.io');
}

export function isFluxSource(group: string, kindName: string): boolean {
  return group === FLUX_SOURCE_GROUP && FLUX_SOURCE_KINDS.some(k => k.kind === kindName);
}

export function isCrossplaneGroup(group: string): boolean {
  return (
    group === XP_APIEXTENSIONS_GROUP || group === XP_PKG_GROUP || group === XP_PROTECTION_GROUP
  );
}

export function isPackageKind(group: string, kindName: string): boolean {
  return (
    group === XP_PKG_GROUP && Object.prototype.hasOwnProperty.call(PACKAGE_REVISION_KINDS, kindName)
  );
}

/** ProviderConfig-like kinds a managed resource references. */
export function isProviderConfigKind(kindName: string): boolean {
  return kindName === 'ProviderConfig' || kindName === 'ClusterProviderConfig';
}

const KNOWN_KINDS = new Map<string, KindInfo>(
  [...FLUX_KINDS, ...CROSSPLANE_KINDS, EVENT_KIND].map(info => [`${info.group}|${info.kind}`, info])
);

export function kindInfo(group: string, kindName: string): KindInfo | undefined {
  return KNOWN_KINDS.get(`${group}|${kindName}`);
}

/** Served versions per API group, as discovery (`GET /apis`) reports them. */
export type ServedGroups = ReadonlyMap<string, readonly string[]>;

/**
 * The version to list a kind at: the newest of the kind's own versions that the
 * server serves. `undefined` when none is: the group may be served at other
 * versions (other kinds of it, or a release this plugin does not know), but a
 * version the kind never had would only answer 404, so the kind is not served
 * and is not requested.
 */
export function chooseServedVersion(
  info: Pick<KindInfo, 'group' | 'versions'>,
  served: ServedGroups
): string | undefined {
  const versions = served.get(info.group);
  if (!versions) return undefined;
  return info.versions.find(version => versions.includes(version));
}

/** Reads an `APIGroupList` (`GET /apis`) into served versions per group; the core group serves v1. */
export function parseApiGroupList(value: unknown): Map<string, string[]> {
  const served = new Map<string, string[]>([['', ['v1']]]);
  const groups =
    typeof value === 'object' && value !== null
      ? (value as { groups?: unknown }).groups
      : undefined;
  if (!Array.isArray(groups)) return served;
  for (const group of groups) {
    if (typeof group !== 'object' || group === null) continue;
    const name = (group as { name?: unknown }).name;
    const versions = (group as { versions?: unknown }).versions;
    if (typeof name !== 'string' || !Array.isArray(versions)) continue;
    served.set(
      name,
      versions.flatMap(version =>
        typeof version === 'object' &&
        version !== null &&
        typeof (version as { version?: unknown }).version === 'string'
          ? [(version as { version: string }).version]
          : []
      )
    );
  }
  return served;
}
