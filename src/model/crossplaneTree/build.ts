import { ClusterIndex } from '../clusterIndex';
import { pipelineOf } from '../crossplane';
import { crossplaneRoleOf } from '../crossplaneRole';
import { Health, healthRank } from '../health';
import { JoinNode, lookUp } from '../join';
import { ObjectRef, refOf } from '../resource';
import { conditionCells, factsOf } from './facts';
import { TreeGroup, XpNode, XpRelation } from './types';

export function objectNode(
  index: ClusterIndex,
  id: string,
  ref: ObjectRef,
  relation: XpRelation,
  applied?: boolean
): XpNode {
  const looked = lookUp(index, ref);
  const resource = looked.resource;
  const role = resource ? index.role(resource) : crossplaneRoleOf(index, ref) ?? 'unknown';
  return {
    id,
    ref: resource ? refOf(resource) : ref,
    resource,
    presence: looked.presence,
    role,
    relation,
    status: looked.status,
    conditions: resource ? conditionCells(resource, role) : [],
    facts: resource ? factsOf(index, resource, role) : [],
    applied,
    children: [],
    worst: looked.status.health,
    childCounts: [],
    size: 0,
    rootCause: false,
  };
}

export function groupNode(
  id: string,
  label: TreeGroup,
  children: XpNode[],
  ordered = false
): XpNode {
  return {
    id,
    group: label,
    presence: 'found',
    role: 'unknown',
    relation: 'group',
    status: { health: 'no-status', reason: '', message: '' },
    conditions: [],
    facts: [],
    ordered,
    children,
    worst: 'no-status',
    childCounts: [],
    size: 0,
    rootCause: false,
  };
}

/** Converts a joined tree (join.ts) into tree nodes, with pipeline step names on Composition children. */
export function fromJoin(index: ClusterIndex, join: JoinNode, prefix = ''): XpNode {
  const node = objectNode(index, `${prefix}${join.id}`, join.ref, join.relation);
  node.repeated = join.repeated;
  node.children = join.children.map(child => fromJoin(index, child, prefix));
  if (join.resource && node.role === 'composition') {
    node.ordered = true;
    const steps = pipelineOf(index, join.resource);
    const functionChildren = node.children.filter(child => child.relation === 'function');
    functionChildren.forEach((child, position) => {
      const step = steps[position];
      if (step?.step) child.facts = [{ label: 'Step', value: step.step }, ...child.facts];
    });
  }
  return node;
}

export const UNHEALTHY: ReadonlySet<Health> = new Set<Health>(['failing', 'missing']);

/**
 * A node's own contribution to its branch's state: objects without status by
 * design (a Composition, a ProviderConfig) and kinds the plugin does not read
 * (a composed ConfigMap) count as fine, not as unknown.
 */
export function branchHealth(node: Pick<XpNode, 'status'>): Health {
  const { health, reason } = node.status;
  if (health === 'no-status') return 'healthy';
  if (health === 'not-visible' && reason === 'NotRead') return 'healthy';
  return health;
}

/** Fills worst, counts and sizes; sorts children worst first unless their order means something. */
export function finish(node: XpNode): XpNode {
  let worst: Health = node.group ? 'healthy' : branchHealth(node);
  let size = 0;
  const counts = new Map<Health, number>();
  for (const child of node.children) {
    finish(child);
    size += 1 + child.size;
    if (healthRank(child.worst) < healthRank(worst)) worst = child.worst;
    const own = child.group ? child.worst : branchHealth(child);
    counts.set(own, (counts.get(own) ?? 0) + 1);
  }
  if (node.group && node.children.length === 0) worst = 'no-status';
  node.worst = worst;
  node.size = size;
  node.childCounts = [...counts.entries()]
    .map(([health, count]) => ({ health, count }))
    .sort((a, b) => healthRank(a.health) - healthRank(b.health));
  if (node.group) node.status = { health: worst, reason: '', message: '' };
  if (!node.ordered) node.children.sort(compareNodes);
  return node;
}

function nodeName(node: XpNode): string {
  return node.ref ? `${node.ref.kind}|${node.ref.namespace}|${node.ref.name}` : node.group ?? '';
}

function compareNodes(a: XpNode, b: XpNode): number {
  if (!!a.group !== !!b.group) return a.group ? 1 : -1;
  if (a.group && b.group) return 0;
  return healthRank(a.worst) - healthRank(b.worst) || nodeName(a).localeCompare(nodeName(b));
}
