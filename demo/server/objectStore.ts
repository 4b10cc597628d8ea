/**
 * What one in-memory cluster holds: its objects by kind, the resourceVersion
 * every write moves on, the log of recent changes that watches resume from,
 * and what the server owns in an object (uid, creationTimestamp, generation,
 * resourceVersion). Every change, from the API or from a controller, goes
 * through `write`.
 */
import { randomUUID } from 'node:crypto';
import { notFound } from './apiErrors';
import { groupVersion, ResourceType, typeKey } from './resourceTypes';
import { ServedTypes } from './servedTypes';

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata: Record<string, unknown> & {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    generation?: number;
  };
};

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: WatchEventType;
  resourceType: ResourceType;
  object: KubeObject;
  previous?: KubeObject;
}

/** One change as the log keeps it: with the resourceVersion it made. */
export interface LogEntry extends Change {
  rv: number;
}

/** Where an object is kept within its kind: `namespace/name` (`/name` when cluster-scoped). */
export function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** A copy of a stored object as a client reads it at one version of its kind. */
export function presented(object: KubeObject, type: ResourceType, version: string): KubeObject {
  const copy = structuredClone(object);
  copy.apiVersion = groupVersion(type.group, version);
  copy.kind = type.kind;
  return copy;
}

export class ObjectStore {
  readonly types = new ServedTypes();
  private objects = new Map<string, Map<string, KubeObject>>();
  private lastRevision = 1;
  private entries: LogEntry[] = [];
  private listeners: Array<(change: Change) => void> = [];

  constructor(
    private readonly name: string,
    /** Watch events kept for resuming watches from an older resourceVersion. */
    readonly logLimit: number,
    /** Where each change goes before the listeners: the open watches. */
    private readonly deliver: (entry: LogEntry) => void
  ) {}

  /**
   * Makes the store hold exactly these objects (scenario data): adds what is
   * missing, restores what changed, deletes what is extra, each through a
   * watch event, so open pages follow a reset. Objects keep their uid.
   */
  reset(objects: readonly Record<string, unknown>[]): void {
    // CRDs first, so the kinds they define exist for the rest.
    const sorted = [...objects].sort(
      (a, b) =>
        Number(b.kind === 'CustomResourceDefinition') -
        Number(a.kind === 'CustomResourceDefinition')
    );
    const wanted = new Set<string>();
    for (const raw of sorted) {
      const object = structuredClone(raw) as KubeObject;
      const type = this.types.forObject(object);
      if (!type)
        throw new Error(`${this.name}: no served kind for ${object.apiVersion} ${object.kind}`);
      object.metadata ??= {} as KubeObject['metadata'];
      if (!type.namespaced) delete object.metadata.namespace;
      const key = objectKey(object);
      wanted.add(`${typeKey(type)}|${key}`);
      const current = this.stored(type, key);
      if (current) {
        object.metadata.uid ??= current.metadata.uid;
        object.metadata.creationTimestamp ??= current.metadata.creationTimestamp;
      }
      this.stamp(object, type);
      if (current) {
        const before = {
          ...current,
          metadata: { ...current.metadata, resourceVersion: undefined },
        };
        if (stableStringify(before) === stableStringify(object)) continue;
      }
      this.write(type, object, current, { keepGeneration: true });
    }
    for (const [key, bucket] of [...this.objects.entries()]) {
      const type = this.types.byKey(key);
      for (const [storedKey, object] of [...bucket.entries()]) {
        if (wanted.has(`${key}|${storedKey}`)) continue;
        if (type) this.write(type, undefined, object, { deleted: true });
        else bucket.delete(storedKey);
      }
    }
  }

  onChange(listener: (change: Change) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter(other => other !== listener);
    };
  }

  /** A copy of one object. */
  get(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string
  ): KubeObject | undefined {
    const found = this.stored({ group, plural }, `${namespace ?? ''}/${name}`);
    return found ? structuredClone(found) : undefined;
  }

  /** Copies of every object of a kind. */
  list(group: string, plural: string): KubeObject[] {
    return [...this.objectsOf({ group, plural })].map(object => structuredClone(object));
  }

  /**
   * Changes an object as a controller would (no RBAC), through the same path
   * as API writes: new resourceVersion, watch event, listeners.
   */
  mutate(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
    change: (object: KubeObject) => void
  ): KubeObject | undefined {
    const type = this.types.find(group, plural);
    const current = type && this.stored(type, `${namespace ?? ''}/${name}`);
    if (!type || !current) return undefined;
    const next = structuredClone(current);
    change(next);
    return this.write(type, next, current);
  }

  /** Adds an object as a controller would (e.g. an Event). */
  create(object: Record<string, unknown>): KubeObject {
    const copy = structuredClone(object) as KubeObject;
    const type = this.types.forObject(copy);
    if (!type) throw new Error(`no served kind for ${copy.apiVersion} ${copy.kind}`);
    this.stamp(copy, type);
    return this.write(type, copy, undefined);
  }

  /** The resourceVersion of the last write. */
  get revision(): number {
    return this.lastRevision;
  }

  /** The recent changes, oldest first (at most `logLimit`). */
  get log(): readonly LogEntry[] {
    return this.entries;
  }

  /** The stored objects of a kind themselves (not copies), in the order they were added. */
  objectsOf(type: Pick<ResourceType, 'group' | 'plural'>): Iterable<KubeObject> {
    return this.objects.get(typeKey(type))?.values() ?? [];
  }

  /** The stored object itself (not a copy) under its `objectKey`. */
  stored(type: Pick<ResourceType, 'group' | 'plural'>, key: string): KubeObject | undefined {
    return this.objects.get(typeKey(type))?.get(key);
  }

  /** The stored object a request names, or the API server's 404 for it. */
  existing(
    type: ResourceType,
    namespace: string | undefined,
    name: string | undefined
  ): KubeObject {
    const found = this.stored(type, `${type.namespaced ? namespace ?? '' : ''}/${name ?? ''}`);
    if (!found) throw notFound(type, name ?? '');
    return found;
  }

  /** Fills what the server owns in metadata. */
  stamp(object: KubeObject, type: ResourceType): void {
    const metadata = object.metadata ?? ({} as KubeObject['metadata']);
    object.metadata = metadata;
    if (!type.namespaced) delete metadata.namespace;
    metadata.uid ??= randomUUID();
    metadata.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (!type.builtin || type.plural === 'customresourcedefinitions') metadata.generation ??= 1;
  }

  /** Stores a new state of an object (or deletes it) and tells watchers and listeners. */
  write(
    type: ResourceType,
    object: KubeObject | undefined,
    previous: KubeObject | undefined,
    { deleted = false, keepGeneration = false } = {}
  ): KubeObject {
    const rv = ++this.lastRevision;
    const bucket = this.bucket(type);
    let stored: KubeObject;
    let eventType: WatchEventType;
    if (deleted && previous) {
      bucket.delete(objectKey(previous));
      stored = structuredClone(previous);
      stored.metadata.resourceVersion = String(rv);
      eventType = 'DELETED';
    } else if (object) {
      stored = object;
      stored.metadata.resourceVersion = String(rv);
      if (previous && !keepGeneration && changedBeyond(previous, stored, type)) {
        stored.metadata.generation = Number(previous.metadata.generation ?? 1) + 1;
      }
      bucket.set(objectKey(stored), stored);
      eventType = previous ? 'MODIFIED' : 'ADDED';
    } else throw new Error('write without object');
    if (type.plural === 'customresourcedefinitions')
      this.types.updateFromCrd(previous, eventType === 'DELETED' ? undefined : stored);
    const entry: LogEntry = { rv, type: eventType, resourceType: type, object: stored, previous };
    this.entries.push(entry);
    if (this.entries.length > this.logLimit)
      this.entries.splice(0, this.entries.length - this.logLimit);
    this.deliver(entry);
    for (const listener of this.listeners) listener({ ...entry });
    return structuredClone(stored);
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    const key = typeKey(type);
    let bucket = this.objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    return bucket;
  }
}

/** Whether anything but metadata (and, with a status subresource, status) changed: generation moves. */
function changedBeyond(previous: KubeObject, next: KubeObject, type: ResourceType): boolean {
  const strip = (object: KubeObject) => {
    const copy: Record<string, unknown> = { ...object };
    delete copy.metadata;
    delete copy.apiVersion;
    delete copy.kind;
    if (type.subresources.includes('status')) delete copy.status;
    return copy;
  };
  return stableStringify(strip(previous)) !== stableStringify(strip(next));
}

/** JSON with object keys sorted and undefined members left out: equal objects, equal text. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .filter(key => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map(
        key => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
