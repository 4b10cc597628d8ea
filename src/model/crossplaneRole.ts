import { ClusterIndex, Role } from './index';
import {
  isCrossplaneGroup,
  isProviderConfigKind,
  kindInfo,
  XP_APIEXTENSIONS_GROUP,
  XP_PKG_GROUP,
} from './kinds';
import { ObjectRef } from './resource';
import { COMPOSED_SELECTOR, FLUX_APPLIED_SELECTOR } from './ownerLabels';
import { isListedBySelector } from './runtime';

/** The roles of Crossplane objects: what the Crossplane pages show and the detail page serves. */
export const CROSSPLANE_ROLES: ReadonlySet<Role> = new Set<Role>([
  'xrd',
  'composition',
  'composition-revision',
  'package',
  'package-revision',
  'mrd',
  'mrap',
  'usage',
  'environment-config',
  'composite',
  'claim',
  'provider-config',
  'managed',
]);

export function isCrossplaneRole(role: Role | 'unknown' | undefined): boolean {
  return !!role && role !== 'unknown' && CROSSPLANE_ROLES.has(role);
}

const FIXED_ROLES: Record<string, Role> = {
  [`${XP_APIEXTENSIONS_GROUP}|CompositeResourceDefinition`]: 'xrd',
  [`${XP_APIEXTENSIONS_GROUP}|Composition`]: 'composition',
  [`${XP_APIEXTENSIONS_GROUP}|CompositionRevision`]: 'composition-revision',
  [`${XP_APIEXTENSIONS_GROUP}|ManagedResourceDefinition`]: 'mrd',
  [`${XP_APIEXTENSIONS_GROUP}|ManagedResourceActivationPolicy`]: 'mrap',
  [`${XP_APIEXTENSIONS_GROUP}|EnvironmentConfig`]: 'environment-config',
  [`${XP_PKG_GROUP}|Provider`]: 'package',
  [`${XP_PKG_GROUP}|Function`]: 'package',
  [`${XP_PKG_GROUP}|Configuration`]: 'package',
  [`${XP_PKG_GROUP}|ProviderRevision`]: 'package-revision',
  [`${XP_PKG_GROUP}|FunctionRevision`]: 'package-revision',
  [`${XP_PKG_GROUP}|ConfigurationRevision`]: 'package-revision',
};

/**
 * What a Crossplane object is, from its kind alone (no index): the fixed
 * Crossplane kinds and ProviderConfigs. XR, claim and MR kinds are user or
 * provider defined, so they need the index (`crossplaneRoleOf`).
 */
export function fixedCrossplaneRole(ref: Pick<ObjectRef, 'group' | 'kind'>): Role | undefined {
  const fixed = FIXED_ROLES[`${ref.group}|${ref.kind}`];
  if (fixed) return fixed;
  if (ref.group === 'protection.crossplane.io') return 'usage';
  if (isProviderConfigKind(ref.kind) && ref.group !== '') return 'provider-config';
  return undefined;
}

/**
 * The Crossplane role of a referenced object, found or not: the index's role
 * when the object is there, else the XRD that defines its kind, else its kind.
 * `undefined` when nothing says it is a Crossplane object.
 */
export function crossplaneRoleOf(
  index: ClusterIndex,
  ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
): Role | undefined {
  const resource = index.get(ref);
  if (resource) {
    const role = index.role(resource);
    return CROSSPLANE_ROLES.has(role) ? role : undefined;
  }
  const fixed = fixedCrossplaneRole(ref);
  if (fixed) return fixed;
  const defined = index.xrdFor(ref.cluster, ref.group, ref.kind);
  if (defined) return defined.role;
  // Same kind seen elsewhere in the cluster (e.g. another MR of this kind).
  const sibling = index.list(ref.cluster, ref.group, ref.kind)[0];
  if (sibling) {
    const role = index.role(sibling);
    return CROSSPLANE_ROLES.has(role) ? role : undefined;
  }
  if (index.providerRevisionForGroup(ref.cluster, ref.group)) return 'managed';
  return undefined;
}

/** Crossplane's own API groups, for callers without an index. */
export function isCrossplaneApiGroup(group: string): boolean {
  return isCrossplaneGroup(group) || group === 'ops.crossplane.io';
}

/**
 * Whether the plugin reads objects of this kind at all: the fixed Flux and
 * Crossplane kinds, XR and claim kinds from XRDs, managed-resource and
 * ProviderConfig kinds of installed providers, and any kind with objects or
 * a failed list in the index. A composed ConfigMap is not read: its absence
 * from the index says nothing about the cluster.
 */
export function kindIsRead(
  index: ClusterIndex,
  ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind'>
): boolean {
  // A reader that plans its lists (the plugin) says what it listed: read means listed whole, or
  // by the label the object's owner puts on everything it applies or composes (an inventory's
  // ConfigMap carries Flux's label, a composed one Crossplane's). Controller Deployments and Pods
  // listed by the controllers' own labels say nothing of the rest.
  const listed = index.listedWith(ref.cluster, ref.group, ref.kind);
  if (listed)
    return (
      listed.has('') ||
      listed.has(FLUX_APPLIED_SELECTOR) ||
      listed.has(COMPOSED_SELECTOR) ||
      !!index.anyGapFor(ref.cluster, ref.group, ref.kind)
    );
  return (
    !!kindInfo(ref.group, ref.kind) ||
    // Controller Deployments and Pods are read by label only: having some says nothing of the rest.
    (index.list(ref.cluster, ref.group, ref.kind).length > 0 && !isListedBySelector(ref)) ||
    !!index.anyGapFor(ref.cluster, ref.group, ref.kind) ||
    !!index.xrdFor(ref.cluster, ref.group, ref.kind) ||
    (ref.group !== '' && isProviderConfigKind(ref.kind)) ||
    !!index.providerRevisionForGroup(ref.cluster, ref.group)
  );
}
