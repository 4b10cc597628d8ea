import { ClusterIndex, ObjectRole } from '../clusterIndex';
import { claimResourceRef, compositionRefOf, pipelineOf, xrdTypes } from '../crossplane';
import { crossplaneRoleOf } from '../crossplaneRole';
import { claimCompositionName } from '../crossplaneSpec';
import { inventoryEntryRef } from '../inventory';
import { joinTree } from '../join';
import { XP_PKG_GROUP } from '../kinds';
import { ObjectRef, refKey, refOf, Resource } from '../resource';
import { finish, fromJoin, groupNode, objectNode } from './build';
import { markRootCauses } from './marks';
import { TreeOptions, XpNode } from './types';

export interface CrossplaneSectionModel {
  /** Heading nodes: definitions, claims and XRs without a definition, packages, managed resources, other. */
  roots: XpNode[];
  /** Inventory entries that are Crossplane objects. */
  entries: number;
  /** All nodes. */
  size: number;
}

interface Entry {
  ref: ObjectRef;
  resource?: Resource;
  role: ObjectRole;
}

/** The Composition a claim or XR uses (through its XR for a claim; the claim's own ref while unbound). */
export function compositionNameOf(index: ClusterIndex, resource: Resource): string | undefined {
  const role = index.role(resource);
  if (role === 'composite') return compositionRefOf(index, resource);
  if (role === 'claim') {
    const xr = claimResourceRef(index, resource)?.resource;
    return (xr && compositionRefOf(index, xr)) || claimCompositionName(resource.raw);
  }
  return undefined;
}

function instanceNode(index: ClusterIndex, entry: Entry, prefix: string): XpNode {
  if (!entry.resource) {
    const node = objectNode(index, `${prefix}${refKey(entry.ref)}`, entry.ref, 'instance', true);
    return node;
  }
  const node = fromJoin(
    index,
    joinTree(index, entry.resource, { followKustomizations: false }),
    prefix
  );
  node.relation = 'instance';
  node.applied = true;
  return node;
}

export function kustomizationCrossplaneTree(
  index: ClusterIndex,
  kustomization: Resource,
  options: TreeOptions = {}
): CrossplaneSectionModel {
  const entries: Entry[] = [];
  for (const inventoryEntry of index.inventory(kustomization).entries) {
    const ref = inventoryEntryRef(inventoryEntry, kustomization.cluster);
    const role = crossplaneRoleOf(index, ref);
    if (!role) continue;
    entries.push({ ref, resource: index.get(ref), role });
  }
  const appliedKeys = new Set(entries.map(entry => refKey(entry.ref)));
  const byRole = (roles: ObjectRole[]) => entries.filter(entry => roles.includes(entry.role));

  // Definitions: the applied XRDs, and the XRDs of the applied claims and XRs (for context).
  const xrds = new Map<string, { ref: ObjectRef; resource?: Resource }>();
  for (const entry of byRole(['xrd'])) xrds.set(refKey(entry.ref), entry);
  const instances = byRole(['claim', 'composite']);
  const orphanInstances: Entry[] = [];
  /** XRD key → composition name ('' for none) → instances. */
  const placed = new Map<string, Map<string, Entry[]>>();
  for (const instance of instances) {
    const defined = index.xrdFor(instance.ref.cluster, instance.ref.group, instance.ref.kind);
    if (!defined) {
      orphanInstances.push(instance);
      continue;
    }
    const xrdKey = refKey(defined.xrd);
    if (!xrds.has(xrdKey)) xrds.set(xrdKey, { ref: refOf(defined.xrd), resource: defined.xrd });
    const composition = (instance.resource && compositionNameOf(index, instance.resource)) || '';
    const byComposition = placed.get(xrdKey) ?? new Map<string, Entry[]>();
    byComposition.set(composition, [...(byComposition.get(composition) ?? []), instance]);
    placed.set(xrdKey, byComposition);
  }

  const shownCompositions = new Set<string>();
  const definitionNodes: XpNode[] = [];
  for (const [xrdKey, xrd] of xrds) {
    const id = `def/${xrdKey}`;
    const node = objectNode(index, id, xrd.ref, 'xrd', appliedKeys.has(xrdKey));
    const byComposition = placed.get(xrdKey) ?? new Map<string, Entry[]>();
    if (xrd.resource) {
      const types = xrdTypes(xrd.resource);
      const compositions =
        types.group && types.kind
          ? index.compositionsFor(xrd.ref.cluster, types.group, types.kind)
          : [];
      for (const composition of compositions) {
        const key = refKey(composition);
        const used = byComposition.get(composition.name);
        // A context XRD shows only the Compositions this Kustomization applied or uses.
        if (!node.applied && !appliedKeys.has(key) && !used) continue;
        shownCompositions.add(key);
        node.children.push(
          compositionNode(index, composition, `${id}/`, appliedKeys.has(key), used ?? [])
        );
        byComposition.delete(composition.name);
      }
    }
    const unplaced = [...byComposition.entries()].flatMap(([, list]) => list);
    // Gone objects hang from their XRD directly: nothing tells their Composition.
    for (const gone of unplaced.filter(instance => !instance.resource))
      node.children.push(instanceNode(index, gone, `${id}/`));
    const placedLater = unplaced.filter(instance => instance.resource);
    if (placedLater.length) {
      node.children.push(
        groupNode(
          `${id}/unplaced`,
          'Claims and composite resources whose Composition is not found',
          placedLater.map(instance => instanceNode(index, instance, `${id}/unplaced/`))
        )
      );
    }
    definitionNodes.push(node);
  }
  // Applied Compositions that no shown XRD covers.
  for (const entry of byRole(['composition'])) {
    const key = refKey(entry.ref);
    if (shownCompositions.has(key)) continue;
    definitionNodes.push(
      entry.resource
        ? compositionNode(index, entry.resource, 'def/', true, [])
        : objectNode(index, `def/${key}`, entry.ref, 'composition', true)
    );
  }

  const roots: XpNode[] = [];
  if (definitionNodes.length)
    roots.push(
      groupNode(
        'definitions',
        'Definitions and their claims and composite resources',
        definitionNodes
      )
    );
  if (orphanInstances.length) {
    roots.push(
      groupNode(
        'instances',
        'Claims and composite resources whose XRD is not found',
        orphanInstances.map(instance => instanceNode(index, instance, 'instances/'))
      )
    );
  }
  const joined = (list: Entry[], prefix: string) =>
    list.map(entry => {
      if (!entry.resource)
        return objectNode(index, `${prefix}${refKey(entry.ref)}`, entry.ref, 'inventory', true);
      const node = fromJoin(
        index,
        joinTree(index, entry.resource, { followKustomizations: false }),
        prefix
      );
      node.relation = 'inventory';
      node.applied = true;
      return node;
    });
  const packages = byRole(['package']);
  if (packages.length) roots.push(groupNode('packages', 'Packages', joined(packages, 'packages/')));
  const managed = byRole(['managed']);
  if (managed.length)
    roots.push(groupNode('managed', 'Managed resources', joined(managed, 'managed/')));
  const other = byRole([
    'provider-config',
    'composition-revision',
    'package-revision',
    'mrd',
    'mrap',
    'usage',
    'environment-config',
  ]);
  if (other.length)
    roots.push(groupNode('other', 'Other Crossplane objects', joined(other, 'other/')));

  let size = 0;
  for (const root of roots) {
    finish(root);
    size += 1 + root.size;
  }
  markRootCauses(roots, options.diagnosed);
  return { roots, entries: entries.length, size };
}

function compositionNode(
  index: ClusterIndex,
  composition: Resource,
  prefix: string,
  applied: boolean,
  instances: Entry[]
): XpNode {
  const id = `${prefix}${refKey(composition)}`;
  const node = objectNode(index, id, refOf(composition), 'composition', applied);
  node.ordered = true;
  const steps = pipelineOf(index, composition).map((step, position) => {
    const ref: ObjectRef = {
      cluster: composition.cluster,
      group: XP_PKG_GROUP,
      kind: 'Function',
      namespace: '',
      name: step.functionName,
    };
    const stepNode = objectNode(index, `${id}/step${position}:${refKey(ref)}`, ref, 'function');
    stepNode.facts = [{ label: 'Step', value: step.step }, ...stepNode.facts];
    return stepNode;
  });
  if (steps.length) node.children.push(groupNode(`${id}/pipeline`, 'Pipeline', steps, true));
  if (instances.length) {
    node.children.push(
      groupNode(
        `${id}/instances`,
        'Claims and composite resources',
        instances.map(instance => instanceNode(index, instance, `${id}/instances/`))
      )
    );
  }
  return node;
}
