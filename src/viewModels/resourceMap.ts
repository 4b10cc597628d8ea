import { ClusterIndex } from '../model/clusterIndex';
import { crossplaneRoleOf } from '../model/crossplaneRole';
import { Health, HealthSummary } from '../model/health';
import { inventoryEntryRef } from '../model/inventory';
import { lookUp } from '../model/join';
import { JoinNode, joinTree } from '../model/join';
import { ObjectRef, refKey, Resource } from '../model/resource';

/**
 * The graph Headlamp's map draws for this plugin: Kustomization → the
 * objects it applied → what Crossplane composed below them (recursively),
 * each node coloured by its state. Pure data; the map source attaches
 * Headlamp objects to the nodes.
 */

export type MapStatus = 'success' | 'warning' | 'error';

export interface MapNode {
  /** The object's uid when known (so Headlamp's own nodes of the same object merge), else its ref key. */
  id: string;
  ref: ObjectRef;
  resource?: Resource;
  status: MapStatus;
  summary: HealthSummary;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
}

export interface MapGraph {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Nodes left out beyond `maxNodes`. */
  omitted: number;
}

export function mapStatus(health: Health): MapStatus {
  switch (health) {
    case 'failing':
    case 'missing':
      return 'error';
    case 'progressing':
    case 'deleting':
    case 'suspended':
    case 'unknown':
    case 'not-visible':
      return 'warning';
    default:
      return 'success';
  }
}

export interface MapOptions {
  /** Upper bound on nodes, so a huge platform does not freeze the map (default 3,000). */
  maxNodes?: number;
  /** Only Kustomizations whose inventory holds Crossplane objects (default true). */
  crossplaneOnly?: boolean;
}

export function fluxCrossplaneGraph(index: ClusterIndex, options: MapOptions = {}): MapGraph {
  const maxNodes = options.maxNodes ?? 3000;
  const crossplaneOnly = options.crossplaneOnly ?? true;
  const nodes = new Map<string, MapNode>();
  const edges = new Map<string, MapEdge>();
  let omitted = 0;

  const idOf = (ref: ObjectRef, resource?: Resource) => resource?.uid || refKey(ref);
  const addNode = (ref: ObjectRef, resource: Resource | undefined, summary: HealthSummary) => {
    const id = idOf(ref, resource);
    if (nodes.has(id)) return id;
    if (nodes.size >= maxNodes) {
      omitted++;
      return undefined;
    }
    nodes.set(id, { id, ref, resource, status: mapStatus(summary.health), summary });
    return id;
  };
  const addEdge = (source: string, target: string) => {
    const id = `${source}->${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target });
  };
  const addBelow = (parentId: string, join: JoinNode) => {
    for (const child of join.children) {
      // Providers hang from every MR: the map shows them once, linked from ProviderConfigs.
      const status = child.resource ? child.status : lookUp(index, child.ref).status;
      const childId = addNode(child.ref, child.resource, status);
      if (!childId) continue;
      addEdge(parentId, childId);
      if (!child.repeated) addBelow(childId, child);
    }
  };

  for (const kustomization of index.withRole('kustomization')) {
    const entries = index.inventory(kustomization).entries;
    const refs = entries.map(entry => inventoryEntryRef(entry, kustomization.cluster));
    const crossplane = refs.filter(ref => crossplaneRoleOf(index, ref));
    if (crossplaneOnly && crossplane.length === 0) continue;
    const ksId = addNode(kustomization, kustomization, lookUp(index, kustomization).status);
    if (!ksId) continue;
    for (const ref of crossplaneOnly ? crossplane : refs) {
      const looked = lookUp(index, ref);
      const id = addNode(ref, looked.resource, looked.status);
      if (!id) continue;
      addEdge(ksId, id);
      if (looked.resource) {
        const join = joinTree(index, looked.resource, { followKustomizations: false });
        addBelow(id, join);
      }
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], omitted };
}
