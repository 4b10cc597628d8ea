/**
 * The kinds one in-memory cluster serves right now: the built-in ones plus
 * one per CustomResourceDefinition it holds, kept up to date as CRDs are
 * written and deleted, with the look-ups routing and discovery need.
 */
import { BUILTIN_TYPES, ResourceType, typeFromCrd, typeKey } from './resourceTypes';

export class ServedTypes {
  private types = new Map<string, ResourceType>();
  /** `group|kind` → type, and group → its types: kept with `types` (clusters serve thousands of kinds). */
  private typesByKind = new Map<string, ResourceType>();
  private typesByGroup: Map<string, ResourceType[]> | undefined;

  constructor() {
    for (const type of BUILTIN_TYPES) this.types.set(typeKey(type), type);
    this.index();
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** By `typeKey` (`group/plural`). */
  byKey(key: string): ResourceType | undefined {
    return this.types.get(key);
  }

  find(group: string, plural: string): ResourceType | undefined {
    return this.types.get(typeKey({ group, plural }));
  }

  /** The kind an object names with its apiVersion (only the group counts) and kind. */
  forObject(object: { apiVersion?: unknown; kind?: unknown }): ResourceType | undefined {
    const apiVersion = String(object.apiVersion ?? '');
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
    return this.typesByKind.get(`${group}|${String(object.kind)}`);
  }

  ofGroup(group: string): ResourceType[] {
    if (!this.typesByGroup) {
      const byGroup = new Map<string, ResourceType[]>();
      for (const type of this.types.values()) {
        const list = byGroup.get(type.group) ?? [];
        list.push(type);
        byGroup.set(type.group, list);
      }
      this.typesByGroup = byGroup;
    }
    return this.typesByGroup.get(group) ?? [];
  }

  /** Every version some kind of the group is served at. */
  versionsOf(group: string): string[] {
    const versions = new Set<string>();
    for (const type of this.ofGroup(group))
      for (const version of type.versions) versions.add(version);
    return [...versions];
  }

  /** The named API groups (not the core group), sorted. */
  groupNames(): string[] {
    const groups = new Set<string>();
    for (const type of this.types.values()) if (type.group) groups.add(type.group);
    return [...groups].sort();
  }

  /** One CRD written or deleted: the kind it defined goes, the kind it defines now comes. */
  updateFromCrd(previous: unknown, next: unknown): void {
    const before = previous ? typeFromCrd(previous) : undefined;
    if (before && !this.types.get(typeKey(before))?.builtin) this.types.delete(typeKey(before));
    const after = next ? typeFromCrd(next) : undefined;
    if (after && after.versions.length && !this.types.get(typeKey(after))?.builtin)
      this.types.set(typeKey(after), after);
    this.index();
  }

  private index(): void {
    this.typesByKind = new Map(
      [...this.types.values()].map(type => [`${type.group}|${type.kind}`, type])
    );
    this.typesByGroup = undefined;
  }
}
