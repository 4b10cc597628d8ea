import { asArray, field, stringField } from './json';
import { ObjectRef } from './resource';

/**
 * Flux inventory ids: `<namespace>_<name>_<group>_<kind>`.
 * Cluster-scoped objects have an empty namespace (the id starts with `_`),
 * core kinds an empty group (`default_app__ConfigMap`), and each `:` in a
 * name is written as `__` (`_system__foo_rbac.authorization.k8s.io_ClusterRole`).
 * Parsing goes from both ends: namespace is up to the first `_`, kind after
 * the last, group before that; whatever is left in the middle is the name.
 */
export interface InventoryId {
  namespace: string;
  name: string;
  group: string;
  kind: string;
}

export interface InventoryEntry extends InventoryId {
  /** The id exactly as Flux wrote it. */
  id: string;
  /** The version Flux recorded (`v`), possibly empty. */
  version: string;
}

export function parseInventoryId(id: string): InventoryId | undefined {
  const first = id.indexOf('_');
  if (first < 0) return undefined;
  const namespace = id.slice(0, first);
  let rest = id.slice(first + 1);
  const lastSeparator = rest.lastIndexOf('_');
  if (lastSeparator < 0) return undefined;
  const kind = rest.slice(lastSeparator + 1);
  rest = rest.slice(0, lastSeparator);
  const groupSeparator = rest.lastIndexOf('_');
  if (groupSeparator < 0) return undefined;
  const group = rest.slice(groupSeparator + 1);
  const encodedName = rest.slice(0, groupSeparator);
  if (!kind || !encodedName) return undefined;
  return { namespace, name: encodedName.split('__').join(':'), group, kind };
}

export function formatInventoryId(ref: InventoryId): string {
  return `${ref.namespace}_${ref.name.split(':').join('__')}_${ref.group}_${ref.kind}`;
}

export interface ParsedInventory {
  entries: InventoryEntry[];
  /** Ids that could not be parsed, kept so they can be shown verbatim. */
  unparsed: string[];
}

/** Reads `status.inventory.entries[]` of a Kustomization (or any value). */
export function parseInventory(inventory: unknown): ParsedInventory {
  const entries: InventoryEntry[] = [];
  const unparsed: string[] = [];
  for (const item of asArray(field(inventory, 'entries'))) {
    const id = stringField(item, 'id');
    if (id === undefined) continue;
    const parsed = parseInventoryId(id);
    if (!parsed) {
      unparsed.push(id);
      continue;
    }
    entries.push({ ...parsed, id, version: stringField(item, 'v') ?? '' });
  }
  return { entries, unparsed };
}

export function inventoryEntryRef(entry: InventoryEntry, cluster: string): ObjectRef {
  return {
    cluster,
    group: entry.group,
    kind: entry.kind,
    namespace: entry.namespace,
    name: entry.name,
    version: entry.version || undefined,
  };
}
