import { asObject, asString, field, JsonObject } from '../model/json';

/**
 * JSON merge patch (RFC 7386) and JSON Patch (RFC 6902) on plain JSON values: the one
 * implementation the validator (kustomize patches), the demo's API and the test fakes use.
 */

export class PatchError extends Error {}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * RFC 7386 merge into a copy of the target; `null` removes a key, and the result shares
 * nothing with the patch. Keys in `ignoredKeys` (kustomize's `$patch` directive) are dropped.
 */
export function mergePatch(
  target: unknown,
  patch: unknown,
  ignoredKeys: ReadonlySet<string> = NO_KEYS
): unknown {
  const patchObject = asObject(patch);
  if (!patchObject) return clone(patch);
  const result: JsonObject = { ...(asObject(target) ?? {}) };
  for (const [key, value] of Object.entries(patchObject)) {
    if (ignoredKeys.has(key)) continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value, ignoredKeys);
  }
  return result;
}

const NO_KEYS: ReadonlySet<string> = new Set();

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = JsonObject | unknown[];

/** One step down a pointer: an array index or an object key that must exist. */
function child(node: unknown, part: string, pointer: string): unknown {
  if (Array.isArray(node)) {
    const index = Number(part);
    if (!/^\d+$/.test(part) || index >= node.length)
      throw new PatchError(`path "${pointer}" does not exist`);
    return node[index];
  }
  const object = asObject(node);
  if (!object || !(part in object)) throw new PatchError(`path "${pointer}" does not exist`);
  return object[part];
}

function parentOf(root: unknown, parts: string[], pointer: string): Container {
  let node: unknown = root;
  for (const part of parts.slice(0, -1)) node = child(node, part, pointer);
  if (Array.isArray(node)) return node;
  const object = asObject(node);
  if (!object) throw new PatchError(`path "${pointer}" does not exist`);
  return object;
}

function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const part of decodePointer(pointer)) node = child(node, part, pointer);
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

/** Applies RFC 6902 operations to a copy of the document; a failing operation throws PatchError. */
export function jsonPatch(document: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch is a list of operations');
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
