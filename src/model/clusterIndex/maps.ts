import { KubeEvent } from '../events';
import { ParsedInventory } from '../inventory';
import { Resource } from '../resource';
import { ObjectRole, RoleLookups, XrdType } from '../role';

/**
 * The maps of one index, each keyed the way its lookup asks (`kindKey`, `refKey`,
 * `cluster|uid`, `cluster|namespace|name`…). Filled once by the builders in
 * relations.ts; read only by the lookups of ClusterIndex.
 */
export interface IndexMaps extends RoleLookups {
  readonly byKey: Map<string, Resource>;
  readonly byKind: Map<string, Resource[]>;
  readonly byUid: Map<string, Resource>;
  /** Kind → the groups it occurs in (tiny), to find objects named by kind alone. */
  readonly groupsOfKind: Map<string, Set<string>>;
  readonly childrenByOwnerUid: Map<string, Resource[]>;
  readonly appliedByKustomization: Map<string, Resource[]>;
  readonly appliedByHelmRelease: Map<string, Resource[]>;
  readonly inventoryOwners: Map<string, Resource[]>;
  readonly inventories: Map<string, ParsedInventory>;
  readonly eventsByObject: Map<string, KubeEvent[]>;
  /** Composite and claim kinds (`kindKey`) → their XRD. */
  readonly xrdTypes: Map<string, XrdType>;
  readonly compositionsByType: Map<string, Resource[]>;
  readonly revisionsByComposition: Map<string, Resource[]>;
  readonly revisionsByPackage: Map<string, Resource[]>;
  /** `cluster|group` → the ProviderRevision that installed the group's CRDs. */
  readonly packageRevisionByGroup: Map<string, Resource>;
  /** Managed kinds (`kindKey`) defined by ManagedResourceDefinitions. */
  readonly managedKinds: Set<string>;
  readonly kustomizationsBySource: Map<string, Resource[]>;
  readonly releasesBySource: Map<string, Resource[]>;
  readonly dependents: Map<string, Resource[]>;
  readonly composedByName: Map<string, Resource[]>;
  readonly roles: Map<Resource, ObjectRole>;
  readonly byRole: Map<ObjectRole, Resource[]>;
}

export function emptyMaps(): IndexMaps {
  return {
    byKey: new Map(),
    byKind: new Map(),
    byUid: new Map(),
    groupsOfKind: new Map(),
    childrenByOwnerUid: new Map(),
    appliedByKustomization: new Map(),
    appliedByHelmRelease: new Map(),
    inventoryOwners: new Map(),
    inventories: new Map(),
    eventsByObject: new Map(),
    xrdTypes: new Map(),
    compositionsByType: new Map(),
    revisionsByComposition: new Map(),
    revisionsByPackage: new Map(),
    packageRevisionByGroup: new Map(),
    managedKinds: new Set(),
    kustomizationsBySource: new Map(),
    releasesBySource: new Map(),
    dependents: new Map(),
    composedByName: new Map(),
    roles: new Map(),
    byRole: new Map(),
  };
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function nsNameKey(cluster: string, namespace: string, name: string): string {
  return `${cluster}|${namespace}|${name}`;
}

/** The key of a Flux source (or HelmChart) its users are filed under. */
export function sourceKey(cluster: string, kind: string, namespace: string, name: string): string {
  return `${cluster}|${kind}|${namespace}|${name}`;
}
