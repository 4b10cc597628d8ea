/**
 * The component tests' clusters: the demo's in-memory Kubernetes API
 * (demo/server/kubeApi.ts: discovery from CRDs, lists and selectors, watches,
 * RBAC, patches) behind Headlamp's backend URL through msw, and its watch
 * streams through the WebSocket that loadHeadlamp.ts installs for jsdom.
 * What a test needs beyond a cluster's objects is said with the API's own
 * test-only controls: faults (403/404/409/422/500 answers), holds (a list
 * left unanswered until released), dropped watches, and the request log
 * (what the cluster received).
 */
import { http, HttpResponse } from 'msw';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  customResourceDefinition,
  establish,
  installedCrds,
  openVersion,
} from '../../demo/scenario/index';
import { ApiError, asApiError, KubeApi, KubeObject } from '../../demo/server/kubeApi';
import { User, userForToken } from '../../demo/server/rbac';
import { loggedBody, RecordedRequest, RequestLog } from '../../demo/server/requestLog';
import type { ServerWebSocket } from '../../demo/server/webSocket';

export type { RecordedRequest } from '../../demo/server/requestLog';

/** Headlamp's backend URL in the component tests. */
export const BACKEND = 'http://localhost:4466';

/** The plugin's locales folder, served the way Headlamp serves an installed plugin's files. */
const LOCALES = resolve(__dirname, '../../locales');

export interface FakeClusterOptions {
  name: string;
  /** What the cluster holds; the CRDs of their kinds are installed (see crdsFor). */
  objects: Array<Record<string, unknown>>;
  /** `group/plural` that the user may not list or watch (`/pods` for the core group's Pods). */
  forbidden?: string[];
  /** `group/plural` that the user may not list or watch across all namespaces; per namespace it may. */
  forbiddenClusterWide?: string[];
  /** false: the user is the demo's `reader` (get, list, watch): reviews say no to patch, PATCH is 403. */
  canPatch?: boolean;
  /** Groups whose CRDs are installed though the cluster holds none of their objects. */
  extraGroups?: string[];
  /** Groups whose CRDs are not installed (and so none of their objects are there). */
  hiddenGroups?: string[];
  /**
   * Lists (GETs of a collection, watches aside) held unanswered until the
   * fake's `release()`: the path (without `/clusters/<name>`) decides. Discovery is never held.
   */
  holdLists?: (path: string) => boolean;
  /** Served versions of installed CRDs, by CRD name (`plural.group`): an older release's CRD. */
  crdVersions?: Record<string, string[]>;
}

/** provider-nop's Crossplane v2 kinds (namespaced managed resources), as its CRDs name them. */
const PROVIDER_NOP_V2_CRDS: KubeObject[] = [
  customResourceDefinition({
    group: 'nop.m.crossplane.io',
    kind: 'NopResource',
    plural: 'nopresources',
    scope: 'Namespaced',
    categories: ['crossplane', 'managed', 'nop'],
    versions: [openVersion('v1alpha1')],
  }),
  customResourceDefinition({
    group: 'nop.m.crossplane.io',
    kind: 'ClusterProviderConfig',
    plural: 'clusterproviderconfigs',
    scope: 'Cluster',
    categories: ['crossplane', 'provider', 'nop'],
    versions: [openVersion('v1alpha1')],
  }),
];

function groupOf(object: Record<string, unknown>): string {
  const apiVersion = String(object.apiVersion ?? '');
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
}

/**
 * The CRDs a cluster with these objects has, as the demo installs them: the
 * real Flux, Crossplane and provider-nop CRDs, those Crossplane generates for
 * each XRD, and provider-nop's v2 kinds; only those of the groups in use
 * (the objects' groups and `extraGroups`, less `hiddenGroups`).
 */
export function crdsFor(
  objects: Array<Record<string, unknown>>,
  extraGroups: readonly string[] = [],
  hiddenGroups: readonly string[] = []
): KubeObject[] {
  const groups = new Set([...objects.map(groupOf), ...extraGroups]);
  for (const hidden of hiddenGroups) groups.delete(hidden);
  const xrds = objects.filter(
    object => object.kind === 'CompositeResourceDefinition'
  ) as KubeObject[];
  const all = [...installedCrds(xrds), ...PROVIDER_NOP_V2_CRDS.map(establish)];
  const seen = new Set<string>();
  return all.filter(crd => {
    const spec = crd.spec as { group: string; names: { plural: string } };
    const key = `${spec.names.plural}.${spec.group}`;
    if (!groups.has(spec.group) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The CRD serving only these versions (unchanged without any). */
function withVersions(crd: KubeObject, versions: string[] | undefined): KubeObject {
  if (!versions) return crd;
  const spec = crd.spec as { versions: Array<{ name: string }> };
  return {
    ...crd,
    spec: { ...spec, versions: spec.versions.filter(version => versions.includes(version.name)) },
  };
}

/** Where a cluster's requests go: its API, the user its (token-less) requests act as, its holds. */
interface ServedCluster {
  api: KubeApi;
  user: User;
  log: RequestLog;
}

/** The clusters the latest `fakeClusters` serves: what the fake WebSocket connects to. */
let served = new Map<string, ServedCluster>();

function statusResponse(error: ApiError) {
  return HttpResponse.json(error.status(), { status: error.code });
}

/**
 * A request for a cluster no fake holds (e.g. one still in flight from the previous test): a
 * Status body, as an API server's errors have, so that Headlamp reads it as an error.
 */
function unknownCluster(name: string) {
  return statusResponse(
    new ApiError(404, 'NotFound', `cluster "${name}" is not served by this fake`)
  );
}

/**
 * The initial handler of each component test's msw server (`setupServer(unservedBackend)`;
 * resetHandlers keeps it): a request to Headlamp's backend that no fake answers — one still
 * in flight after a test reset its handlers — gets a 404 Status, and never reaches the network
 * (where another program may listen on the backend's port).
 */
export const unservedBackend = http.all(`${BACKEND}/*`, () =>
  statusResponse(new ApiError(404, 'NotFound', 'not served by the fake cluster'))
);

/** Headlamp's plugin i18n: `<app>/plugins/<name>/locales/<locale>/translation.json`, 404 for others. */
const pluginLocales = http.get(
  new RegExp(`^${BACKEND}/+plugins/[^/]+/locales/([^/]+)/translation\\.json$`),
  ({ request }) => {
    const locale = /locales\/([^/]+)\//.exec(new URL(request.url).pathname)?.[1] ?? '';
    const file = join(LOCALES, locale, 'translation.json');
    return /^[a-zA-Z-]+$/.test(locale) && existsSync(file)
      ? HttpResponse.json(JSON.parse(readFileSync(file, 'utf8')))
      : new HttpResponse('404 page not found', { status: 404 });
  }
);

/** A watch over HTTP (`?watch=1` by fetch): the API's events as a stream of JSON lines. */
function watchResponse(
  cluster: ServedCluster,
  path: string,
  query: URLSearchParams,
  signal: AbortSignal
) {
  let stop: () => void = () => undefined;
  const encoder = new TextEncoder();
  try {
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(streamController) {
        controller = streamController;
      },
      cancel() {
        stop();
      },
    });
    stop = cluster.api.watch(path, query, cluster.user, {
      send: event => controller?.enqueue(encoder.encode(`${JSON.stringify(event)}\n`)),
      close: () => controller?.close(),
    });
    signal.addEventListener('abort', () => stop());
    return new HttpResponse(body, {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  } catch (error) {
    stop();
    return statusResponse(asApiError(error));
  }
}

/**
 * Serves these clusters (each a new in-memory API holding the objects and
 * their CRDs) behind Headlamp's backend URL. Returns the msw handlers, the
 * requests the clusters received (a live array: HTTP only, watch sockets
 * aside), `release()` for held lists, and `api(name)` for the test controls.
 */
export function fakeClusters(clusters: FakeClusterOptions[]) {
  const requests: RecordedRequest[] = [];
  const releases: Array<() => void> = [];
  const apis = new Map<string, KubeApi>();
  served = new Map();
  for (const options of clusters) {
    const hidden = new Set(options.hiddenGroups ?? []);
    const api = new KubeApi({
      name: options.name,
      defaultUser: options.canPatch === false ? 'reader' : 'admin',
    });
    api.reset([
      ...crdsFor(options.objects, options.extraGroups, options.hiddenGroups).map(crd =>
        withVersions(crd, options.crdVersions?.[crd.metadata.name])
      ),
      ...options.objects.filter(object => !hidden.has(groupOf(object))),
    ]);
    for (const [list, clusterWide] of [
      ...(options.forbidden ?? []).map(key => [key, false] as const),
      ...(options.forbiddenClusterWide ?? []).map(key => [key, true] as const),
    ]) {
      const slash = list.lastIndexOf('/');
      api.faults.add({
        verbs: ['list', 'watch'],
        group: list.slice(0, slash),
        resource: list.slice(slash + 1),
        clusterWide,
        code: 403,
      });
    }
    const log = new RequestLog();
    const { holdLists } = options;
    if (holdLists)
      releases.push(
        log.hold(({ method, path, query }) => {
          const resource = api.resourceOf(path);
          return (
            method === 'GET' &&
            !KubeApi.isWatch(method, query) &&
            resource !== undefined &&
            resource.name === undefined &&
            holdLists(path)
          );
        })
      );
    apis.set(options.name, api);
    served.set(options.name, {
      api,
      user: userForToken(undefined, api.defaultUser) as User,
      log,
    });
  }
  const current = served;

  const cluster = http.all(`${BACKEND}/clusters/:cluster/*`, async ({ request, params }) => {
    const name = String(params.cluster);
    const target = current.get(name);
    if (!target) return unknownCluster(name);
    const url = new URL(request.url);
    const path = url.pathname.slice(`/clusters/${name}`.length) || '/';
    const body = Buffer.from(await request.arrayBuffer());
    const contentType = request.headers.get('content-type') ?? undefined;
    const entry: RecordedRequest = {
      time: new Date().toISOString(),
      method: request.method,
      cluster: name,
      path,
      query: url.search.slice(1),
      ...(contentType ? { contentType } : {}),
      ...(body.length ? { body: loggedBody(body) } : {}),
      user: target.user.name,
    };
    requests.push(entry);
    await target.log.delay(request.method, path, url.searchParams);
    if (KubeApi.isWatch(request.method, url.searchParams))
      return watchResponse(target, path, url.searchParams, request.signal);
    const answer = target.api.respond({
      method: request.method,
      path,
      query: url.searchParams,
      body,
      contentType,
      user: target.user,
    });
    return new HttpResponse(answer.body, {
      status: answer.status,
      headers: { 'Content-Type': answer.contentType },
    });
  });

  return {
    handlers: [pluginLocales, cluster],
    requests,
    /** Answers every held list and stops holding. */
    release: () => {
      for (const release of releases.splice(0)) release();
    },
    /** A cluster's in-memory API, for its test controls (faults, dropWatches, mutate…). */
    api: (name: string) => apis.get(name) as KubeApi,
  };
}

type Listener = (event: Event) => void;

/**
 * Headlamp's watch sockets (`ws://<backend>/clusters/<name>/<path>?watch=1`)
 * in jsdom, connected to the served cluster's in-memory API as the demo's
 * backend connects a real socket (`KubeApi.watchSocket`): events as text
 * frames, the server's close when a watch is dropped, the watch stopped when
 * Headlamp closes the socket. jsdom's own WebSocket would try a real
 * connection to the backend URL.
 */
export class FakeWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readonly url: string;
  readonly protocol = '';
  readonly extensions = '';
  readonly bufferedAmount = 0;
  binaryType: 'blob' | 'arraybuffer' = 'blob';
  readyState: number = FakeWebSocket.CONNECTING;
  onopen: Listener | null = null;
  onmessage: Listener | null = null;
  onerror: Listener | null = null;
  onclose: Listener | null = null;
  private closeListeners: Array<() => void> = [];

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    setTimeout(() => this.connect(), 0);
  }

  private connect(): void {
    if (this.readyState !== FakeWebSocket.CONNECTING) return;
    this.readyState = FakeWebSocket.OPEN;
    this.emit(new Event('open'), this.onopen);
    const url = new URL(this.url);
    const match = /^\/clusters\/([^/]+)(\/.*)$/.exec(url.pathname);
    const target = match ? served.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !target) {
      // No cluster serves it (a socket of a test that ended): nothing to stream.
      return;
    }
    const socket: ServerWebSocket = {
      protocol: 'base64.binary.k8s.io',
      get closed() {
        return closed();
      },
      sendText: text => {
        if (this.readyState !== FakeWebSocket.OPEN) return;
        const event = new MessageEvent('message', { data: text });
        this.emit(event, this.onmessage);
      },
      close: (code = 1000, reason = '') => this.finish(code, reason),
      onClose: listener => {
        if (this.readyState === FakeWebSocket.CLOSED) listener();
        else this.closeListeners.push(listener);
      },
    };
    const closed = () => this.readyState === FakeWebSocket.CLOSED;
    target.api.watchSocket(match[2], url.searchParams, target.user, socket);
  }

  /** A subscription message: per-URL watches need none. */
  send(): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error('WebSocket is not open');
  }

  close(code = 1000, reason = ''): void {
    this.finish(code, reason);
  }

  private finish(code: number, reason: string): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    for (const listener of this.closeListeners.splice(0)) listener();
    const event = Object.assign(new Event('close'), { code, reason, wasClean: true });
    this.emit(event, this.onclose);
  }

  private emit(event: Event, handler: Listener | null): void {
    handler?.call(this, event);
    this.dispatchEvent(event);
  }
}

/** Installs the fake as the global WebSocket of a jsdom test file. */
export function installFakeWebSocket(): void {
  Object.defineProperty(globalThis, 'WebSocket', {
    value: FakeWebSocket,
    writable: true,
    configurable: true,
  });
}
