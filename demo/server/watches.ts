/**
 * The open watches of one in-memory cluster: each starts from a
 * resourceVersion (replaying the store's log, or every current object as
 * ADDED) and then gets every change that concerns it, as the event the
 * watcher sees (an object that stops matching its selectors is DELETED for
 * it). Tests can end them from the server's side.
 */
import { ApiError } from './apiErrors';
import type { ResourceRoute } from './apiRoutes';
import { LogEntry, ObjectStore, presented, WatchEventType } from './objectStore';
import { matches, selectorsOf } from './querySelectors';
import { typeKey } from './resourceTypes';
import type { FieldRequirement, LabelRequirement } from './selectors';

/** Where a watch's events go: `open` once the watch is allowed, before any event. */
export interface WatchSink {
  open?(): void;
  send(event: { type: string; object: unknown }): void;
  close(): void;
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

/** Which watches a test means: of one group and plural, or all. */
export interface WatchMatch {
  group?: string;
  plural?: string;
}

export class Watches {
  private watchers = new Set<Watcher>();

  constructor(private readonly store: ObjectStore) {}

  /** Sends one change to every open watch it concerns. */
  deliver(entry: LogEntry): void {
    for (const watcher of this.watchers) this.deliverTo(watcher, entry);
  }

  /**
   * Starts a watch: replays what changed after `resourceVersion` (or, with
   * none or "0", every current object as ADDED), then streams changes.
   * Returns the function that stops it.
   */
  start(route: ResourceRoute, query: URLSearchParams, sink: WatchSink): () => void {
    const send = sink.send;
    const { labels, fields } = selectorsOf(query, route.type);
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
      for (const object of this.store.objectsOf(route.type)) {
        if (matches(object, watcher.namespace, labels, fields))
          send({ type: 'ADDED', object: presented(object, route.type, route.version) });
      }
    } else {
      const since = Number(from);
      const log = this.store.log;
      const revision = this.store.revision;
      const oldest = log[0]?.rv ?? revision + 1;
      if (!Number.isFinite(since) || since > revision) {
        throw new ApiError(400, 'BadRequest', `invalid resourceVersion ${JSON.stringify(from)}`);
      }
      if (since < oldest - 1 && log.length >= this.store.logLimit) {
        send({ type: 'ERROR', object: gone() });
        return () => undefined;
      }
      for (const entry of log) if (entry.rv > since) this.deliverTo(watcher, entry);
    }
    this.watchers.add(watcher);
    return () => {
      this.watchers.delete(watcher);
    };
  }

  /** Ends the matching watches from the server's side; returns how many. */
  drop(match: WatchMatch): number {
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

  /** How many of the matching watches are open. */
  count(match: WatchMatch): number {
    return [...this.watchers].filter(
      watcher =>
        (match.group === undefined || watcher.key.startsWith(`${match.group}/`)) &&
        (match.plural === undefined || watcher.key.endsWith(`/${match.plural}`))
    ).length;
  }

  private deliverTo(watcher: Watcher, entry: LogEntry): void {
    if (typeKey(entry.resourceType) !== watcher.key) return;
    const now = matches(entry.object, watcher.namespace, watcher.labels, watcher.fields);
    const before =
      entry.previous !== undefined &&
      matches(entry.previous, watcher.namespace, watcher.labels, watcher.fields);
    let type: WatchEventType | undefined;
    if (entry.type === 'DELETED') type = now ? 'DELETED' : undefined;
    else if (entry.type === 'ADDED') type = now ? 'ADDED' : undefined;
    else if (now && before) type = 'MODIFIED';
    else if (now) type = 'ADDED';
    else if (before) type = 'DELETED';
    if (!type) return;
    watcher.send({ type, object: presented(entry.object, entry.resourceType, watcher.version) });
  }
}

/** The event of a watch from a resourceVersion older than the log keeps. */
function gone() {
  return new ApiError(410, 'Expired', 'too old resource version').status();
}
