import { UNHEALTHY, XpNode } from '../model/crossplaneTree';

/** The Crossplane tree's rows on screen: which branches are open, and each list's window. */

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
