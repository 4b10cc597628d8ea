import { hasCrossplaneSpec, writtenScopeOf } from '../crossplaneSpec';
import { eventKey, KubeEvent } from '../events';
import { ParsedInventory } from '../inventory';
import { kindKey, ObjectRef, refKey, Resource } from '../resource';
import { ObjectRole, XrdType } from '../role';
import { PendingList, VisibilityGap } from '../visibility';
import { fillIndex } from './build';
import { IndexInput } from './input';
import { ListVisibility } from './lists';
import { IndexMaps, nsNameKey, sourceKey } from './maps';

/** How an XR's Crossplane machinery is laid out, decided by its XRD's scope. */
export type XrLayout = 'legacy' | 'modern';

/**
 * One index of everything read, built once per data change. Every lookup is
 * a map hit; nothing scans all objects per object. The maps are filled by
 * build.ts; what could not be read is answered by lists.ts.
 */
export class ClusterIndex {
  readonly resources: Resource[];
  readonly events: KubeEvent[];
  readonly clusters: string[];
  private readonly maps: IndexMaps;
  private readonly lists: ListVisibility;

  constructor(input: IndexInput) {
    const filled = fillIndex(input.objects, input.defaultCluster ?? '', input.clusters ?? []);
    this.maps = filled.maps;
    this.resources = filled.resources;
    this.events = filled.events;
    this.clusters = filled.clusters;
    this.lists = new ListVisibility(
      input.visibility ?? [],
      input.pending ?? [],
      input.listed,
      (cluster, group, kind) => this.list(cluster, group, kind).length > 0
    );
  }

  /** Lists that failed (pending lists are not failures: see `pending`). */
  get visibility(): VisibilityGap[] {
    return this.lists.visibility;
  }

  /** Lists that have not answered yet. */
  get pending(): PendingList[] {
    return this.lists.pending;
  }

  /** For roleOf. */
  get xrdTypes(): ReadonlyMap<string, XrdType> {
    return this.maps.xrdTypes;
  }

  /** For roleOf. */
  get packageRevisionByGroup(): ReadonlyMap<string, Resource> {
    return this.maps.packageRevisionByGroup;
  }

  /** For roleOf. */
  get managedKinds(): ReadonlySet<string> {
    return this.maps.managedKinds;
  }

  get(
    ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
  ): Resource | undefined {
    return this.maps.byKey.get(refKey(ref));
  }

  byUidIn(cluster: string, uid: string): Resource | undefined {
    return this.maps.byUid.get(`${cluster}|${uid}`);
  }

  /** Objects named by kind without group (as Flux health-check messages name them). */
  findByKind(cluster: string, kind: string, namespace: string, name: string): Resource[] {
    const found: Resource[] = [];
    for (const group of this.maps.groupsOfKind.get(kind) ?? []) {
      const resource = this.maps.byKey.get(refKey({ cluster, group, kind, namespace, name }));
      if (resource) found.push(resource);
    }
    return found;
  }

  /** All objects of a kind in one cluster. */
  list(cluster: string, group: string, kind: string): Resource[] {
    return this.maps.byKind.get(kindKey(cluster, group, kind)) ?? [];
  }

  /** All objects of a kind across clusters. */
  listAll(group: string, kind: string): Resource[] {
    return this.clusters.flatMap(cluster => this.list(cluster, group, kind));
  }

  role(resource: Resource): ObjectRole {
    // Objects from this index are keyed by identity; a copy is looked up by its key.
    return (
      this.maps.roles.get(resource) ??
      this.maps.roles.get(this.maps.byKey.get(resource.key) as Resource) ??
      'other'
    );
  }

  withRole(role: ObjectRole): Resource[] {
    return this.maps.byRole.get(role) ?? [];
  }

  /** Objects whose controller or other ownerReference points at `owner`. */
  ownedBy(owner: Resource): Resource[] {
    return owner.uid ? this.maps.childrenByOwnerUid.get(`${owner.cluster}|${owner.uid}`) ?? [] : [];
  }

  /** Objects labelled as composed for the root XR named `name`. */
  composedForRoot(cluster: string, name: string): Resource[] {
    return this.maps.composedByName.get(`${cluster}|${name}`) ?? [];
  }

  inventory(kustomization: Resource): ParsedInventory {
    return this.maps.inventories.get(kustomization.key) ?? { entries: [], unparsed: [] };
  }

  /** Objects carrying the Flux labels of this Kustomization. */
  labelledBy(kustomization: Pick<Resource, 'cluster' | 'namespace' | 'name'>): Resource[] {
    return (
      this.maps.appliedByKustomization.get(
        nsNameKey(kustomization.cluster, kustomization.namespace, kustomization.name)
      ) ?? []
    );
  }

  labelledByHelmRelease(release: Pick<Resource, 'cluster' | 'namespace' | 'name'>): Resource[] {
    return (
      this.maps.appliedByHelmRelease.get(
        nsNameKey(release.cluster, release.namespace, release.name)
      ) ?? []
    );
  }

  /** The Kustomizations whose inventory lists this object. */
  inventoryOwnersOf(
    ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
  ): Resource[] {
    return this.maps.inventoryOwners.get(refKey(ref)) ?? [];
  }

  /**
   * Events of one object. Events are keyed by kind and name (their apiVersion may name an
   * older version); when both sides name a group, it must match, so a claim and a managed
   * resource of the same kind name do not share events.
   */
  eventsFor(
    ref: Pick<ObjectRef, 'cluster' | 'kind' | 'namespace' | 'name'> & { group?: string }
  ): KubeEvent[] {
    const events =
      this.maps.eventsByObject.get(eventKey(ref.cluster, ref.kind, ref.namespace, ref.name)) ?? [];
    const group = ref.group;
    if (
      group === undefined ||
      events.every(event => !event.involved.group || event.involved.group === group)
    ) {
      return events;
    }
    return events.filter(event => !event.involved.group || event.involved.group === group);
  }

  /** The XRD that defines a composite or claim kind. */
  xrdFor(cluster: string, group: string, kind: string): XrdType | undefined {
    return this.maps.xrdTypes.get(kindKey(cluster, group, kind));
  }

  compositionsFor(cluster: string, group: string, kind: string): Resource[] {
    return this.maps.compositionsByType.get(kindKey(cluster, group, kind)) ?? [];
  }

  revisionsOfComposition(cluster: string, name: string): Resource[] {
    return this.maps.revisionsByComposition.get(`${cluster}|${name}`) ?? [];
  }

  revisionsOfPackage(pkg: Pick<Resource, 'cluster' | 'kind' | 'name'>): Resource[] {
    return this.maps.revisionsByPackage.get(`${pkg.cluster}|${pkg.kind}|${pkg.name}`) ?? [];
  }

  /** The ProviderRevision that owns the CRDs of an API group (managed resources, ProviderConfigs). */
  providerRevisionForGroup(cluster: string, group: string): Resource | undefined {
    return this.maps.packageRevisionByGroup.get(`${cluster}|${group}`);
  }

  kustomizationsUsingSource(
    source: Pick<Resource, 'cluster' | 'kind' | 'namespace' | 'name'>
  ): Resource[] {
    return (
      this.maps.kustomizationsBySource.get(
        sourceKey(source.cluster, source.kind, source.namespace, source.name)
      ) ?? []
    );
  }

  helmReleasesUsingSource(
    source: Pick<Resource, 'cluster' | 'kind' | 'namespace' | 'name'>
  ): Resource[] {
    return (
      this.maps.releasesBySource.get(
        sourceKey(source.cluster, source.kind, source.namespace, source.name)
      ) ?? []
    );
  }

  /** Kustomizations that list this one in `dependsOn`. */
  dependentsOf(kustomization: Pick<Resource, 'cluster' | 'namespace' | 'name'>): Resource[] {
    return (
      this.maps.dependents.get(
        nsNameKey(kustomization.cluster, kustomization.namespace, kustomization.name)
      ) ?? []
    );
  }

  /**
   * Whether a kind could be read in a cluster (and namespace). A gap for all
   * namespaces hides every namespace; a namespaced gap only that namespace. A
   * list still pending is a gap with reason `pending`: unknown, not empty.
   */
  gapFor(
    cluster: string,
    group: string,
    kind: string,
    namespace?: string
  ): VisibilityGap | undefined {
    return this.lists.gapFor(cluster, group, kind, namespace);
  }

  /** A gap for this kind anywhere in the cluster (whole or one namespace), pending lists included. */
  anyGapFor(cluster: string, group: string, kind: string): VisibilityGap | undefined {
    return this.lists.anyGapFor(cluster, group, kind);
  }

  /**
   * How the reader listed this kind: `undefined` when the reader does not plan
   * its lists (judge by content), else the label selectors it used (`''`: the
   * whole kind; empty: not listed at all).
   */
  listedWith(cluster: string, group: string, kind: string): ReadonlySet<string> | undefined {
    return this.lists.listedWith(cluster, group, kind);
  }

  /** Whether this kind's list (in this namespace, or any) has not answered yet in the cluster. */
  isPending(cluster: string, group: string, kind: string, namespace?: string): boolean {
    return this.lists.isPending(cluster, group, kind, namespace);
  }

  /** Layout of an XR's machinery: from its XRD's scope when known, else from the object's shape. */
  xrLayout(xr: Resource): XrLayout {
    const xrdType = this.xrdFor(xr.cluster, xr.group, xr.kind);
    if (xrdType) {
      const scope = writtenScopeOf(xrdType.xrd.raw);
      if (scope === 'Namespaced' || scope === 'Cluster') return 'modern';
      if (scope === 'LegacyCluster') return 'legacy';
      return xrdType.xrd.version === 'v1' ? 'legacy' : 'modern';
    }
    return hasCrossplaneSpec(xr.raw) ? 'modern' : 'legacy';
  }
}

export function buildIndex(input: IndexInput): ClusterIndex {
  return new ClusterIndex(input);
}
