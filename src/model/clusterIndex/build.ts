import { compositeTypeRefOf, definedKinds, installedObjectRefs } from '../crossplaneSpec';
import { eventKey, KubeEvent, toKubeEvent } from '../events';
import {
  dependsOnOf,
  helmChartStatusOf,
  helmReleaseSourceRefs,
  kustomizationSourceRef,
  statusInventory,
} from '../fluxSpec';
import { parseInventory } from '../inventory';
import { packageKindOfRevision, XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from '../kinds';
import { kindKey, refKey, Resource, toResource } from '../resource';
import { REVISION_KINDS, roleOf } from '../role';
import { emptyMaps, IndexMaps, nsNameKey, push, sourceKey } from './maps';

/**
 * The builders of an index's maps: one pass files every object by its identity and
 * collects the definitions (XRDs, package revisions, MRDs) roles depend on; a second
 * pass files the relations (owners, Flux labels, roles, sources, dependencies,
 * inventories, compositions, revisions), which need those definitions first.
 */

const FLUX_OWNER_NAME = 'kustomize.toolkit.fluxcd.io/name';
const FLUX_OWNER_NAMESPACE = 'kustomize.toolkit.fluxcd.io/namespace';
const HELM_OWNER_NAME = 'helm.toolkit.fluxcd.io/name';
const HELM_OWNER_NAMESPACE = 'helm.toolkit.fluxcd.io/namespace';

export interface FilledIndex {
  maps: IndexMaps;
  resources: Resource[];
  events: KubeEvent[];
  /** Every cluster named by `clusters` or by an object, sorted. */
  clusters: string[];
}

/** Files every object (the first copy of an object wins) and every Event. */
export function fillIndex(
  objects: readonly unknown[],
  defaultCluster: string,
  readClusters: readonly string[]
): FilledIndex {
  const maps = emptyMaps();
  const resources: Resource[] = [];
  const events: KubeEvent[] = [];
  const clusters = new Set(readClusters);
  for (const raw of objects) {
    const resource = toResource(raw, defaultCluster);
    if (!resource) continue;
    clusters.add(resource.cluster);
    if (
      resource.kind === 'Event' &&
      (resource.group === '' || resource.group === 'events.k8s.io')
    ) {
      const event = toKubeEvent(raw, resource.cluster);
      if (event) {
        events.push(event);
        const { kind, namespace, name } = event.involved;
        push(maps.eventsByObject, eventKey(resource.cluster, kind, namespace, name), event);
      }
      continue;
    }
    if (maps.byKey.has(resource.key)) continue; // the first copy of an object wins
    resources.push(resource);
    addObject(maps, resource);
  }
  // Second pass: relations that need the definitions (XRDs, package revisions) first.
  for (const resource of resources) relateObject(maps, resource);
  return { maps, resources, events, clusters: [...clusters].sort() };
}

/** First pass: the object by key, kind and uid, and the definitions it makes. */
function addObject(maps: IndexMaps, resource: Resource): void {
  maps.byKey.set(resource.key, resource);
  push(maps.byKind, kindKey(resource.cluster, resource.group, resource.kind), resource);
  if (resource.uid) maps.byUid.set(`${resource.cluster}|${resource.uid}`, resource);
  let groups = maps.groupsOfKind.get(resource.kind);
  if (!groups) {
    groups = new Set();
    maps.groupsOfKind.set(resource.kind, groups);
  }
  groups.add(resource.group);

  const { cluster, group, kind } = resource;
  if (group === XP_APIEXTENSIONS_GROUP && kind === 'CompositeResourceDefinition') {
    addXrd(maps, resource);
  } else if (group === XP_PKG_GROUP && REVISION_KINDS.has(kind)) {
    if (kind === 'ProviderRevision') {
      for (const { name: crdName } of installedObjectRefs(resource.raw)) {
        const dot = crdName.indexOf('.');
        if (dot > 0)
          maps.packageRevisionByGroup.set(`${cluster}|${crdName.slice(dot + 1)}`, resource);
      }
    }
  } else if (group === XP_APIEXTENSIONS_GROUP && kind === 'ManagedResourceDefinition') {
    const { group: mrGroup, kind: mrKind } = definedKinds(resource.raw);
    if (mrGroup && mrKind) maps.managedKinds.add(kindKey(cluster, mrGroup, mrKind));
  }
}

function addXrd(maps: IndexMaps, xrd: Resource): void {
  const { group, kind, claimKind } = definedKinds(xrd.raw);
  if (group && kind)
    maps.xrdTypes.set(kindKey(xrd.cluster, group, kind), { xrd, role: 'composite' });
  if (group && claimKind)
    maps.xrdTypes.set(kindKey(xrd.cluster, group, claimKind), { xrd, role: 'claim' });
}

/** Second pass: the object's owners, the labels its appliers put on it, its role and what that role relates. */
function relateObject(maps: IndexMaps, resource: Resource): void {
  const { cluster } = resource;
  for (const owner of resource.ownerReferences) {
    if (owner.uid) push(maps.childrenByOwnerUid, `${cluster}|${owner.uid}`, resource);
  }
  const fluxName = resource.labels[FLUX_OWNER_NAME];
  const fluxNamespace = resource.labels[FLUX_OWNER_NAMESPACE];
  if (fluxName && fluxNamespace)
    push(maps.appliedByKustomization, nsNameKey(cluster, fluxNamespace, fluxName), resource);
  const helmName = resource.labels[HELM_OWNER_NAME];
  const helmNamespace = resource.labels[HELM_OWNER_NAMESPACE];
  if (helmName && helmNamespace)
    push(maps.appliedByHelmRelease, nsNameKey(cluster, helmNamespace, helmName), resource);
  const compositeName = resource.labels['crossplane.io/composite'];
  if (compositeName) push(maps.composedByName, `${cluster}|${compositeName}`, resource);

  const role = roleOf(resource, maps);
  maps.roles.set(resource, role);
  push(maps.byRole, role, resource);
  switch (role) {
    case 'kustomization':
      relateKustomization(maps, resource);
      break;
    case 'helmrelease':
      relateHelmRelease(maps, resource);
      break;
    case 'composition': {
      const { group, kind } = compositeTypeRefOf(resource.raw);
      if (kind) push(maps.compositionsByType, kindKey(cluster, group, kind), resource);
      break;
    }
    case 'composition-revision': {
      const name = resource.labels['crossplane.io/composition-name'];
      if (name) push(maps.revisionsByComposition, `${cluster}|${name}`, resource);
      break;
    }
    case 'package-revision': {
      const parent = resource.labels['pkg.crossplane.io/package'];
      const parentKind = packageKindOfRevision(resource.kind);
      if (parent && parentKind)
        push(maps.revisionsByPackage, `${cluster}|${parentKind}|${parent}`, resource);
      break;
    }
    default:
      break;
  }
}

function relateKustomization(maps: IndexMaps, kustomization: Resource): void {
  const { cluster, namespace } = kustomization;
  const inventory = parseInventory(statusInventory(kustomization.raw));
  maps.inventories.set(kustomization.key, inventory);
  for (const entry of inventory.entries) {
    push(maps.inventoryOwners, refKey({ cluster, ...entry }), kustomization);
  }
  const source = kustomizationSourceRef(kustomization.raw, namespace);
  if (source) {
    push(
      maps.kustomizationsBySource,
      sourceKey(cluster, source.kind, source.namespace, source.name),
      kustomization
    );
  }
  for (const dependency of dependsOnOf(kustomization.raw, namespace)) {
    push(maps.dependents, nsNameKey(cluster, dependency.namespace, dependency.name), kustomization);
  }
}

/** A HelmRelease uses its chart's sourceRef, its chartRef, and the HelmChart named in status.helmChart. */
function relateHelmRelease(maps: IndexMaps, release: Resource): void {
  const { cluster, namespace } = release;
  const keys = new Set<string>();
  for (const { ref } of helmReleaseSourceRefs(release.raw, namespace))
    keys.add(sourceKey(cluster, ref.kind, ref.namespace, ref.name));
  const helmChart = helmChartStatusOf(release.raw);
  if (helmChart) keys.add(sourceKey(cluster, 'HelmChart', helmChart.namespace, helmChart.name));
  for (const key of keys) push(maps.releasesBySource, key, release);
}
