import { legacyClaimRefOf, machineryField } from './crossplaneSpec';
import { field } from './json';
import {
  FLUX_HELM_GROUP,
  FLUX_KUSTOMIZE_GROUP,
  FLUX_NOTIFICATION_GROUP,
  isFluxSource,
  isPackageKind,
  isProviderConfigKind,
  PACKAGE_REVISION_KINDS,
  XP_APIEXTENSIONS_GROUP,
  XP_PKG_GROUP,
  XP_PROTECTION_GROUP,
} from './kinds';
import { kindKey, Resource } from './resource';

/** What an object is to this product. */
export type ObjectRole =
  | 'kustomization'
  | 'helmrelease'
  | 'source'
  | 'alert'
  | 'notification-provider'
  | 'receiver'
  | 'xrd'
  | 'composition'
  | 'composition-revision'
  | 'package'
  | 'package-revision'
  | 'mrd'
  | 'mrap'
  | 'usage'
  | 'environment-config'
  | 'composite'
  | 'claim'
  | 'provider-config'
  | 'managed'
  | 'other';

export interface XrdType {
  xrd: Resource;
  role: 'composite' | 'claim';
}

/** What the index knows beyond the object itself that tells its role (by `kindKey`, `cluster|group`). */
export interface RoleLookups {
  readonly xrdTypes: ReadonlyMap<string, XrdType>;
  readonly managedKinds: ReadonlySet<string>;
  readonly packageRevisionByGroup: ReadonlyMap<string, unknown>;
}

export const REVISION_KINDS: ReadonlySet<string> = new Set(Object.values(PACKAGE_REVISION_KINDS));

/** An object's role: by its group and kind, its XRD or provider, else by its shape. */
export function roleOf(resource: Resource, lookups: RoleLookups): ObjectRole {
  const { group, kind, cluster } = resource;
  if (group === FLUX_KUSTOMIZE_GROUP && kind === 'Kustomization') return 'kustomization';
  if (group === FLUX_HELM_GROUP && kind === 'HelmRelease') return 'helmrelease';
  if (isFluxSource(group, kind)) return 'source';
  if (group === FLUX_NOTIFICATION_GROUP) {
    if (kind === 'Alert') return 'alert';
    if (kind === 'Provider') return 'notification-provider';
    if (kind === 'Receiver') return 'receiver';
  }
  if (group === XP_APIEXTENSIONS_GROUP) {
    const known: Record<string, ObjectRole> = {
      CompositeResourceDefinition: 'xrd',
      Composition: 'composition',
      CompositionRevision: 'composition-revision',
      ManagedResourceDefinition: 'mrd',
      ManagedResourceActivationPolicy: 'mrap',
      EnvironmentConfig: 'environment-config',
      Usage: 'usage',
    };
    if (Object.prototype.hasOwnProperty.call(known, kind)) return known[kind];
  }
  if (group === XP_PKG_GROUP) {
    if (isPackageKind(group, kind)) return 'package';
    if (REVISION_KINDS.has(kind)) return 'package-revision';
  }
  if (group === XP_PROTECTION_GROUP) return 'usage';
  const xrdType = lookups.xrdTypes.get(kindKey(cluster, group, kind));
  if (xrdType) return xrdType.role;
  if (isProviderConfigKind(kind)) return 'provider-config';
  if (lookups.managedKinds.has(kindKey(cluster, group, kind))) return 'managed';
  if (
    lookups.packageRevisionByGroup.has(`${cluster}|${group}`) &&
    !kind.endsWith('ProviderConfigUsage')
  )
    return 'managed';
  // Without its XRD or provider revision in view, recognise the shapes.
  if (field(resource.raw, 'spec', 'forProvider') !== undefined) return 'managed';
  if (machineryField(resource.raw, true, 'compositionRef') !== undefined) return 'composite';
  if (
    machineryField(resource.raw, false, 'resourceRefs') !== undefined &&
    legacyClaimRefOf(resource.raw) !== undefined
  ) {
    return 'composite';
  }
  return 'other';
}
