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
 *
 * This file is the one the rest of the project imports: it takes a request
 * from its transport and hands it to the part that answers it. The store and
 * its resourceVersions: objectStore.ts, servedTypes.ts (kinds, from CRDs);
 * paths: apiRoutes.ts; discovery: discoveryDocuments.ts; requests on
 * resources: resourceRequests.ts, which uses listPages.ts and
 * querySelectors.ts (lists), objectWrites.ts and patchRequests.ts (writes),
 * authorization.ts (RBAC) and podLogs.ts; watches: watches.ts; errors:
 * apiErrors.ts; request and answer shapes: apiMessages.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, asApiError } from './apiErrors';
import { ApiAnswer, ApiRequest, jsonAnswer, sendJson, writeAnswer } from './apiMessages';
import { Route, routeOf } from './apiRoutes';
import { authorize } from './authorization';
import { discoveryDocument } from './discoveryDocuments';
import { Faults } from './faults';
import { Change, KubeObject, ObjectStore } from './objectStore';
import type { ResourceAttributes, User } from './rbac';
import { answerResourceRequest, logText, ResourceContext } from './resourceRequests';
import type { ResourceType } from './resourceTypes';
import { Watches, WatchMatch, WatchSink } from './watches';
import type { ServerWebSocket } from './webSocket';

export { ApiError, asApiError } from './apiErrors';
export type { ApiAnswer, ApiRequest } from './apiMessages';
export { sendJson, writeAnswer } from './apiMessages';
export { continueAfter } from './listPages';
export type { Change, KubeObject, WatchEventType } from './objectStore';
export type { WatchSink } from './watches';

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
  private readonly podLogs: NonNullable<KubeApiOptions['podLogs']>;
  private readonly store: ObjectStore;
  private readonly watches: Watches;
  private readonly resources: ResourceContext;
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
    this.podLogs = options.podLogs ?? (() => 'this demo cluster keeps no container logs\n');
    // Every write reaches the open watches first, then the onChange listeners.
    this.store = new ObjectStore(options.name, options.logLimit ?? 20_000, entry =>
      this.watches.deliver(entry)
    );
    this.watches = new Watches(this.store);
    this.resources = {
      store: this.store,
      faults: this.faults,
      pageSizes: this.pageSizes,
      logsOf: (pod, container) => this.podLogs(this, pod, container),
    };
  }

  // ---------------------------------------------------------------- store

  /**
   * Makes the store hold exactly these objects (scenario data): adds what is
   * missing, restores what changed, deletes what is extra, each through a
   * watch event, so open pages follow a reset. Objects keep their uid.
   */
  reset(objects: readonly Record<string, unknown>[]): void {
    this.store.reset(objects);
  }

  onChange(listener: (change: Change) => void): () => void {
    return this.store.onChange(listener);
  }

  servedTypes(): ResourceType[] {
    return this.store.types.all();
  }

  findType(group: string, plural: string): ResourceType | undefined {
    return this.store.types.find(group, plural);
  }

  get(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string
  ): KubeObject | undefined {
    return this.store.get(group, plural, namespace, name);
  }

  list(group: string, plural: string): KubeObject[] {
    return this.store.list(group, plural);
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
    return this.store.mutate(group, plural, namespace, name, change);
  }

  /** Adds an object as a controller would (e.g. an Event). */
  create(object: Record<string, unknown>): KubeObject {
    return this.store.create(object);
  }

  get resourceVersion(): string {
    return String(this.store.revision);
  }

  // ---------------------------------------------------------------- routing

  private route(path: string): Route {
    return routeOf(path, this.store.types);
  }

  private authorize(user: User, attributes: ResourceAttributes): void {
    authorize(user, attributes, this.faults);
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

  // ---------------------------------------------------------------- watching

  /** Whether a request is a watch (`?watch=1` or `?watch=true` on a GET). */
  static isWatch(method: string, query: URLSearchParams): boolean {
    const watch = query.get('watch');
    return method === 'GET' && (watch === '1' || watch === 'true');
  }

  /**
   * Opens a watch on a resource path: authorizes it, calls `sink.open`, replays
   * (see Watches.start) and streams changes into the sink until the returned
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
    return this.watches.start(route, query, sink);
  }

  /**
   * Test-only: ends the open watches (of one group and plural, or all) from
   * the server's side, as an API server does on a restart or timeout; each
   * client sees its stream close. Returns how many were dropped.
   */
  dropWatches(match: WatchMatch = {}): number {
    return this.watches.drop(match);
  }

  /** How many watches are open (of one group and plural, or all). */
  openWatches(match: WatchMatch = {}): number {
    return this.watches.count(match);
  }

  /** A watch over WebSocket, as Headlamp opens it (`?watch=1`, `base64.binary.k8s.io`). */
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
        const text = logText(this.resources, route, query);
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
        const answer = discoveryDocument(route, this.store.types, this.gitVersion);
        if (typeof answer === 'string')
          return { status: 200, contentType: 'text/plain', body: answer };
        return jsonAnswer(200, answer);
      }
      const [status, answer] = answerResourceRequest(
        this.resources,
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
}
