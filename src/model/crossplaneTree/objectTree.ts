import { ClusterIndex } from '../clusterIndex';
import { controllerOf, xrClaimRef } from '../crossplane';
import { HealthSummary } from '../health';
import { joinTree, lookUp } from '../join';
import { packageKindOfRevision, XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from '../kinds';
import { ObjectRef, refKey, Resource } from '../resource';
import { finish, fromJoin } from './build';
import { markRootCauses } from './marks';
import { TreeOptions, XpNode } from './types';

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
