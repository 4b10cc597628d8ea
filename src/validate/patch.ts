import { asObject, asString, field, JsonObject, stringMap } from '../model/json';
import { splitApiVersion } from '../model/resource';

/**
 * The patch kinds kustomize and Flux apply: RFC 6902 JSON patches, and
 * strategic-merge patches. A strategic merge on a custom resource is a JSON
 * merge patch (RFC 7386): custom resources have no merge keys, so lists are
 * replaced. Built-in kinds would merge some lists by key; the validator does
 * not schema-check built-in kinds, so the approximation does not change a
 * verdict. The `$patch: delete` directive removes the target.
 */

export class PatchError extends Error {}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** RFC 7386 merge; `null` removes a key. Directives (`$patch`) are dropped. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  const patchObject = asObject(patch);
  if (!patchObject) return clone(patch);
  const result: JsonObject = { ...(asObject(target) ?? {}) };
  for (const [key, value] of Object.entries(patchObject)) {
    if (key === '$patch') continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = JsonObject | unknown[];

function parentOf(root: unknown, parts: string[], pointer: string): Container {
  let node: unknown = root;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(node)) {
      const index = Number(part);
      if (!/^\d+$/.test(part) || index >= node.length)
        throw new PatchError(`path "${pointer}" does not exist`);
      node = node[index];
    } else {
      const object = asObject(node);
      if (!object || !(part in object)) throw new PatchError(`path "${pointer}" does not exist`);
      node = object[part];
    }
  }
  if (Array.isArray(node)) return node;
  const object = asObject(node);
  if (!object) throw new PatchError(`path "${pointer}" does not exist`);
  return object;
}

function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const part of decodePointer(pointer)) {
    if (Array.isArray(node)) {
      const index = Number(part);
      if (!/^\d+$/.test(part) || index >= node.length)
        throw new PatchError(`path "${pointer}" does not exist`);
      node = node[index];
    } else {
      const object = asObject(node);
      if (!object || !(part in object)) throw new PatchError(`path "${pointer}" does not exist`);
      node = object[part];
    }
  }
  return node;
}

function arrayIndex(array: unknown[], part: string, pointer: string, forAdd: boolean): number {
  if (forAdd && part === '-') return array.length;
  const index = Number(part);
  const limit = forAdd ? array.length : array.length - 1;
  if (!/^\d+$/.test(part) || index > limit)
    throw new PatchError(`path "${pointer}" is out of range`);
  return index;
}

function removeAt(root: unknown, pointer: string): unknown {
  const parts = decodePointer(pointer);
  if (parts.length === 0) throw new PatchError('cannot remove the whole document');
  const parent = parentOf(root, parts, pointer);
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, pointer, false);
    return parent.splice(index, 1)[0];
  }
  if (!(last in parent)) throw new PatchError(`path "${pointer}" does not exist`);
  const value = parent[last];
  delete parent[last];
  return value;
}

function addAt(root: unknown, pointer: string, value: unknown, replace: boolean): unknown {
  const parts = decodePointer(pointer);
  if (parts.length === 0) return clone(value);
  const parent = parentOf(root, parts, pointer);
  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, pointer, !replace);
    if (replace) parent[index] = clone(value);
    else parent.splice(index, 0, clone(value));
  } else {
    if (replace && !(last in parent)) throw new PatchError(`path "${pointer}" does not exist`);
    parent[last] = clone(value);
  }
  return root;
}

/** Applies RFC 6902 operations to a copy of the document. */
export function jsonPatch(document: unknown, operations: unknown[]): unknown {
  let root = clone(document);
  for (const operation of operations) {
    const op = asString(field(operation, 'op'));
    const path = asString(field(operation, 'path'));
    if (!op || path === undefined) throw new PatchError('each operation needs "op" and "path"');
    const value = field(operation, 'value');
    switch (op) {
      case 'add':
        root = addAt(root, path, value, false);
        break;
      case 'replace':
        root = addAt(root, path, value, true);
        break;
      case 'remove':
        removeAt(root, path);
        break;
      case 'move': {
        const from = asString(field(operation, 'from'));
        if (from === undefined) throw new PatchError('"move" needs "from"');
        const moved = removeAt(root, from);
        root = addAt(root, path, moved, false);
        break;
      }
      case 'copy': {
        const from = asString(field(operation, 'from'));
        if (from === undefined) throw new PatchError('"copy" needs "from"');
        root = addAt(root, path, getAt(root, from), false);
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(root, path)) !== JSON.stringify(value))
          throw new PatchError(`test failed at "${path}"`);
        break;
      default:
        throw new PatchError(`unknown operation "${op}"`);
    }
  }
  return root;
}

/** A patch target: the fields of kustomize's selector. Names, namespaces and kinds are anchored regular expressions. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export function selectorOf(value: unknown): Selector | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  const selector: Selector = {};
  for (const key of [
    'group',
    'version',
    'kind',
    'name',
    'namespace',
    'labelSelector',
    'annotationSelector',
  ] as const) {
    const text = asString(object[key]);
    if (text !== undefined && text !== '') selector[key] = text;
  }
  return selector;
}

function anchored(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/** Kubernetes label selector syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`. */
export function matchesLabelSelector(selector: string, labels: Record<string, string>): boolean {
  const requirements: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      requirements.push(current);
      current = '';
    } else current += char;
  }
  requirements.push(current);
  return requirements
    .map(requirement => requirement.trim())
    .filter(requirement => requirement !== '')
    .every(requirement => {
      const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(requirement);
      if (set) {
        const values = set[3].split(',').map(item => item.trim());
        const has = set[1] in labels && values.includes(labels[set[1]]);
        return set[2] === 'in' ? has : !has;
      }
      const inequality = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(requirement);
      if (inequality) return labels[inequality[1]] !== inequality[2].trim();
      const equality = /^([^!=\s]+)\s*==?\s*(.*)$/.exec(requirement);
      if (equality) return labels[equality[1]] === equality[2].trim();
      if (requirement.startsWith('!')) return !(requirement.slice(1).trim() in labels);
      return requirement in labels;
    });
}

/** A name and namespace an object has had: kustomize matches patches against the current one and every earlier one. */
export interface ObjectId {
  name: string;
  namespace: string;
}

export function idOf(object: JsonObject): ObjectId {
  return {
    name: asString(field(object, 'metadata', 'name')) ?? '',
    namespace: asString(field(object, 'metadata', 'namespace')) ?? '',
  };
}

export function matchesSelector(
  selector: Selector,
  object: JsonObject,
  previous: readonly ObjectId[] = []
): boolean {
  const { group, version } = splitApiVersion(asString(object.apiVersion));
  const kind = asString(object.kind) ?? '';
  if (selector.group !== undefined && !anchored(selector.group, group)) return false;
  if (selector.version !== undefined && !anchored(selector.version, version)) return false;
  if (selector.kind !== undefined && !anchored(selector.kind, kind)) return false;
  const idMatches = ({ name, namespace }: ObjectId): boolean =>
    (selector.name === undefined || anchored(selector.name, name)) &&
    (selector.namespace === undefined || anchored(selector.namespace, namespace));
  if (![idOf(object), ...previous].some(idMatches)) return false;
  if (
    selector.labelSelector !== undefined &&
    !matchesLabelSelector(selector.labelSelector, stringMap(field(object, 'metadata', 'labels')))
  )
    return false;
  if (
    selector.annotationSelector !== undefined &&
    !matchesLabelSelector(
      selector.annotationSelector,
      stringMap(field(object, 'metadata', 'annotations'))
    )
  )
    return false;
  return true;
}

/**
 * The implicit target of a strategic-merge patch without `target`: the object
 * of its group, version, kind and name, in its namespace, where no namespace
 * means `default` on both sides (kustomize's effective namespace); the
 * object's current id or any earlier one (before a prefix or a namespace).
 */
export function matchesPatchIdentity(
  patch: JsonObject,
  object: JsonObject,
  previous: readonly ObjectId[] = []
): boolean {
  const want = splitApiVersion(asString(patch.apiVersion));
  const have = splitApiVersion(asString(object.apiVersion));
  if (asString(patch.kind) !== asString(object.kind)) return false;
  if (want.group !== have.group || (want.version && want.version !== have.version)) return false;
  const name = asString(field(patch, 'metadata', 'name')) ?? '';
  const effective = (namespace: string): string => namespace || 'default';
  const namespace = effective(asString(field(patch, 'metadata', 'namespace')) ?? '');
  return [idOf(object), ...previous].some(
    id => id.name === name && effective(id.namespace) === namespace
  );
}
