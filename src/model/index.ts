import { eventKey, KubeEvent, toKubeEvent } from './events';
import { ParsedInventory, parseInventory } from './inventory';
import { asArray, field, stringField } from './json';
import {
  FLUX_HELM_GROUP,
  FLUX_KUSTOMIZE_GROUP,
  FLUX_NOTIFICATION_GROUP,
  isFluxSource,
  isPackageKind,
  isProviderConfigKind,
  kindInfo,
  PACKAGE_REVISION_KINDS,
  packageKindOfRevision,
  XP_APIEXTENSIONS_GROUP,
  XP_PKG_GROUP,
  XP_PROTECTION_GROUP,
} from './kinds';
import { kindKey, ObjectRef, refKey, Resource, splitApiVersion, toResource } from './resource';
import { ANY_KIND, gapCovers, pendingGap, PendingList, VisibilityGap } from './visibility';

/** What an object is to this product. */
export type Role =
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

/** How an XR's Crossplane machinery is laid out, decided by its XRD's scope. */
export type XrLayout = 'legacy' | 'modern';

export interface XrdType {
  xrd: Resource;
  role: 'composite' | 'claim';
}

export interface IndexInput {
  /** Plain JSON objects from any number of clusters (an object's `cluster` field, or `defaultCluster`). */
  objects: readonly unknown[];
  /** Lists that failed. */
  visibility?: readonly VisibilityGap[];
  /** Lists asked for that have not answered yet: unknown, never empty, never a failure. */
  pending?: readonly PendingList[];
  /** Cluster names that were read, including ones that returned nothing. */
  clusters?: readonly string[];
  defaultCluster?: string;
  /**
   * The lists that answered, when the reader plans its lists (the plugin reads
   * kinds in use): an object of a kind not listed here is unknown, not missing.
   * Unset (the CLI, a snapshot): kinds are judged read by what the index holds.
   */
  listed?: readonly ListedRecord[];
}

/** One list that answered: its kind, and its label selector when it read only labelled objects. */
export interface ListedRecord {
  cluster: string;
  group: string;
  kind: string;
  labelSelector?: string;
}

const FLUX_OWNER_NAME = 'kustomize.toolkit.fluxcd.io/name';
const FLUX_OWNER_NAMESPACE = 'kustomize.toolkit.fluxcd.io/namespace';
const HELM_OWNER_NAME = 'helm.toolkit.fluxcd.io/name';
const HELM_OWNER_NAMESPACE = 'helm.toolkit.fluxcd.io/namespace';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const REVISION_KINDS: ReadonlySet<string> = new Set(Object.values(PACKAGE_REVISION_KINDS));

function nsNameKey(cluster: string, namespace: string, name: string): string {
  return `${cluster}|${namespace}|${name}`;
}

/**
 * One index of everything read, built once per data change. Every lookup is
 * a map hit; nothing scans all objects per object.
 */
export class ClusterIndex {
  readonly resources: Resource[] = [];
  readonly events: KubeEvent[] = [];
  /** Lists that failed (pending lists are not failures: see `pending`). */
  readonly visibility: VisibilityGap[];
  /** Lists that have not answered yet. */
  readonly pending: PendingList[];
  readonly clusters: string[];
  /** `cluster|group|kind` → the label selectors it was listed with (`''`: whole); unset: not planned. */
  private readonly listedKinds?: ReadonlyMap<string, ReadonlySet<string>>;

  private readonly byKey = new Map<string, Resource>();
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byUid = new Map<string, Resource>();
  /** Kind → the groups it occurs in (tiny), to find objects named by kind alone. */
  private readonly groupsOfKind = new Map<string, Set<string>>();
  private readonly childrenByOwnerUid = new Map<string, Resource[]>();
  private readonly appliedByKustomization = new Map<string, Resource[]>();
  private readonly appliedByHelmRelease = new Map<string, Resource[]>();
  private readonly inventoryOwners = new Map<string, Resource[]>();
  private readonly inventories = new Map<string, ParsedInventory>();
  private readonly eventsByObject = new Map<string, KubeEvent[]>();
  private readonly xrdTypes = new Map<string, XrdType>();
  private readonly compositionsByType = new Map<string, Resource[]>();
  private readonly revisionsByComposition = new Map<string, Resource[]>();
  private readonly revisionsByPackage = new Map<string, Resource[]>();
  private readonly packageRevisionByGroup = new Map<string, Resource>();
  private readonly managedKinds = new Set<string>();
  private readonly kustomizationsBySource = new Map<string, Resource[]>();
  private readonly releasesBySource = new Map<string, Resource[]>();
  private readonly dependents = new Map<string, Resource[]>();
  private readonly composedByName = new Map<string, Resource[]>();
  private readonly roles = new Map<Resource, Role>();
  private readonly byRole = new Map<Role, Resource[]>();

  constructor(input: IndexInput) {
    const defaultCluster = input.defaultCluster ?? '';
    this.visibility = [...(input.visibility ?? [])];
    this.pending = [...(input.pending ?? [])];
    if (input.listed) {
      const listed = new Map<string, Set<string>>();
      for (const record of input.listed) {
        const key = kindKey(record.cluster, record.group, record.kind);
        const selectors = listed.get(key) ?? new Set<string>();
        selectors.add(record.labelSelector ?? '');
        listed.set(key, selectors);
      }
      this.listedKinds = listed;
    }
    const clusters = new Set(input.clusters ?? []);

    for (const raw of input.objects) {
      const resource = toResource(raw, defaultCluster);
      if (!resource) continue;
      clusters.add(resource.cluster);
      if (
        resource.kind === 'Event' &&
        (resource.group === '' || resource.group === 'events.k8s.io')
      ) {
        const event = toKubeEvent(raw, resource.cluster);
        if (event) {
          this.events.push(event);
          const { kind, namespace, name } = event.involved;
          push(this.eventsByObject, eventKey(resource.cluster, kind, namespace, name), event);
        }
        continue;
      }
      if (this.byKey.has(resource.key)) continue; // the first copy of an object wins
      this.add(resource);
    }
    this.clusters = [...clusters].sort();

    // Second pass: relations that need the definitions (XRDs, package revisions) first.
    for (const resource of this.resources) this.relate(resource);
  }

  private add(resource: Resource): void {
    this.resources.push(resource);
    this.byKey.set(resource.key, resource);
    push(this.byKind, kindKey(resource.cluster, resource.group, resource.kind), resource);
    if (resource.uid) this.byUid.set(`${resource.cluster}|${resource.uid}`, resource);
    let groups = this.groupsOfKind.get(resource.kind);
    if (!groups) {
      groups = new Set();
      this.groupsOfKind.set(resource.kind, groups);
    }
    groups.add(resource.group);

    const { cluster, group, kind } = resource;
    if (group === XP_APIEXTENSIONS_GROUP && kind === 'CompositeResourceDefinition') {
      this.addXrd(resource);
    } else if (group === XP_PKG_GROUP && REVISION_KINDS.has(kind)) {
      if (kind === 'ProviderRevision') {
        for (const objectRef of asArray(field(resource.raw, 'status', 'objectRefs'))) {
          const crdName = stringField(objectRef, 'name') ?? '';
          const dot = crdName.indexOf('.');
          if (dot > 0)
            this.packageRevisionByGroup.set(`${cluster}|${crdName.slice(dot + 1)}`, resource);
        }
      }
    } else if (group === XP_APIEXTENSIONS_GROUP && kind === 'ManagedResourceDefinition') {
      const mrGroup = stringField(resource.raw, 'spec', 'group');
      const mrKind = stringField(resource.raw, 'spec', 'names', 'kind');
      if (mrGroup && mrKind) this.managedKinds.add(kindKey(cluster, mrGroup, mrKind));
    }
  }

  private addXrd(xrd: Resource): void {
    const group = stringField(xrd.raw, 'spec', 'group');
    const kind = stringField(xrd.raw, 'spec', 'names', 'kind');
    if (group && kind)
      this.xrdTypes.set(kindKey(xrd.cluster, group, kind), { xrd, role: 'composite' });
    const claimKind = stringField(xrd.raw, 'spec', 'claimNames', 'kind');
    if (group && claimKind)
      this.xrdTypes.set(kindKey(xrd.cluster, group, claimKind), { xrd, role: 'claim' });
  }

  private relate(resource: Resource): void {
    const { cluster } = resource;
    for (const owner of resource.ownerReferences) {
      if (owner.uid) push(this.childrenByOwnerUid, `${cluster}|${owner.uid}`, resource);
    }
    const fluxName = resource.labels[FLUX_OWNER_NAME];
    const fluxNamespace = resource.labels[FLUX_OWNER_NAMESPACE];
    if (fluxName && fluxNamespace)
      push(this.appliedByKustomization, nsNameKey(cluster, fluxNamespace, fluxName), resource);
    const helmName = resource.labels[HELM_OWNER_NAME];
    const helmNamespace = resource.labels[HELM_OWNER_NAMESPACE];
    if (helmName && helmNamespace)
      push(this.appliedByHelmRelease, nsNameKey(cluster, helmNamespace, helmName), resource);
    const compositeName = resource.labels['crossplane.io/composite'];
    if (compositeName) push(this.composedByName, `${cluster}|${compositeName}`, resource);

    const role = this.computeRole(resource);
    this.roles.set(resource, role);
    push(this.byRole, role, resource);
    switch (role) {
      case 'kustomization':
        this.relateKustomization(resource);
        break;
      case 'helmrelease':
        this.relateHelmRelease(resource);
        break;
      case 'composition': {
        const type = splitApiVersion(
          stringField(resource.raw, 'spec', 'compositeTypeRef', 'apiVersion')
        );
        const kind = stringField(resource.raw, 'spec', 'compositeTypeRef', 'kind');
        if (kind) push(this.compositionsByType, kindKey(cluster, type.group, kind), resource);
        break;
      }
      case 'composition-revision': {
        const name = resource.labels['crossplane.io/composition-name'];
        if (name) push(this.revisionsByComposition, `${cluster}|${name}`, resource);
        break;
      }
      case 'package-revision': {
        const parent = resource.labels['pkg.crossplane.io/package'];
        const parentKind = packageKindOfRevision(resource.kind);
        if (parent && parentKind)
          push(this.revisionsByPackage, `${cluster}|${parentKind}|${parent}`, resource);
        break;
      }
      default:
        break;
    }
  }

  private relateKustomization(kustomization: Resource): void {
    const { cluster, namespace } = kustomization;
    const inventory = parseInventory(field(kustomization.raw, 'status', 'inventory'));
    this.inventories.set(kustomization.key, inventory);
    for (const entry of inventory.entries) {
      push(this.inventoryOwners, refKey({ cluster, ...entry }), kustomization);
    }
    const sourceKind = stringField(kustomization.raw, 'spec', 'sourceRef', 'kind');
    const sourceName = stringField(kustomization.raw, 'spec', 'sourceRef', 'name');
    if (sourceKind && sourceName) {
      const sourceNamespace =
        stringField(kustomization.raw, 'spec', 'sourceRef', 'namespace') || namespace;
      push(
        this.kustomizationsBySource,
        `${cluster}|${sourceKind}|${sourceNamespace}|${sourceName}`,
        kustomization
      );
    }
    for (const dependency of asArray(field(kustomization.raw, 'spec', 'dependsOn'))) {
      const name = stringField(dependency, 'name');
      if (!name) continue;
      const dependencyNamespace = stringField(dependency, 'namespace') || namespace;
      push(this.dependents, nsNameKey(cluster, dependencyNamespace, name), kustomization);
    }
  }

  /** A HelmRelease uses its chart's sourceRef, its chartRef, and the HelmChart named in status.helmChart. */
  private relateHelmRelease(release: Resource): void {
    const { cluster, namespace } = release;
    const keys = new Set<string>();
    for (const path of [
      ['spec', 'chart', 'spec', 'sourceRef'],
      ['spec', 'chartRef'],
    ]) {
      const kind = stringField(release.raw, ...path, 'kind');
      const name = stringField(release.raw, ...path, 'name');
      if (kind && name)
        keys.add(
          `${cluster}|${kind}|${
            stringField(release.raw, ...path, 'namespace') || namespace
          }|${name}`
        );
    }
    const helmChart = stringField(release.raw, 'status', 'helmChart') ?? '';
    const slash = helmChart.indexOf('/');
    if (slash > 0)
      keys.add(`${cluster}|HelmChart|${helmChart.slice(0, slash)}|${helmChart.slice(slash + 1)}`);
    for (const key of keys) push(this.releasesBySource, key, release);
  }

  private computeRole(resource: Resource): Role {
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
      const known: Record<string, Role> = {
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
    const xrdType = this.xrdTypes.get(kindKey(cluster, group, kind));
    if (xrdType) return xrdType.role;
    if (isProviderConfigKind(kind)) return 'provider-config';
    if (this.managedKinds.has(kindKey(cluster, group, kind))) return 'managed';
    if (
      this.packageRevisionByGroup.has(`${cluster}|${group}`) &&
      !kind.endsWith('ProviderConfigUsage')
    )
      return 'managed';
    // Without its XRD or provider revision in view, recognise the shapes.
    if (field(resource.raw, 'spec', 'forProvider') !== undefined) return 'managed';
    if (field(resource.raw, 'spec', 'crossplane', 'compositionRef') !== undefined)
      return 'composite';
    if (
      field(resource.raw, 'spec', 'resourceRefs') !== undefined &&
      field(resource.raw, 'spec', 'claimRef') !== undefined
    ) {
      return 'composite';
    }
    return 'other';
  }

  // ---- lookups -------------------------------------------------------------------------------

  get(
    ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
  ): Resource | undefined {
    return this.byKey.get(refKey(ref));
  }

  byUidIn(cluster: string, uid: string): Resource | undefined {
    return this.byUid.get(`${cluster}|${uid}`);
  }

  /** Objects named by kind without group (as Flux health-check messages name them). */
  findByKind(cluster: string, kind: string, namespace: string, name: string): Resource[] {
    const found: Resource[] = [];
    for (const group of this.groupsOfKind.get(kind) ?? []) {
      const resource = this.byKey.get(refKey({ cluster, group, kind, namespace, name }));
      if (resource) found.push(resource);
    }
    return found;
  }

  /** All objects of a kind in one cluster. */
  list(cluster: string, group: string, kind: string): Resource[] {
    return this.byKind.get(kindKey(cluster, group, kind)) ?? [];
  }

  /** All objects of a kind across clusters. */
  listAll(group: string, kind: string): Resource[] {
    return this.clusters.flatMap(cluster => this.list(cluster, group, kind));
  }

  role(resource: Resource): Role {
    // Objects from this index are keyed by identity; a copy is looked up by its key.
    return (
      this.roles.get(resource) ??
      this.roles.get(this.byKey.get(resource.key) as Resource) ??
      'other'
    );
  }

  withRole(role: Role): Resource[] {
    return this.byRole.get(role) ?? [];
  }

  /** Objects whose controller or other ownerReference points at `owner`. */
  ownedBy(owner: Resource): Resource[] {
    return owner.uid ? this.childrenByOwnerUid.get(`${owner.cluster}|${owner.uid}`) ?? [] : [];
  }

  /** Objects labelled as composed for the root XR named `name`. */
  composedForRoot(cluster: string, name: string): Resource[] {
    return this.composedByName.get(`${cluster}|${name}`) ?? [];
  }

  inventory(kustomization: Resource): ParsedInventory {
    return this.inventories.get(kustomization.key) ?? { entries: [], unparsed: [] };
  }

  /** Objects carrying the Flux labels of this Kustomization. */
  labelledBy(kustomization: Pick<Resource, 'cluster' | 'namespace' | 'name'>): Resource[] {
    return (
      this.appliedByKustomization.get(
        nsNameKey(kustomization.cluster, kustomization.namespace, kustomization.name)
      ) ?? []
    );
  }

  labelledByHelmRelease(release: Pick<Resource, 'cluster' | 'namespace' | 'name'>): Resource[] {
    return (
      this.appliedByHelmRelease.get(nsNameKey(release.cluster, release.namespace, release.name)) ??
      []
    );
  }

  /** The Kustomizations whose inventory lists this object. */
  inventoryOwnersOf(
    ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
  ): Resource[] {
    return this.inventoryOwners.get(refKey(ref)) ?? [];
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
      this.eventsByObject.get(eventKey(ref.cluster, ref.kind, ref.namespace, ref.name)) ?? [];
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
    return this.xrdTypes.get(kindKey(cluster, group, kind));
  }

  compositionsFor(cluster: string, group: string, kind: string): Resource[] {
    return this.compositionsByType.get(kindKey(cluster, group, kind)) ?? [];
  }

  revisionsOfComposition(cluster: string, name: string): Resource[] {
    return this.revisionsByComposition.get(`${cluster}|${name}`) ?? [];
  }

  revisionsOfPackage(pkg: Pick<Resource, 'cluster' | 'kind' | 'name'>): Resource[] {
    return this.revisionsByPackage.get(`${pkg.cluster}|${pkg.kind}|${pkg.name}`) ?? [];
  }

  /** The ProviderRevision that owns the CRDs of an API group (managed resources, ProviderConfigs). */
  providerRevisionForGroup(cluster: string, group: string): Resource | undefined {
    return this.packageRevisionByGroup.get(`${cluster}|${group}`);
  }

  kustomizationsUsingSource(
    source: Pick<Resource, 'cluster' | 'kind' | 'namespace' | 'name'>
  ): Resource[] {
    return (
      this.kustomizationsBySource.get(
        `${source.cluster}|${source.kind}|${source.namespace}|${source.name}`
      ) ?? []
    );
  }

  helmReleasesUsingSource(
    source: Pick<Resource, 'cluster' | 'kind' | 'namespace' | 'name'>
  ): Resource[] {
    return (
      this.releasesBySource.get(
        `${source.cluster}|${source.kind}|${source.namespace}|${source.name}`
      ) ?? []
    );
  }

  /** Kustomizations that list this one in `dependsOn`. */
  dependentsOf(kustomization: Pick<Resource, 'cluster' | 'namespace' | 'name'>): Resource[] {
    return (
      this.dependents.get(
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
    return (
      this.visibility.find(
        gap =>
          gap.cluster === cluster &&
          gap.group === group &&
          gap.kind === kind &&
          gapCovers(gap, namespace)
      ) ??
      this.pendingGapFor(
        cluster,
        group,
        kind,
        list => list.namespace === undefined || list.namespace === namespace
      )
    );
  }

  /** A gap for this kind anywhere in the cluster (whole or one namespace), pending lists included. */
  anyGapFor(cluster: string, group: string, kind: string): VisibilityGap | undefined {
    return (
      this.visibility.find(
        gap => gap.cluster === cluster && gap.group === group && gap.kind === kind
      ) ?? this.pendingGapFor(cluster, group, kind, () => true)
    );
  }

  /**
   * How the reader listed this kind: `undefined` when the reader does not plan
   * its lists (judge by content), else the label selectors it used (`''`: the
   * whole kind; empty: not listed at all).
   */
  listedWith(cluster: string, group: string, kind: string): ReadonlySet<string> | undefined {
    if (!this.listedKinds) return undefined;
    return this.listedKinds.get(kindKey(cluster, group, kind)) ?? new Set();
  }

  /** Whether this kind's list (in this namespace, or any) has not answered yet in the cluster. */
  isPending(cluster: string, group: string, kind: string, namespace?: string): boolean {
    return (
      this.pendingGapFor(
        cluster,
        group,
        kind,
        list =>
          namespace === undefined || list.namespace === undefined || list.namespace === namespace
      ) !== undefined
    );
  }

  private pendingGapFor(
    cluster: string,
    group: string,
    kind: string,
    inNamespace: (list: PendingList) => boolean
  ): VisibilityGap | undefined {
    const exact = this.pending.find(
      list =>
        list.cluster === cluster && list.group === group && list.kind === kind && inNamespace(list)
    );
    if (exact) return pendingGap(exact);
    // Kinds not listed yet while the catalogue of kinds is still being read: unknown too.
    // Fixed kinds always have their own entries; a kind with objects in the index was listed.
    const any = this.pending.find(list => list.cluster === cluster && list.kind === ANY_KIND);
    if (any && !kindInfo(group, kind) && this.list(cluster, group, kind).length === 0)
      return pendingGap(any, { group, kind });
    return undefined;
  }

  /** Layout of an XR's machinery: from its XRD's scope when known, else from the object's shape. */
  xrLayout(xr: Resource): XrLayout {
    const xrdType = this.xrdFor(xr.cluster, xr.group, xr.kind);
    if (xrdType) {
      const scope = stringField(xrdType.xrd.raw, 'spec', 'scope');
      if (scope === 'Namespaced' || scope === 'Cluster') return 'modern';
      if (scope === 'LegacyCluster') return 'legacy';
      return xrdType.xrd.version === 'v1' ? 'legacy' : 'modern';
    }
    return field(xr.raw, 'spec', 'crossplane') !== undefined ? 'modern' : 'legacy';
  }
}

export function buildIndex(input: IndexInput): ClusterIndex {
  return new ClusterIndex(input);
}
