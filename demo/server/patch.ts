/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902), on plain JSON values. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export class PatchError extends Error {}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: Json, parts: string[]): { parent: Json; key: string } {
  let current = document;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isObject(current)) current = current[part];
    else throw new PatchError(`path not found: /${parts.join('/')}`);
    if (current === undefined) throw new PatchError(`path not found: /${parts.join('/')}`);
  }
  return { parent: current, key: parts[parts.length - 1] };
}

function get(document: Json, parts: string[]): Json | undefined {
  if (parts.length === 0) return document;
  const { parent, key } = parentOf(document, parts);
  if (Array.isArray(parent)) return parent[Number(key)];
  return isObject(parent) ? parent[key] : undefined;
}

function remove(document: Json, parts: string[]): Json | undefined {
  const { parent, key } = parentOf(document, parts);
  if (Array.isArray(parent)) {
    const index = Number(key);
    if (!(index in parent)) throw new PatchError(`path not found: /${parts.join('/')}`);
    return parent.splice(index, 1)[0];
  }
  if (!isObject(parent) || !(key in parent))
    throw new PatchError(`path not found: /${parts.join('/')}`);
  const value = parent[key];
  delete parent[key];
  return value;
}

function add(document: Json, parts: string[], value: Json): Json {
  if (parts.length === 0) return value;
  const { parent, key } = parentOf(document, parts);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!(index >= 0 && index <= parent.length))
      throw new PatchError(`index out of range: /${parts.join('/')}`);
    parent.splice(index, 0, value);
  } else if (isObject(parent)) parent[key] = value;
  else throw new PatchError(`path not found: /${parts.join('/')}`);
  return document;
}

export function jsonPatch(target: Json, operations: unknown): Json {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch is a list of operations');
  let document = structuredClone(target);
  for (const operation of operations as Operation[]) {
    const parts = pointer(operation.path);
    switch (operation.op) {
      case 'add':
        document = add(document, parts, structuredClone(operation.value ?? null));
        break;
      case 'remove':
        remove(document, parts);
        break;
      case 'replace':
        remove(document, parts);
        document = add(document, parts, structuredClone(operation.value ?? null));
        break;
      case 'move': {
        const value = remove(document, pointer(operation.from ?? ''));
        document = add(document, parts, value ?? null);
        break;
      }
      case 'copy':
        document = add(
          document,
          parts,
          structuredClone(get(document, pointer(operation.from ?? '')) ?? null)
        );
        break;
      case 'test':
        if (JSON.stringify(get(document, parts)) !== JSON.stringify(operation.value))
          throw new PatchError(`test failed at ${operation.path}`);
        break;
      default:
        throw new PatchError(`unknown operation ${JSON.stringify(operation.op)}`);
    }
  }
  return document;
}
