import { ClusterIndex, ObjectRole } from './clusterIndex';
import {
  activeRevisionOf,
  claimResourceRef,
  composedRefs,
  compositionsOfXrd,
  pipelineOf,
  providerConfigOf,
  providerForGroup,
  ResolvedRef,
} from './crossplane';
import { kindIsRead } from './crossplaneRole';
import { kustomizationSourceRef } from './fluxSpec';
import { healthOf, HealthSummary } from './health';
import { inventoryEntryRef } from './inventory';
import { XP_PKG_GROUP } from './kinds';
import { ObjectRef, refKey, refOf, Resource } from './resource';

/** How a node hangs from its parent. */
export type Relation =
  | 'root'
  | 'inventory'
  | 'composition'
  | 'function'
  | 'package-revision'
  | 'claim-resource'
  | 'composed'
  | 'provider-config'
  | 'provider';

/**
 * `found`: the object is in the index. `missing`: it was looked for in a kind
 * that could be read and is not there. `not-visible`: its kind could not be
 * read (403, CRD missing, list failed), so nothing can be said about it.
 */
export type Presence = 'found' | 'missing' | 'not-visible';

export interface JoinNode {
  /** Unique within one tree (path-based), for React keys and virtualized rows. */
  id: string;
  ref: ObjectRef;
  resource?: Resource;
  presence: Presence;
  role: ObjectRole | 'unknown';
  relation: Relation;
  status: HealthSummary;
  children: JoinNode[];
  /** Set when the walk stopped here: the object was already shown higher up. */
  repeated?: boolean;
}

export interface JoinOptions {
  /** Follow nested Kustomizations' inventories too (like `flux tree`). Default true. */
  followKustomizations?: boolean;
  /** Safety net for hostile data; default 64 levels. */
  maxDepth?: number;
}

/** Presence and state of a referenced object, found or not: the one place that tells missing from not visible. */
export function lookUp(
  index: ClusterIndex,
  ref: ObjectRef
): { resource?: Resource; presence: Presence; status: HealthSummary } {
  const resolved = { ref, resource: index.get(ref) };
  const presence = presenceOf(index, resolved);
  return { resource: resolved.resource, presence, status: statusFor(index, resolved, presence) };
}

/**
 * Found, or why not: a kind that could not be listed (403, CRD missing, error) or that this
 * product does not read at all (a ConfigMap in an inventory) is not visible — unknown —
 * and only an object of a kind that was read and is not there is missing.
 */
function presenceOf(index: ClusterIndex, resolved: ResolvedRef): Presence {
  if (resolved.resource) return 'found';
  const { cluster, group, kind, namespace } = resolved.ref;
  if (index.gapFor(cluster, group, kind, namespace || undefined)) return 'not-visible';
  return kindIsRead(index, resolved.ref) ? 'missing' : 'not-visible';
}

/**
 * The plugin's own status messages for an object it could not read (the CLI prints them; the
 * UI recognizes them and says them in the reader's language, src/views/common/gapText.ts).
 */
export const PENDING_MESSAGE = 'Its list is still being read.';
export const NOT_READ_MESSAGE = 'This kind is not read by this plugin.';

function statusFor(index: ClusterIndex, resolved: ResolvedRef, presence: Presence): HealthSummary {
  if (resolved.resource) return healthOf(index, resolved.resource);
  if (presence === 'not-visible') {
    const gap = index.gapFor(
      resolved.ref.cluster,
      resolved.ref.group,
      resolved.ref.kind,
      resolved.ref.namespace || undefined
    );
    if (gap?.reason === 'pending')
      return { health: 'unknown', reason: 'Pending', message: PENDING_MESSAGE };
    return gap
      ? { health: 'not-visible', reason: gap.reason, message: gap.message }
      : {
          health: 'not-visible',
          reason: 'NotRead',
          message: NOT_READ_MESSAGE,
        };
  }
  return { health: 'missing', reason: 'NotFound', message: '' };
}

class TreeBuilder {
  private readonly onPath = new Set<string>();

  constructor(
    private readonly index: ClusterIndex,
    private readonly options: Required<JoinOptions>
  ) {}

  node(
    resolved: ResolvedRef,
    relation: Relation,
    parentId: string,
    depth: number,
    position = 0
  ): JoinNode {
    const presence = presenceOf(this.index, resolved);
    const key = refKey(resolved.ref);
    // Root: the object's key; below it, the path of child positions (short, unique, stable per data).
    const id = parentId ? `${parentId}/${position}` : key;
    const node: JoinNode = {
      id,
      ref: resolved.resource ? refOf(resolved.resource) : resolved.ref,
      resource: resolved.resource,
      presence,
      role: resolved.resource ? this.index.role(resolved.resource) : 'unknown',
      relation,
      status: statusFor(this.index, resolved, presence),
      children: [],
    };
    if (!resolved.resource) return node;
    if (this.onPath.has(key) || depth >= this.options.maxDepth) {
      node.repeated = true;
      return node;
    }
    this.onPath.add(key);
    node.children = this.expand(resolved.resource, id, depth + 1, relation);
    this.onPath.delete(key);
    return node;
  }

  private expand(resource: Resource, id: string, depth: number, relation: Relation): JoinNode[] {
    const index = this.index;
    const children: JoinNode[] = [];
    const add = (resolved: ResolvedRef | undefined, rel: Relation) => {
      if (resolved) children.push(this.node(resolved, rel, id, depth, children.length));
    };
    switch (index.role(resource)) {
      case 'kustomization':
        if (relation === 'root' || this.options.followKustomizations) {
          for (const entry of index.inventory(resource).entries) {
            const ref = inventoryEntryRef(entry, resource.cluster);
            add({ ref, resource: index.get(ref) }, 'inventory');
          }
        }
        break;
      case 'xrd':
        for (const composition of compositionsOfXrd(index, resource)) {
          add({ ref: refOf(composition), resource: composition }, 'composition');
        }
        break;
      case 'composition':
        for (const step of pipelineOf(index, resource)) {
          const ref = {
            cluster: resource.cluster,
            group: XP_PKG_GROUP,
            kind: 'Function',
            namespace: '',
            name: step.functionName,
          };
          add({ ref, resource: step.function }, 'function');
        }
        break;
      case 'package': {
        // Under a managed resource the Provider is a leaf: its revision is one click away, not repeated per MR.
        if (relation === 'provider') break;
        const revision = activeRevisionOf(index, resource);
        if (revision) add({ ref: refOf(revision), resource: revision }, 'package-revision');
        break;
      }
      case 'claim':
        add(claimResourceRef(index, resource), 'claim-resource');
        break;
      case 'composite':
        for (const composed of composedRefs(index, resource)) add(composed, 'composed');
        break;
      case 'managed': {
        const providerConfig = providerConfigOf(index, resource);
        add(providerConfig, 'provider-config');
        if (!providerConfig?.resource) this.addProvider(resource, add);
        break;
      }
      case 'provider-config':
        this.addProvider(resource, add);
        break;
      default:
        break;
    }
    return children;
  }

  private addProvider(
    resource: Resource,
    add: (resolved: ResolvedRef | undefined, rel: Relation) => void
  ): void {
    const provider = providerForGroup(this.index, resource.cluster, resource.group);
    if (provider) add({ ref: refOf(provider), resource: provider }, 'provider');
  }
}

/** The joined tree below any object: a Kustomization, an XRD, a claim, an XR, an MR… */
export function joinTree(index: ClusterIndex, root: Resource, options: JoinOptions = {}): JoinNode {
  const builder = new TreeBuilder(index, {
    followKustomizations: options.followKustomizations ?? true,
    maxDepth: options.maxDepth ?? 64,
  });
  return builder.node({ ref: refOf(root), resource: root }, 'root', '', 0);
}

/** Depth-first walk, parents before children. */
export function walkTree(
  node: JoinNode,
  visit: (node: JoinNode, depth: number) => void,
  depth = 0
): void {
  visit(node, depth);
  for (const child of node.children) walkTree(child, visit, depth + 1);
}

export function sourceRefOf(kustomizationOrRelease: Resource): ObjectRef | undefined {
  const source = kustomizationSourceRef(
    kustomizationOrRelease.raw,
    kustomizationOrRelease.namespace
  );
  if (!source) return undefined;
  return {
    cluster: kustomizationOrRelease.cluster,
    group: 'source.toolkit.fluxcd.io',
    kind: source.kind,
    namespace: source.namespace,
    name: source.name,
  };
}
