import { findCondition, isStale } from './conditions';
import {
  claimResourceRef,
  compositionMode,
  compositionRefOf,
  compositionRevisionRefOf,
  controllerOf,
  isPaused,
  pipelineOf,
  xrClaimRef,
  xrdTypes,
} from './crossplane';
import { crossplaneRoleOf } from './crossplaneRole';
import { Health, healthRank, HealthSummary } from './health';
import { ClusterIndex, Role } from './index';
import { inventoryEntryRef } from './inventory';
import { JoinNode, joinTree, lookUp, Presence, Relation } from './join';
import { asNumber, field, stringField } from './json';
import { packageKindOfRevision, XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from './kinds';
import { ObjectRef, refKey, refOf, Resource } from './resource';

/**
 * The Crossplane tree a person reads on a Kustomization page and on the
 * detail page of any Crossplane object: definitions (XRD → Composition →
 * pipeline Functions), the claims and XRs applied, and what Crossplane
 * composed below them down to managed resources, their ProviderConfigs and
 * Providers. Pure data: the views only lay it out.
 */

export type XpRelation = Relation | 'xrd' | 'instance' | 'group' | 'step';

/** One condition as a column shows it: verbatim status and reason, flagged when it describes an older generation. */
export interface ConditionCell {
  type: string;
  /** `True`, `False`, `Unknown`, or `''` when the object has no such condition. */
  status: string;
  reason: string;
  stale: boolean;
}

/** A fact next to a node. `label` is English text (translated by the view). */
export interface Fact {
  label: string;
  value: string;
}

export interface HealthCount {
  health: Health;
  count: number;
}

export interface XpNode {
  /** Unique in one tree (path-based). */
  id: string;
  /** Set on heading nodes: English text, translated by the view. */
  group?: string;
  ref?: ObjectRef;
  resource?: Resource;
  presence: Presence;
  role: Role | 'unknown';
  relation: XpRelation;
  /** `crossplane beta trace` precedence for XRs, claims and MRs; each kind's own conditions otherwise. */
  status: HealthSummary;
  conditions: ConditionCell[];
  facts: Fact[];
  /** Whether the Kustomization's inventory lists it (false: shown for context). */
  applied?: boolean;
  /** The walk stopped here: the object is already shown higher up. */
  repeated?: boolean;
  /** Keep the children in their own order (pipeline steps). */
  ordered?: boolean;
  children: XpNode[];
  /** Worst health of the node and everything below it. */
  worst: Health;
  /** Direct children by health, worst first. */
  childCounts: HealthCount[];
  /** Number of nodes below this one. */
  size: number;
  /** The object where a failing branch starts: its banner explains the branch. */
  rootCause: boolean;
}

/** What the rules said about an object: `root` when it has a diagnosis of its own with no deeper cause. */
export type DiagnosedAs = 'root' | 'symptom' | undefined;

export interface TreeOptions {
  diagnosed?: (ref: ObjectRef) => DiagnosedAs;
}

// ---- node facts ----------------------------------------------------------------------------

const CONDITIONS_BY_ROLE: Partial<Record<Role, string[]>> = {
  composite: ['Synced', 'Ready'],
  claim: ['Synced', 'Ready'],
  managed: ['Synced', 'Ready'],
  xrd: ['Established', 'Offered'],
  package: ['Installed', 'Healthy'],
  'package-revision': ['Healthy'],
  'composition-revision': ['ValidPipeline'],
  mrd: ['Established'],
};

export function conditionCells(resource: Resource, role: Role | 'unknown'): ConditionCell[] {
  let types = (role !== 'unknown' && CONDITIONS_BY_ROLE[role]) || ['Ready'];
  if (role === 'xrd' && field(resource.raw, 'spec', 'claimNames') === undefined)
    types = ['Established'];
  return types.flatMap(type => {
    const condition = findCondition(resource, type);
    if (!condition && role !== 'composite' && role !== 'claim' && role !== 'managed') {
      // Kinds without the condition (a ProviderConfig, a Composition) show nothing rather than blanks.
      return role === 'xrd' || role === 'package' ? [emptyCell(type)] : [];
    }
    return [
      condition
        ? {
            type,
            status: condition.status,
            reason: condition.reason,
            stale: isStale(condition, resource.generation),
          }
        : emptyCell(type),
    ];
  });
}

function emptyCell(type: string): ConditionCell {
  return { type, status: '', reason: '', stale: false };
}

function latestCompositionRevision(
  index: ClusterIndex,
  composition: Resource
): Resource | undefined {
  let latest: Resource | undefined;
  let latestNumber = -Infinity;
  for (const revision of index.revisionsOfComposition(composition.cluster, composition.name)) {
    const number = asNumber(field(revision.raw, 'spec', 'revision')) ?? 0;
    if (number > latestNumber) {
      latest = revision;
      latestNumber = number;
    }
  }
  return latest;
}

export function factsOf(index: ClusterIndex, resource: Resource, role: Role | 'unknown'): Fact[] {
  const facts: Fact[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value) facts.push({ label, value });
  };
  switch (role) {
    case 'xrd': {
      const types = xrdTypes(resource);
      add('Defines', types.kind ? `${types.kind} (${types.group ?? ''})` : undefined);
      add('Claim kind', types.claimKind);
      add('Scope', types.scope);
      break;
    }
    case 'composition': {
      add('Mode', compositionMode(resource));
      add('For', stringField(resource.raw, 'spec', 'compositeTypeRef', 'kind'));
      const revision = latestCompositionRevision(index, resource);
      if (revision) {
        const number = asNumber(field(revision.raw, 'spec', 'revision'));
        add(
          'Current revision',
          number !== undefined ? `${revision.name} (#${number})` : revision.name
        );
      }
      break;
    }
    case 'package':
      add('Package', stringField(resource.raw, 'spec', 'package'));
      add('Current revision', stringField(resource.raw, 'status', 'currentRevision'));
      break;
    case 'package-revision':
      add('Desired state', stringField(resource.raw, 'spec', 'desiredState'));
      break;
    case 'composite':
      add('Composition', compositionRefOf(index, resource));
      add('Composition revision', compositionRevisionRefOf(index, resource));
      add('Resource name', resource.annotations['crossplane.io/composition-resource-name']);
      break;
    case 'claim': {
      const xr = claimResourceRef(index, resource)?.resource;
      add(
        'Composition',
        (xr && compositionRefOf(index, xr)) ||
          stringField(resource.raw, 'spec', 'compositionRef', 'name')
      );
      break;
    }
    case 'managed':
      add('Resource name', resource.annotations['crossplane.io/composition-resource-name']);
      add('External name', resource.annotations['crossplane.io/external-name']);
      break;
    default:
      break;
  }
  if ((role === 'composite' || role === 'claim' || role === 'managed') && isPaused(resource))
    facts.push({ label: 'Paused', value: 'yes' });
  return facts;
}

// ---- building ------------------------------------------------------------------------------

function objectNode(
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

function groupNode(id: string, label: string, children: XpNode[], ordered = false): XpNode {
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

const UNHEALTHY: ReadonlySet<Health> = new Set<Health>(['failing', 'missing']);

/** Fills worst, counts and sizes; sorts children worst first unless their order means something. */
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

/**
 * Marks where failing branches start. A node is a root cause when the rules
 * diagnosed it with no deeper cause; a failing branch the rules did not
 * explain gets its deepest failing object marked instead.
 */
export function markRootCauses(roots: XpNode[], diagnosed?: (ref: ObjectRef) => DiagnosedAs): void {
  const structural = (node: XpNode): void => {
    let current = node;
    for (;;) {
      const next = current.children.find(child => UNHEALTHY.has(child.worst));
      if (!next) break;
      current = next;
    }
    if (!current.group && UNHEALTHY.has(current.worst)) current.rootCause = true;
  };
  /** Post-order: inner branches (objects right under a heading) are explained before outer ones. */
  const visit = (node: XpNode, underHeading: boolean): boolean => {
    const verdict = node.ref ? diagnosed?.(node.ref) : undefined;
    // A diagnosis on an object that is fine (a deprecation note) starts no failing branch.
    if (verdict === 'root' && branchHealth(node) !== 'healthy') node.rootCause = true;
    let found = node.rootCause;
    for (const child of node.children) if (visit(child, !!node.group)) found = true;
    // The rules name a cause elsewhere (a pipeline Function): that one is marked where it is shown.
    if (verdict === 'symptom') return true;
    const branchRoot =
      underHeading || node.relation === 'instance' || node.relation === 'inventory';
    if (!found && branchRoot && !node.group && UNHEALTHY.has(node.worst)) {
      structural(node);
      found = true;
    }
    return found;
  };
  for (const root of roots) visit(root, true);
}

// ---- the Kustomization's Crossplane section ------------------------------------------------

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
  role: Role;
}

/** The Composition a claim or XR uses (through its XR for a claim; the claim's own ref while unbound). */
export function compositionNameOf(index: ClusterIndex, resource: Resource): string | undefined {
  const role = index.role(resource);
  if (role === 'composite') return compositionRefOf(index, resource);
  if (role === 'claim') {
    const xr = claimResourceRef(index, resource)?.resource;
    return (
      (xr && compositionRefOf(index, xr)) ||
      stringField(resource.raw, 'spec', 'compositionRef', 'name')
    );
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
  const byRole = (roles: Role[]) => entries.filter(entry => roles.includes(entry.role));

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

// ---- any object: up and down ---------------------------------------------------------------

export interface ChainLink {
  ref: ObjectRef;
  resource?: Resource;
  /** How the object below hangs from this one. */
  relation: 'controller' | 'claim' | 'composition' | 'package';
  status: HealthSummary;
}

/**
 * The chain above an object, nearest first: its controller owner (the XR
 * that composed it), a legacy XR's claim, a revision's Composition or
 * package; repeated up to the top.
 */
export function ownerChain(index: ClusterIndex, resource: Resource, maxDepth = 32): ChainLink[] {
  const chain: ChainLink[] = [];
  const seen = new Set<string>([resource.key]);
  let current: Resource | undefined = resource;
  while (current && chain.length < maxDepth) {
    const next = parentLink(index, current);
    if (!next) break;
    const key = refKey(next.ref);
    if (seen.has(key)) break;
    seen.add(key);
    const looked = lookUp(index, next.ref);
    chain.push({ ...next, resource: looked.resource, status: looked.status });
    current = looked.resource;
  }
  return chain;
}

function parentLink(
  index: ClusterIndex,
  resource: Resource
): { ref: ObjectRef; relation: ChainLink['relation'] } | undefined {
  const controller = controllerOf(index, resource);
  if (controller) return { ref: controller.ref, relation: 'controller' };
  const role = index.role(resource);
  if (role === 'composite') {
    const claim = xrClaimRef(index, resource);
    if (claim) return { ref: claim.ref, relation: 'claim' };
  }
  if (role === 'composition-revision') {
    const name = resource.labels['crossplane.io/composition-name'];
    if (name)
      return {
        ref: {
          cluster: resource.cluster,
          group: XP_APIEXTENSIONS_GROUP,
          kind: 'Composition',
          namespace: '',
          name,
        },
        relation: 'composition',
      };
  }
  if (role === 'package-revision') {
    const name = resource.labels['pkg.crossplane.io/package'];
    const kind = packageKindOfRevision(resource.kind);
    if (name && kind)
      return {
        ref: { cluster: resource.cluster, group: XP_PKG_GROUP, kind, namespace: '', name },
        relation: 'package',
      };
  }
  return undefined;
}

/** The tree below any Crossplane object (the object itself is the root), root causes marked. */
export function objectTree(
  index: ClusterIndex,
  resource: Resource,
  options: TreeOptions = {}
): XpNode {
  const root = finish(fromJoin(index, joinTree(index, resource, { followKustomizations: false })));
  markRootCauses([root], options.diagnosed);
  return root;
}

// ---- what is on screen ---------------------------------------------------------------------

export interface NodeRow {
  type: 'node';
  node: XpNode;
  depth: number;
  expanded: boolean;
}

export interface MoreRow {
  type: 'more';
  /** The parent whose children are windowed (`''` for the top level). */
  parentId: string;
  depth: number;
  shown: number;
  remaining: number;
}

export type TreeRow = NodeRow | MoreRow;

export const TREE_PAGE_SIZE = 50;

/** Open by default: headings at the top, and every branch with something failing or missing in it. */
export function openByDefault(node: XpNode, depth: number): boolean {
  if (node.group) return depth === 0 || UNHEALTHY.has(node.worst) || node.children.length <= 5;
  return UNHEALTHY.has(node.worst) || node.worst === 'deleting';
}

/**
 * The rows on screen: expanded nodes' children, each list cut to its window
 * (`shown(parentId)`, TREE_PAGE_SIZE by default) with a "more" row after it.
 * Rows are built lazily per expanded node, so a collapsed subtree costs nothing.
 */
export function visibleRows(
  roots: XpNode[],
  isOpen: (node: XpNode, depth: number) => boolean = openByDefault,
  shown: (parentId: string) => number = () => TREE_PAGE_SIZE
): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: XpNode[], parentId: string, depth: number) => {
    const limit = Math.max(1, shown(parentId));
    const visible = nodes.slice(0, limit);
    for (const node of visible) {
      const expanded = node.children.length > 0 && isOpen(node, depth);
      rows.push({ type: 'node', node, depth, expanded });
      if (expanded) walk(node.children, node.id, depth + 1);
    }
    if (nodes.length > visible.length) {
      rows.push({
        type: 'more',
        parentId,
        depth,
        shown: visible.length,
        remaining: nodes.length - visible.length,
      });
    }
  };
  walk(roots, '', 0);
  return rows;
}

/** The ids on the path from the top to every root cause, to open a failing branch in one click. */
export function pathsToRootCauses(roots: XpNode[]): Set<string> {
  const ids = new Set<string>();
  const walk = (node: XpNode, path: string[]): boolean => {
    let found = node.rootCause;
    for (const child of node.children) if (walk(child, [...path, node.id])) found = true;
    if (found) for (const id of [...path, node.id]) ids.add(id);
    return found;
  };
  for (const root of roots) walk(root, []);
  return ids;
}
