import { ObjectRef } from '../resource';
import { branchHealth, UNHEALTHY } from './build';
import { DiagnosedAs, XpNode } from './types';

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
