/**
 * One in-memory Kubernetes API server: discovery, list/get with label and
 * field selectors, watch from a resourceVersion (WebSocket or HTTP stream),
 * create, update, merge/JSON patch (objects and `/status`), delete, 404 for
 * kinds it does not serve, 403 where the caller's role says no, and the
 * self-subject reviews. Responses have the real server's shapes: `<Kind>List`
 * with `group/version` and `metadata.resourceVersion`, `Status` errors.
 *
 * The demo serves it over node HTTP (`serveHttp`, `watchSocket`); the
 * component tests through msw and a jsdom WebSocket, on the same core
 * (`respond`, `watch`). Test-only controls, which the demo never sets:
 * `faults`, `pageSizes`, `dropWatches`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Faults } from './faults';
import { Json, jsonPatch, mergePatch, PatchError } from './patch';
import {
  accessReviewStatus,
  allowed,
  forbiddenMessage,
  ResourceAttributes,
  rulesReviewStatus,
  User,
} from './rbac';
import { BUILTIN_TYPES, groupVersion, ResourceType, typeFromCrd, typeKey } from './resourceTypes';
import {
  FieldRequirement,
  fieldsMatch,
  LabelRequirement,
  labelsMatch,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';
import type { ServerWebSocket } from './webSocket';

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

interface LogEntry extends Change {
  rv: number;
}

interface Watcher {
  key: string;
  namespace?: string;
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  version: string;
  send(event: { type: string; object: unknown }): void;
  /** Ends the stream from the server's side (a dropped watch). */
  close(): void;
}

/** One request to the API, whatever carried it (node HTTP, msw in a component test). */
export interface ApiRequest {
  method: string;
  /** Relative to the cluster: `/apis/…`, `/api/…`, `/version`. */
  path: string;
  query: URLSearchParams;
  /** The raw body (empty when none). */
  body: Buffer;
  contentType?: string;
  user: User;
}

/** The answer to an `ApiRequest`: a status, a content type and the body's text. */
export interface ApiAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Where a watch's events go: `open` once the watch is allowed, before any event. */
export interface WatchSink {
  open?(): void;
  send(event: { type: string; object: unknown }): void;
  close(): void;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message);
  }

  status() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** An error as the API answers it: itself when it is an ApiError, else a 500. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(500, 'InternalError', error instanceof Error ? error.message : String(error));
}

const NOT_FOUND_PATH = () =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource');

/** What a request path names. */
type Route =
  | { kind: 'version' | 'api' | 'apis' | 'health' }
  | { kind: 'group'; group: string }
  | { kind: 'resources'; group: string; version: string }
  | {
      kind: 'resource';
      type: ResourceType;
      version: string;
      namespace?: string;
      name?: string;
      subresource?: string;
    };

export interface KubeApiOptions {
  name: string;
  /** The token-less caller: the identity the backend itself would use (a kubeconfig user). */
  defaultUser: string;
  /** Kubernetes version reported by /version. */
  gitVersion?: string;
  /** Watch events kept for resuming watches from an older resourceVersion. */
  logLimit?: number;
  /** What `pods/<name>/log` answers for one container (default: a line saying there is none). */
  podLogs?: (api: KubeApi, pod: KubeObject, container: string) => string;
}

export class KubeApi {
  readonly name: string;
  readonly defaultUser: string;
  private readonly gitVersion: string;
  private readonly logLimit: number;
  private readonly podLogs: NonNullable<KubeApiOptions['podLogs']>;
  private types = new Map<string, ResourceType>();
  /** `group|kind` → type, and group → its types: kept with `types` (clusters serve thousands of kinds). */
  private typesByKind = new Map<string, ResourceType>();
  private typesByGroup: Map<string, ResourceType[]> | undefined;
  private objects = new Map<string, Map<string, KubeObject>>();
  private revision = 1;
  private log: LogEntry[] = [];
  private watchers = new Set<Watcher>();
  private listeners: Array<(change: Change) => void> = [];
  /** Test-only answers in place of the real ones (see faults.ts); the demo adds none. */
  readonly faults = new Faults();
  /**
   * Test-only: the most items one page of a kind's list holds (`group/plural`
   * → size) when the client pages (sends `limit`), as a server may return
   * fewer than asked; the demo sets none.
   */
  readonly pageSizes = new Map<string, number>();

  constructor(options: KubeApiOptions) {
    this.name = options.name;
    this.defaultUser = options.defaultUser;
    this.gitVersion = options.gitVersion ?? 'v1.33.1';
    this.logLimit = options.logLimit ?? 20_000;
    this.podLogs = options.podLogs ?? (() => 'this demo cluster keeps no container logs\n');
    this.refreshTypes();
  }

  // ---------------------------------------------------------------- store

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
      const type = this.typeForObject(object);
      if (!type)
        throw new Error(`${this.name}: no served kind for ${object.apiVersion} ${object.kind}`);
      object.metadata ??= {} as KubeObject['metadata'];
      if (!type.namespaced) delete object.metadata.namespace;
      const key = this.objectKey(object);
      wanted.add(`${typeKey(type)}|${key}`);
      const current = this.objects.get(typeKey(type))?.get(key);
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
      const type = this.types.get(key);
      for (const [objectKey, object] of [...bucket.entries()]) {
        if (wanted.has(`${key}|${objectKey}`)) continue;
        if (type) this.write(type, undefined, object, { deleted: true });
        else bucket.delete(objectKey);
      }
    }
  }

  onChange(listener: (change: Change) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter(other => other !== listener);
    };
  }

  servedTypes(): ResourceType[] {
    return [...this.types.values()];
  }

  findType(group: string, plural: string): ResourceType | undefined {
    return this.types.get(typeKey({ group, plural }));
  }

  get(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string
  ): KubeObject | undefined {
    const found = this.objects.get(typeKey({ group, plural }))?.get(`${namespace ?? ''}/${name}`);
    return found ? structuredClone(found) : undefined;
  }

  list(group: string, plural: string): KubeObject[] {
    return [...(this.objects.get(typeKey({ group, plural }))?.values() ?? [])].map(object =>
      structuredClone(object)
    );
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
    const type = this.findType(group, plural);
    const current = type && this.objects.get(typeKey(type))?.get(`${namespace ?? ''}/${name}`);
    if (!type || !current) return undefined;
    const next = structuredClone(current);
    change(next);
    return this.write(type, next, current);
  }

  /** Adds an object as a controller would (e.g. an Event). */
  create(object: Record<string, unknown>): KubeObject {
    const copy = structuredClone(object) as KubeObject;
    const type = this.typeForObject(copy);
    if (!type) throw new Error(`no served kind for ${copy.apiVersion} ${copy.kind}`);
    this.stamp(copy, type);
    return this.write(type, copy, undefined);
  }

  get resourceVersion(): string {
    return String(this.revision);
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

  private objectKey(object: KubeObject): string {
    return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  }

  private typeForObject(object: KubeObject): ResourceType | undefined {
    const apiVersion = String(object.apiVersion ?? '');
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
    return this.typesByKind.get(`${group}|${String(object.kind)}`);
  }

  private typesOfGroup(group: string): ResourceType[] {
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

  /** Fills what the server owns in metadata. */
  private stamp(object: KubeObject, type: ResourceType): void {
    const metadata = object.metadata ?? ({} as KubeObject['metadata']);
    object.metadata = metadata;
    if (!type.namespaced) delete metadata.namespace;
    metadata.uid ??= randomUUID();
    metadata.creationTimestamp ??= new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (!type.builtin || type.plural === 'customresourcedefinitions') metadata.generation ??= 1;
  }

  private refreshTypes(): void {
    const types = new Map<string, ResourceType>();
    for (const type of BUILTIN_TYPES) types.set(typeKey(type), type);
    for (const crd of this.objects
      .get('apiextensions.k8s.io/customresourcedefinitions')
      ?.values() ?? []) {
      const type = typeFromCrd(crd);
      if (type && type.versions.length) types.set(typeKey(type), type);
    }
    this.types = types;
    this.indexTypes();
  }

  private indexTypes(): void {
    this.typesByKind = new Map(
      [...this.types.values()].map(type => [`${type.group}|${type.kind}`, type])
    );
    this.typesByGroup = undefined;
  }

  /** One CRD written or deleted: the kind it defined goes, the kind it defines now comes. */
  private updateTypeFromCrd(previous: KubeObject | undefined, next: KubeObject | undefined): void {
    const before = previous ? typeFromCrd(previous) : undefined;
    if (before && !this.types.get(typeKey(before))?.builtin) this.types.delete(typeKey(before));
    const after = next ? typeFromCrd(next) : undefined;
    if (after && after.versions.length && !this.types.get(typeKey(after))?.builtin)
      this.types.set(typeKey(after), after);
    this.indexTypes();
  }

  /** Stores a new state of an object (or deletes it) and tells watchers and listeners. */
  private write(
    type: ResourceType,
    object: KubeObject | undefined,
    previous: KubeObject | undefined,
    { deleted = false, keepGeneration = false } = {}
  ): KubeObject {
    const rv = ++this.revision;
    const bucket = this.bucket(type);
    let stored: KubeObject;
    let eventType: WatchEventType;
    if (deleted && previous) {
      bucket.delete(this.objectKey(previous));
      stored = structuredClone(previous);
      stored.metadata.resourceVersion = String(rv);
      eventType = 'DELETED';
    } else if (object) {
      stored = object;
      stored.metadata.resourceVersion = String(rv);
      if (previous && !keepGeneration && changedBeyond(previous, stored, type)) {
        stored.metadata.generation = Number(previous.metadata.generation ?? 1) + 1;
      }
      bucket.set(this.objectKey(stored), stored);
      eventType = previous ? 'MODIFIED' : 'ADDED';
    } else throw new Error('write without object');
    if (type.plural === 'customresourcedefinitions')
      this.updateTypeFromCrd(previous, eventType === 'DELETED' ? undefined : stored);
    const entry: LogEntry = { rv, type: eventType, resourceType: type, object: stored, previous };
    this.log.push(entry);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    for (const watcher of this.watchers) this.deliver(watcher, entry);
    for (const listener of this.listeners) listener({ ...entry });
    return structuredClone(stored);
  }

  // ---------------------------------------------------------------- routing

  private route(path: string): Route {
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 1 && parts[0] === 'version') return { kind: 'version' };
    if (parts.length === 1 && ['healthz', 'readyz', 'livez'].includes(parts[0]))
      return { kind: 'health' };
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api') {
      if (parts.length === 1) return { kind: 'api' };
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      if (parts.length === 1) return { kind: 'apis' };
      if (parts.length === 2) {
        if (!this.servedVersions(parts[1]).length) throw NOT_FOUND_PATH();
        return { kind: 'group', group: parts[1] };
      }
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    } else throw NOT_FOUND_PATH();
    if (!this.servedVersions(group).includes(version)) throw NOT_FOUND_PATH();
    if (rest.length === 0) return { kind: 'resources', group, version };
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && !['status', 'finalize'].includes(rest[2])) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    if (rest.length > 3) throw NOT_FOUND_PATH();
    const type = this.findType(group, rest[0]);
    if (!type || !type.versions.includes(version)) throw NOT_FOUND_PATH();
    if (namespace !== undefined && !type.namespaced) throw NOT_FOUND_PATH();
    const subresource = rest[2];
    if (subresource !== undefined && !type.subresources.includes(subresource))
      throw NOT_FOUND_PATH();
    return { kind: 'resource', type, version, namespace, name: rest[1], subresource };
  }

  private servedVersions(group: string): string[] {
    const versions = new Set<string>();
    for (const type of this.typesOfGroup(group))
      for (const version of type.versions) versions.add(version);
    return [...versions];
  }

  private authorize(user: User, attributes: ResourceAttributes): void {
    if (!allowed(user, attributes)) {
      throw new ApiError(403, 'Forbidden', forbiddenMessage(user, attributes), {
        ...(attributes.name ? { name: attributes.name } : {}),
        group: attributes.group,
        kind: attributes.resource,
      });
    }
    const fault = this.faults.match(user, attributes);
    if (fault) throw new ApiError(fault.code, fault.reason, fault.message, fault.details);
  }

  // ---------------------------------------------------------------- discovery

  private discovery(route: Route): unknown {
    switch (route.kind) {
      case 'version':
        return {
          major: this.gitVersion.replace(/^v(\d+)\..*/, '$1'),
          minor: this.gitVersion.replace(/^v\d+\.(\d+).*/, '$1'),
          gitVersion: this.gitVersion,
          gitCommit: '0000000000000000000000000000000000000000',
          gitTreeState: 'clean',
          buildDate: '2026-05-15T00:00:00Z',
          goVersion: 'go1.24.2',
          compiler: 'gc',
          platform: 'linux/amd64',
        };
      case 'api':
        return {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [
            { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' },
          ],
        };
      case 'apis':
        return {
          kind: 'APIGroupList',
          apiVersion: 'v1',
          groups: this.groupNames().map(group => this.apiGroup(group)),
        };
      case 'group':
        return { kind: 'APIGroup', apiVersion: 'v1', ...this.apiGroup(route.group) };
      case 'resources':
        return this.resourceList(route.group, route.version);
      default:
        return 'ok';
    }
  }

  private groupNames(): string[] {
    const groups = new Set<string>();
    for (const type of this.types.values()) if (type.group) groups.add(type.group);
    return [...groups].sort();
  }

  private apiGroup(group: string) {
    const versions = this.servedVersions(group).sort((a, b) => {
      // Preferred first: the versions as the types order them (CRD preference).
      const rank = (version: string) =>
        Math.min(
          ...this.typesOfGroup(group)
            .filter(type => type.versions.includes(version))
            .map(type => type.versions.indexOf(version))
        );
      return rank(a) - rank(b);
    });
    const entries = versions.map(version => ({ groupVersion: `${group}/${version}`, version }));
    return { name: group, versions: entries, preferredVersion: entries[0] };
  }

  private resourceList(group: string, version: string) {
    const resources: unknown[] = [];
    for (const type of this.typesOfGroup(group)) {
      if (!type.versions.includes(version)) continue;
      resources.push({
        name: type.plural,
        singularName: type.singular,
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: type.verbs,
        ...(type.shortNames ? { shortNames: type.shortNames } : {}),
        ...(type.categories ? { categories: type.categories } : {}),
      });
      for (const subresource of type.subresources) {
        resources.push({
          name: `${type.plural}/${subresource}`,
          singularName: '',
          namespaced: type.namespaced,
          kind: type.kind,
          verbs: ['get', 'patch', 'update'],
        });
      }
    }
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: groupVersion(group, version),
      resources,
    };
  }

  // ---------------------------------------------------------------- reading

  private present(object: KubeObject, type: ResourceType, version: string): KubeObject {
    const copy = structuredClone(object);
    copy.apiVersion = groupVersion(type.group, version);
    copy.kind = type.kind;
    return copy;
  }

  private selectors(query: URLSearchParams, type: ResourceType) {
    try {
      const labels = parseLabelSelector(query.get('labelSelector'));
      const fields = parseFieldSelector(query.get('fieldSelector'));
      const supported = new Set(['metadata.name', 'metadata.namespace', ...type.fieldLabels]);
      for (const requirement of fields) {
        if (!supported.has(requirement.field)) {
          throw new ApiError(400, 'BadRequest', `field label not supported: ${requirement.field}`);
        }
      }
      return { labels, fields };
    } catch (error) {
      if (error instanceof SelectorError)
        throw new ApiError(400, 'BadRequest', `unable to parse requirement: ${error.message}`);
      throw error;
    }
  }

  private matches(
    object: KubeObject,
    namespace: string | undefined,
    labels: LabelRequirement[],
    fields: FieldRequirement[]
  ): boolean {
    return (
      (namespace === undefined || object.metadata.namespace === namespace) &&
      labelsMatch(labels, object.metadata.labels) &&
      fieldsMatch(fields, object)
    );
  }

  private listResponse(
    type: ResourceType,
    version: string,
    namespace: string | undefined,
    query: URLSearchParams
  ) {
    const { labels, fields } = this.selectors(query, type);
    const matching = [...(this.objects.get(typeKey(type))?.values() ?? [])]
      .filter(object => this.matches(object, namespace, labels, fields))
      .sort((a, b) => this.objectKey(a).localeCompare(this.objectKey(b)));
    const page = listPage(
      matching,
      query,
      object => this.objectKey(object),
      this.pageSizes.get(typeKey(type))
    );
    const items = page.items.map(object => {
      const item = this.present(object, type, version);
      if (type.builtin) {
        delete item.apiVersion;
        delete item.kind;
      }
      return item;
    });
    return {
      kind: type.listKind,
      apiVersion: groupVersion(type.group, version),
      metadata: {
        resourceVersion: String(this.revision),
        ...(page.continue
          ? { continue: page.continue, remainingItemCount: page.remainingItemCount }
          : {}),
      },
      items,
    };
  }

  private notFound(type: ResourceType, name: string): ApiError {
    const qualified = type.group ? `${type.plural}.${type.group}` : type.plural;
    return new ApiError(404, 'NotFound', `${qualified} "${name}" not found`, {
      name,
      group: type.group,
      kind: type.plural,
    });
  }

  private existing(route: Extract<Route, { kind: 'resource' }>): KubeObject {
    const name = route.name ?? '';
    const found = this.objects
      .get(typeKey(route.type))
      ?.get(`${route.type.namespaced ? route.namespace ?? '' : ''}/${name}`);
    if (!found) throw this.notFound(route.type, name);
    return found;
  }

  // ---------------------------------------------------------------- watching

  private deliver(watcher: Watcher, entry: LogEntry): void {
    if (typeKey(entry.resourceType) !== watcher.key) return;
    const now = this.matches(entry.object, watcher.namespace, watcher.labels, watcher.fields);
    const before =
      entry.previous !== undefined &&
      this.matches(entry.previous, watcher.namespace, watcher.labels, watcher.fields);
    let type: WatchEventType | undefined;
    if (entry.type === 'DELETED') type = now ? 'DELETED' : undefined;
    else if (entry.type === 'ADDED') type = now ? 'ADDED' : undefined;
    else if (now && before) type = 'MODIFIED';
    else if (now) type = 'ADDED';
    else if (before) type = 'DELETED';
    if (!type) return;
    watcher.send({ type, object: this.present(entry.object, entry.resourceType, watcher.version) });
  }

  /**
   * Starts a watch: replays what changed after `resourceVersion` (or, with
   * none or "0", every current object as ADDED), then streams changes.
   * Returns the function that stops it.
   */
  private startWatch(
    route: Extract<Route, { kind: 'resource' }>,
    query: URLSearchParams,
    sink: WatchSink
  ): () => void {
    const send = sink.send;
    const { labels, fields } = this.selectors(query, route.type);
    if (route.name) fields.push({ field: 'metadata.name', op: '=', value: route.name });
    const watcher: Watcher = {
      key: typeKey(route.type),
      namespace: route.namespace,
      labels,
      fields,
      version: route.version,
      send,
      close: sink.close,
    };
    const from = query.get('resourceVersion');
    if (!from || from === '0') {
      for (const object of this.objects.get(watcher.key)?.values() ?? []) {
        if (this.matches(object, watcher.namespace, labels, fields))
          send({ type: 'ADDED', object: this.present(object, route.type, route.version) });
      }
    } else {
      const since = Number(from);
      const oldest = this.log[0]?.rv ?? this.revision + 1;
      if (!Number.isFinite(since) || since > this.revision) {
        throw new ApiError(400, 'BadRequest', `invalid resourceVersion ${JSON.stringify(from)}`);
      }
      if (since < oldest - 1 && this.log.length >= this.logLimit) {
        send({ type: 'ERROR', object: gone() });
        return () => undefined;
      }
      for (const entry of this.log) if (entry.rv > since) this.deliver(watcher, entry);
    }
    this.watchers.add(watcher);
    return () => {
      this.watchers.delete(watcher);
    };
  }

  /** A watch over WebSocket, as Headlamp opens it (`?watch=1`, `base64.binary.k8s.io`). */
  /** `pods/<name>/log`: the container's log, `tailLines` applied. */
  private logText(route: Extract<Route, { kind: 'resource' }>, query: URLSearchParams): string {
    const pod = this.existing(route);
    const containers = (
      ((pod.spec as Record<string, unknown> | undefined)?.containers ?? []) as Array<{
        name?: string;
      }>
    ).map(container => String(container.name));
    const container = query.get('container') || containers[0] || '';
    if (!containers.includes(container)) {
      throw new ApiError(
        400,
        'BadRequest',
        `container ${container} is not valid for pod ${pod.metadata.name}`
      );
    }
    let lines = this.podLogs(this, structuredClone(pod), container).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const tail = Number(query.get('tailLines'));
    if (query.has('tailLines') && Number.isInteger(tail) && tail >= 0)
      lines = lines.slice(-tail || lines.length);
    return lines.map(line => `${line}\n`).join('');
  }

  /**
   * What a path names when it is a served resource (group, plural, namespace,
   * name, subresource); undefined for discovery and for what is not served.
   */
  resourceOf(
    path: string
  ):
    | { group: string; plural: string; namespace?: string; name?: string; subresource?: string }
    | undefined {
    try {
      const route = this.route(path);
      if (route.kind !== 'resource') return undefined;
      const { namespace, name, subresource } = route;
      return { group: route.type.group, plural: route.type.plural, namespace, name, subresource };
    } catch {
      return undefined;
    }
  }

  /** Whether a request is a watch (`?watch=1` or `?watch=true` on a GET). */
  static isWatch(method: string, query: URLSearchParams): boolean {
    const watch = query.get('watch');
    return method === 'GET' && (watch === '1' || watch === 'true');
  }

  /**
   * Opens a watch on a resource path: authorizes it, calls `sink.open`, replays
   * (see startWatch) and streams changes into the sink until the returned
   * function stops it. Throws an ApiError when the watch cannot open.
   */
  watch(path: string, query: URLSearchParams, user: User, sink: WatchSink): () => void {
    const route = this.route(path);
    if (route.kind !== 'resource' || route.subresource)
      throw new ApiError(405, 'MethodNotAllowed', 'only resources can be watched');
    this.authorize(user, {
      verb: 'watch',
      group: route.type.group,
      resource: route.type.plural,
      namespace: route.namespace,
      name: route.name,
    });
    sink.open?.();
    return this.startWatch(route, query, sink);
  }

  /**
   * Test-only: ends the open watches (of one group and plural, or all) from
   * the server's side, as an API server does on a restart or timeout; each
   * client sees its stream close. Returns how many were dropped.
   */
  dropWatches(match: { group?: string; plural?: string } = {}): number {
    let dropped = 0;
    for (const watcher of [...this.watchers]) {
      const [group, plural] = [
        watcher.key.slice(0, watcher.key.lastIndexOf('/')),
        watcher.key.slice(watcher.key.lastIndexOf('/') + 1),
      ];
      if (match.group !== undefined && match.group !== group) continue;
      if (match.plural !== undefined && match.plural !== plural) continue;
      this.watchers.delete(watcher);
      watcher.close();
      dropped++;
    }
    return dropped;
  }

  /** How many watches are open (of one group and plural, or all). */
  openWatches(match: { group?: string; plural?: string } = {}): number {
    return [...this.watchers].filter(
      watcher =>
        (match.group === undefined || watcher.key.startsWith(`${match.group}/`)) &&
        (match.plural === undefined || watcher.key.endsWith(`/${match.plural}`))
    ).length;
  }

  watchSocket(path: string, query: URLSearchParams, user: User, socket: ServerWebSocket): void {
    try {
      const route = this.route(path);
      if (route.kind === 'resource' && route.subresource === 'log' && route.name) {
        // A log stream (Headlamp's log viewer): base64 text frames, open until the client leaves.
        this.authorize(user, {
          verb: 'get',
          group: '',
          resource: route.type.plural,
          subresource: 'log',
          namespace: route.namespace,
          name: route.name,
        });
        const text = this.logText(route, query);
        if (text) socket.sendText(Buffer.from(text).toString('base64'));
        if (query.get('follow') !== 'true') socket.close(1000);
        return;
      }
      const stop = this.watch(path, query, user, {
        send: event => socket.sendText(JSON.stringify(event)),
        close: () => socket.close(1000),
      });
      socket.onClose(stop);
    } catch (error) {
      const status = asApiError(error);
      if (process.env.DEMO_DEBUG) process.stderr.write(`watch error ${path}: ${status.message}\n`);
      socket.sendText(JSON.stringify({ type: 'ERROR', object: status.status() }));
      socket.close(1000);
    }
  }

  // ---------------------------------------------------------------- requests

  /**
   * Answers one request that is not a watch (discovery, reads, writes, logs):
   * the transport-free core that serveHttp and the component tests' msw
   * handlers share.
   */
  respond(request: ApiRequest): ApiAnswer {
    try {
      const route = this.route(request.path);
      if (route.kind !== 'resource') {
        if (request.method !== 'GET')
          throw new ApiError(405, 'MethodNotAllowed', 'method not allowed');
        const answer = this.discovery(route);
        if (typeof answer === 'string')
          return { status: 200, contentType: 'text/plain', body: answer };
        return jsonAnswer(200, answer);
      }
      const [status, answer] = this.handleResource(
        request.method,
        route,
        request.query,
        request.body,
        request.contentType ?? '',
        request.user
      );
      if (route.subresource === 'log')
        return {
          status,
          contentType: 'text/plain; charset=utf-8',
          body: (answer as { text: string }).text,
        };
      return jsonAnswer(status, answer);
    } catch (error) {
      const apiError = asApiError(error);
      return jsonAnswer(apiError.code, apiError.status());
    }
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Serves one HTTP request whose path is relative to the cluster
   * (`/apis/…`, `/api/…`, `/version`). `body` is the raw request body.
   */
  serveHttp(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
    body: Buffer,
    user: User
  ): void {
    const method = request.method ?? 'GET';
    if (KubeApi.isWatch(method, query)) {
      try {
        const stop = this.watch(path, query, user, {
          open: () =>
            response.writeHead(200, {
              'Content-Type': 'application/json',
              'Transfer-Encoding': 'chunked',
              'Cache-Control': 'no-cache',
            }),
          send: event => response.write(`${JSON.stringify(event)}\n`),
          close: () => response.end(),
        });
        request.on('close', stop);
        response.on('close', stop);
      } catch (error) {
        const apiError = asApiError(error);
        if (!response.headersSent) sendJson(response, apiError.code, apiError.status());
        else response.end();
      }
      return;
    }
    const contentType = request.headers['content-type'];
    const answer = this.respond({
      method,
      path,
      query,
      body,
      contentType: typeof contentType === 'string' ? contentType : undefined,
      user,
    });
    writeAnswer(response, answer);
  }

  private handleResource(
    method: string,
    route: Extract<Route, { kind: 'resource' }>,
    query: URLSearchParams,
    body: Buffer,
    contentType: string,
    user: User
  ): [number, unknown] {
    const { type } = route;
    const collection = route.name === undefined;
    const verb =
      method === 'GET'
        ? collection
          ? 'list'
          : 'get'
        : method === 'POST'
        ? 'create'
        : method === 'PUT'
        ? 'update'
        : method === 'PATCH'
        ? 'patch'
        : method === 'DELETE'
        ? collection
          ? 'deletecollection'
          : 'delete'
        : '';
    if (!verb || !type.verbs.includes(verb) || (verb === 'create' && !collection)) {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`
      );
    }
    this.authorize(user, {
      verb,
      group: type.group,
      resource: type.plural,
      subresource: route.subresource,
      namespace: route.namespace,
      name: route.name,
    });
    if (route.subresource === 'log') {
      if (verb !== 'get') throw new ApiError(405, 'MethodNotAllowed', 'logs can only be read');
      return [200, { text: this.logText(route, query) }];
    }
    switch (verb) {
      case 'list':
        return [200, this.listResponse(type, route.version, route.namespace, query)];
      case 'get':
        return [200, this.present(this.existing(route), type, route.version)];
      case 'create':
        return this.createFromRequest(route, parseBody(body), user);
      case 'update':
        return [200, this.update(route, parseBody(body) as KubeObject)];
      case 'patch':
        return [200, this.patch(route, body, contentType)];
      case 'delete': {
        const current = this.existing(route);
        const removed = this.write(type, undefined, current, { deleted: true });
        return [200, this.present(removed, type, route.version)];
      }
      default: {
        const { labels, fields } = this.selectors(query, type);
        for (const object of [...(this.objects.get(typeKey(type))?.values() ?? [])]) {
          if (this.matches(object, route.namespace, labels, fields))
            this.write(type, undefined, object, { deleted: true });
        }
        return [
          200,
          { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 },
        ];
      }
    }
  }

  private createFromRequest(
    route: Extract<Route, { kind: 'resource' }>,
    body: unknown,
    user: User
  ): [number, unknown] {
    const { type } = route;
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    if (type.virtual) {
      const spec = (input.spec ?? {}) as Record<string, unknown>;
      let status: unknown;
      if (type.plural === 'selfsubjectaccessreviews') status = accessReviewStatus(user, spec);
      else if (type.plural === 'selfsubjectrulesreviews') status = rulesReviewStatus(user);
      else status = { userInfo: { username: user.name, groups: user.groups } };
      return [
        201,
        {
          kind: type.kind,
          apiVersion: groupVersion(type.group, route.version),
          metadata: { creationTimestamp: null },
          spec,
          status,
        },
      ];
    }
    const object = structuredClone(input) as KubeObject;
    object.metadata = (object.metadata ?? {}) as KubeObject['metadata'];
    if (!object.metadata.name) {
      const prefix = object.metadata.generateName;
      if (typeof prefix !== 'string')
        throw new ApiError(
          422,
          'Invalid',
          `${type.kind} is invalid: metadata.name: Required value: name or generateName is required`
        );
      object.metadata.name = `${prefix}${randomUUID().slice(0, 5)}`;
    }
    if (type.namespaced) {
      const namespace = route.namespace ?? object.metadata.namespace ?? 'default';
      if (object.metadata.namespace && object.metadata.namespace !== namespace)
        throw new ApiError(
          400,
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request'
        );
      object.metadata.namespace = namespace;
      if (!this.objects.get('/namespaces')?.has(`/${namespace}`))
        throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
          name: namespace,
          kind: 'namespaces',
        });
    }
    object.apiVersion = groupVersion(type.group, route.version);
    object.kind = type.kind;
    if (this.objects.get(typeKey(type))?.has(this.objectKey(object))) {
      const qualified = type.group ? `${type.plural}.${type.group}` : type.plural;
      throw new ApiError(
        409,
        'AlreadyExists',
        `${qualified} "${object.metadata.name}" already exists`,
        {
          name: object.metadata.name,
          group: type.group,
          kind: type.plural,
        }
      );
    }
    delete object.metadata.resourceVersion;
    delete object.metadata.uid;
    delete object.metadata.creationTimestamp;
    this.stamp(object, type);
    if (type.subresources.includes('status') && !type.builtin) delete object.status;
    return [201, this.present(this.write(type, object, undefined), type, route.version)];
  }

  /** Keeps what the (sub)resource may not change from the stored object. */
  private guard(
    route: Extract<Route, { kind: 'resource' }>,
    current: KubeObject,
    next: KubeObject
  ): KubeObject {
    if (
      (next.metadata?.name !== undefined && next.metadata.name !== current.metadata.name) ||
      (route.type.namespaced &&
        next.metadata?.namespace !== undefined &&
        next.metadata.namespace !== current.metadata.namespace)
    ) {
      throw new ApiError(
        400,
        'BadRequest',
        'the name or namespace of the object cannot be changed'
      );
    }
    const expected = next.metadata?.resourceVersion;
    if (expected !== undefined && expected !== current.metadata.resourceVersion) {
      const qualified = route.type.group
        ? `${route.type.plural}.${route.type.group}`
        : route.type.plural;
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualified} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name: current.metadata.name, group: route.type.group, kind: route.type.plural }
      );
    }
    let result: KubeObject;
    if (route.subresource === 'status') {
      // Only the status stanza changes through /status.
      result = structuredClone(current);
      if (next.status === undefined) delete result.status;
      else result.status = next.status;
    } else {
      result = structuredClone(next);
      result.metadata = {
        ...(next.metadata ?? {}),
        name: current.metadata.name,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        generation: current.metadata.generation,
        ...(current.metadata.namespace !== undefined
          ? { namespace: current.metadata.namespace }
          : {}),
      };
      // With a status subresource, the main resource cannot change status.
      if (route.type.subresources.includes('status')) {
        if (current.status === undefined) delete result.status;
        else result.status = structuredClone(current.status);
      }
    }
    result.apiVersion = current.apiVersion;
    result.kind = current.kind;
    return result;
  }

  private update(route: Extract<Route, { kind: 'resource' }>, body: KubeObject): KubeObject {
    const current = this.existing(route);
    const next = this.guard(route, current, body);
    return this.present(this.write(route.type, next, current), route.type, route.version);
  }

  private patch(
    route: Extract<Route, { kind: 'resource' }>,
    body: Buffer,
    contentType: string
  ): KubeObject {
    const current = this.existing(route);
    const mediaType = contentType.split(';')[0].trim();
    const document = parseBody(body);
    let patched: Json;
    try {
      if (mediaType === 'application/merge-patch+json') {
        patched = mergePatch(current as unknown as Json, document as Json);
      } else if (mediaType === 'application/json-patch+json') {
        patched = jsonPatch(current as unknown as Json, document);
      } else if (mediaType === 'application/strategic-merge-patch+json' && route.type.builtin) {
        // Close enough for the demo's built-in kinds: no list merge keys are involved.
        patched = mergePatch(current as unknown as Json, document as Json);
      } else {
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json${
            route.type.builtin ? ', application/strategic-merge-patch+json' : ''
          }`
        );
      }
    } catch (error) {
      if (error instanceof PatchError) throw new ApiError(422, 'Invalid', error.message);
      throw error;
    }
    const candidate = patched as unknown as KubeObject;
    // A resourceVersion in a patch is a precondition only when the client set it.
    const sentVersion =
      typeof document === 'object' && document !== null
        ? ((document as KubeObject).metadata?.resourceVersion as string | undefined)
        : undefined;
    if (sentVersion === undefined && candidate.metadata)
      candidate.metadata.resourceVersion = undefined;
    const next = this.guard(route, current, candidate);
    return this.present(this.write(route.type, next, current), route.type, route.version);
  }
}

/**
 * `limit` and `continue` as the API server pages a list: at most `limit`
 * items in key order, and a token for the rest (here: the last key given,
 * so a page after a change goes on where the last one stopped).
 */
function listPage<T>(
  sorted: T[],
  query: URLSearchParams,
  keyOf: (item: T) => string,
  pageSize?: number
): { items: T[]; continue?: string; remainingItemCount?: number } {
  let start = 0;
  const token = query.get('continue');
  if (token) {
    let after: unknown;
    try {
      after = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown })
        .after;
    } catch {
      after = undefined;
    }
    if (typeof after !== 'string')
      throw new ApiError(400, 'BadRequest', 'continue key is not valid: malformed token');
    start = sorted.findIndex(item => keyOf(item).localeCompare(after as string) > 0);
    if (start < 0) start = sorted.length;
  }
  const asked = Number(query.get('limit') ?? 0);
  if (!Number.isInteger(asked) || asked <= 0) return { items: sorted.slice(start) };
  const limit = pageSize ? Math.min(asked, pageSize) : asked;
  if (start + limit >= sorted.length) return { items: sorted.slice(start) };
  const items = sorted.slice(start, start + limit);
  return {
    items,
    continue: continueAfter(keyOf(items[items.length - 1])),
    remainingItemCount: sorted.length - start - limit,
  };
}

/** The continue token of a page that ended at this object key (`namespace/name`). */
export function continueAfter(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}

function gone() {
  return new ApiError(410, 'Expired', 'too old resource version').status();
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'BadRequest', 'the request body is not valid JSON');
  }
}

function jsonAnswer(status: number, body: unknown): ApiAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** Sends an answer over node HTTP (JSON with its length and no caching; text as it is). */
export function writeAnswer(response: ServerResponse, answer: ApiAnswer): void {
  if (answer.contentType === 'application/json') {
    response.writeHead(answer.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(answer.body),
      'Cache-Control': 'no-cache, private',
    });
  } else response.writeHead(answer.status, { 'Content-Type': answer.contentType });
  response.end(answer.body);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  writeAnswer(response, jsonAnswer(status, body));
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
