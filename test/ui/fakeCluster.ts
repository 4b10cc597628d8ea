import { http, HttpResponse } from 'msw';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergePatch } from '../../src/common/jsonPatch';
import { matchesLabelSelector } from '../../src/common/labelSelector';
import { BACKEND } from './harness';

/** The plugin's locales folder, served the way Headlamp serves an installed plugin's files. */
const LOCALES = resolve(__dirname, '../../locales');

/**
 * An in-memory Kubernetes API behind Headlamp's backend URL, for component
 * tests: discovery, lists (per namespace too, label-selected too), field-selected
 * events, Pods and Deployments (built-in groups: always served), CRDs,
 * SelfSubjectAccessReviews and merge patches, with 403/404 where told.
 * Every request is recorded so tests can assert what the cluster received.
 */
export interface FakeClusterOptions {
  name: string;
  objects: Array<Record<string, unknown>>;
  /** `group/plural` lists answered with 403 (`/pods` for the core group's Pods). */
  forbidden?: string[];
  /** Whether SelfSubjectAccessReviews allow patch. */
  canPatch?: boolean;
  /** Groups served even without objects (an installed CRD with nothing in it). */
  extraGroups?: string[];
  /** Groups not served even when objects carry them (to simulate missing CRDs). */
  hiddenGroups?: string[];
  /** `group/plural` lists answered with 403 cluster-wide only; per namespace they answer. */
  forbiddenClusterWide?: string[];
  /**
   * Lists (GET of a collection, watches aside) held unanswered until the fake's
   * `release()`: the path (without `/clusters/<name>`) decides. Discovery is never held.
   */
  holdLists?: (path: string) => boolean;
}

export interface RecordedRequest {
  method: string;
  cluster: string;
  path: string;
  search: string;
  contentType: string | null;
  body?: unknown;
}

export function plural(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  if (lower.endsWith('s')) return `${lower}es`;
  return `${lower}s`;
}

function groupOf(object: Record<string, unknown>): { group: string; version: string } {
  const apiVersion = String(object.apiVersion ?? '');
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function metadata(object: Record<string, unknown>): { name?: string; namespace?: string } {
  return (object.metadata ?? {}) as { name?: string; namespace?: string };
}

/** Groups every API server serves, whatever objects the fake holds. */
const BUILT_IN_GROUPS = new Set(['', 'apps']);

function labelsOf(object: Record<string, unknown>): Record<string, string> {
  return ((object.metadata as { labels?: Record<string, string> } | undefined)?.labels ??
    {}) as Record<string, string>;
}

/**
 * A request for a cluster this fake does not hold (e.g. one still in flight from the previous
 * test): a Status body, as an API server's errors have, so that Headlamp reads it as an error.
 */
function unknownCluster(params: Record<string, string | readonly string[] | undefined>) {
  const message = `cluster "${String(params.cluster)}" is not served by this fake`;
  return HttpResponse.json({ kind: 'Status', code: 404, message }, { status: 404 });
}

/**
 * The initial handler of each component test's msw server (`setupServer(unservedBackend)`;
 * resetHandlers keeps it): a request to Headlamp's backend that no fake answers — one still
 * in flight after a test reset its handlers — gets a 404 Status, and never reaches the network
 * (where another program may listen on the backend's port).
 */
export const unservedBackend = http.all(`${BACKEND}/*`, () =>
  HttpResponse.json(
    { kind: 'Status', code: 404, message: 'not served by the fake cluster' },
    { status: 404 }
  )
);

/** Kinds of lists that may come back empty (no item to take the kind from). */
const KIND_OF_PLURAL: Record<string, string> = { pods: 'Pod', deployments: 'Deployment' };

export function fakeClusters(clusters: FakeClusterOptions[]) {
  const requests: RecordedRequest[] = [];
  const byName = new Map(clusters.map(cluster => [cluster.name, cluster]));
  let released = false;
  const waiting: Array<() => void> = [];
  /** Answers every held list and stops holding. */
  const release = () => {
    released = true;
    for (const resume of waiting.splice(0)) resume();
  };
  /** Resolves when a list may answer: at once, or after `release()` when the cluster holds it. */
  const gate = (cluster: FakeClusterOptions, request: Request): Promise<void> => {
    const url = new URL(request.url);
    const path = url.pathname.replace(`/clusters/${cluster.name}`, '');
    if (released || url.searchParams.get('watch') || !cluster.holdLists?.(path))
      return Promise.resolve();
    return new Promise(resume => waiting.push(resume));
  };

  const served = (cluster: FakeClusterOptions) => {
    const groups = new Map<string, Set<string>>();
    for (const object of cluster.objects) {
      const { group, version } = groupOf(object);
      if (!group || cluster.hiddenGroups?.includes(group)) continue;
      groups.set(group, (groups.get(group) ?? new Set()).add(version));
    }
    for (const group of cluster.extraGroups ?? []) {
      const versions =
        group === 'notification.toolkit.fluxcd.io' ? ['v1beta3', 'v1beta2', 'v1'] : ['v1'];
      groups.set(group, new Set([...(groups.get(group) ?? []), ...versions]));
    }
    return groups;
  };

  const record = async (request: Request, cluster: string): Promise<RecordedRequest> => {
    const url = new URL(request.url);
    const entry: RecordedRequest = {
      method: request.method,
      cluster,
      path: url.pathname.replace(`/clusters/${cluster}`, ''),
      search: url.search,
      contentType: request.headers.get('content-type'),
    };
    if (request.method !== 'GET') entry.body = await request.json().catch(() => undefined);
    requests.push(entry);
    return entry;
  };

  const list = (
    cluster: FakeClusterOptions,
    group: string,
    pluralName: string,
    namespace: string | undefined,
    request?: Request
  ) => {
    // Watches are not simulated here (the browser stage covers them): answer with no events.
    if (request && new URL(request.url).searchParams.get('watch'))
      return new HttpResponse('', { status: 200 });
    const groups = served(cluster);
    if (!BUILT_IN_GROUPS.has(group) && !groups.has(group))
      return HttpResponse.json(
        { kind: 'Status', code: 404, message: 'the server could not find the requested resource' },
        { status: 404 }
      );
    if (
      cluster.forbidden?.includes(`${group}/${pluralName}`) ||
      (!namespace && cluster.forbiddenClusterWide?.includes(`${group}/${pluralName}`))
    ) {
      return HttpResponse.json(
        {
          kind: 'Status',
          code: 403,
          message: `${pluralName}.${group} is forbidden: User "reader" cannot list resource "${pluralName}"`,
        },
        { status: 403 }
      );
    }
    const selector = request ? new URL(request.url).searchParams.get('labelSelector') : null;
    const items = cluster.objects.filter(
      object =>
        groupOf(object).group === group &&
        plural(String(object.kind)) === pluralName &&
        (!namespace || metadata(object).namespace === namespace) &&
        matchesLabelSelector(selector, labelsOf(object))
    );
    // Like a real API server: `<Kind>List` of `group/version` (Headlamp stamps both onto each item).
    const version = group
      ? new URL(request?.url ?? 'http://x/').pathname.split('/')[5] ?? 'v1'
      : 'v1';
    const kind = String(items[0]?.kind ?? KIND_OF_PLURAL[pluralName] ?? pluralName);
    return HttpResponse.json({
      kind: `${kind}List`,
      apiVersion: group ? `${group}/${version}` : version,
      metadata: { resourceVersion: '1' },
      items,
    });
  };

  const clusterOf = (params: Record<string, string | readonly string[] | undefined>) =>
    byName.get(String(params.cluster));

  const handlers = [
    // Headlamp's plugin i18n fetches `<app>/plugins/<name>/locales/<locale>/translation.json`
    // (the app URL ends with a slash, hence `//plugins`): the project's own files, 404 for
    // locales it does not have. Not a cluster request, so not recorded.
    http.get(
      new RegExp(`^${BACKEND}/+plugins/[^/]+/locales/([^/]+)/translation\\.json$`),
      ({ request }) => {
        const locale = /locales\/([^/]+)\//.exec(new URL(request.url).pathname)?.[1] ?? '';
        const file = join(LOCALES, locale, 'translation.json');
        return /^[a-zA-Z-]+$/.test(locale) && existsSync(file)
          ? HttpResponse.json(JSON.parse(readFileSync(file, 'utf8')))
          : new HttpResponse('404 page not found', { status: 404 });
      }
    ),
    // Pods of the core group (label-selected lists of controller pods), all namespaces or one.
    http.get(`${BACKEND}/clusters/:cluster/api/v1/pods`, async ({ request, params }) => {
      const cluster = clusterOf(params);
      if (!cluster) return unknownCluster(params);
      await record(request, cluster.name);
      await gate(cluster, request);
      return list(cluster, '', 'pods', undefined, request);
    }),
    http.get(
      `${BACKEND}/clusters/:cluster/api/v1/namespaces/:namespace/pods`,
      async ({ request, params }) => {
        const cluster = clusterOf(params);
        if (!cluster) return unknownCluster(params);
        await record(request, cluster.name);
        await gate(cluster, request);
        return list(cluster, '', 'pods', String(params.namespace), request);
      }
    ),
    http.get(`${BACKEND}/clusters/:cluster/apis`, async ({ request, params }) => {
      const cluster = clusterOf(params);
      if (!cluster) return unknownCluster(params);
      await record(request, cluster.name);
      const groups = [...served(cluster).entries()].map(([name, versions]) => ({
        name,
        versions: [...versions].map(version => ({ groupVersion: `${name}/${version}`, version })),
      }));
      return HttpResponse.json({ kind: 'APIGroupList', apiVersion: 'v1', groups });
    }),
    http.get(`${BACKEND}/clusters/:cluster/api/v1/events`, async ({ request, params }) => {
      const cluster = clusterOf(params);
      if (!cluster) return unknownCluster(params);
      await record(request, cluster.name);
      await gate(cluster, request);
      const selector = new URL(request.url).searchParams.get('fieldSelector') ?? '';
      const wanted = Object.fromEntries(
        selector
          .split(',')
          .filter(Boolean)
          .map(part => part.split('='))
      );
      const items = cluster.objects.filter(object => {
        if (object.kind !== 'Event') return false;
        const involved = (object.involvedObject ?? {}) as Record<string, string>;
        return (
          (!wanted.type || object.type === wanted.type) &&
          (!wanted['involvedObject.kind'] || involved.kind === wanted['involvedObject.kind']) &&
          (!wanted['involvedObject.name'] || involved.name === wanted['involvedObject.name'])
        );
      });
      return HttpResponse.json({
        kind: 'EventList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '1' },
        items,
      });
    }),
    http.get(
      `${BACKEND}/clusters/:cluster/api/v1/namespaces/:namespace/events`,
      async ({ request, params }) => {
        const cluster = clusterOf(params);
        if (!cluster) return unknownCluster(params);
        await record(request, cluster.name);
        await gate(cluster, request);
        return HttpResponse.json({
          kind: 'EventList',
          apiVersion: 'v1',
          metadata: { resourceVersion: '1' },
          items: [],
        });
      }
    ),
    http.post(
      `${BACKEND}/clusters/:cluster/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
      async ({ request, params }) => {
        const cluster = clusterOf(params);
        if (!cluster) return unknownCluster(params);
        const entry = await record(request, cluster.name);
        return HttpResponse.json({
          ...(entry.body as object),
          status: { allowed: cluster.canPatch !== false },
        });
      }
    ),
    http.get(
      `${BACKEND}/clusters/:cluster/apis/:group/:version/namespaces/:namespace/:plural`,
      async ({ request, params }) => {
        const cluster = clusterOf(params);
        if (!cluster) return unknownCluster(params);
        await record(request, cluster.name);
        await gate(cluster, request);
        return list(
          cluster,
          String(params.group),
          String(params.plural),
          String(params.namespace),
          request
        );
      }
    ),
    http.get(
      `${BACKEND}/clusters/:cluster/apis/:group/:version/:plural`,
      async ({ request, params }) => {
        const cluster = clusterOf(params);
        if (!cluster) return unknownCluster(params);
        await record(request, cluster.name);
        await gate(cluster, request);
        if (params.group === 'apiextensions.k8s.io')
          return HttpResponse.json({ kind: 'List', metadata: { resourceVersion: '1' }, items: [] });
        return list(cluster, String(params.group), String(params.plural), undefined, request);
      }
    ),
    http.get(
      `${BACKEND}/clusters/:cluster/apis/:group/:version/namespaces/:namespace/:plural/:name`,
      async ({ request, params }) => {
        const cluster = clusterOf(params);
        if (!cluster) return unknownCluster(params);
        await record(request, cluster.name);
        if (new URL(request.url).searchParams.get('watch'))
          return new HttpResponse('', { status: 200 });
        const found = cluster.objects.find(
          object =>
            groupOf(object).group === params.group &&
            plural(String(object.kind)) === params.plural &&
            metadata(object).namespace === params.namespace &&
            metadata(object).name === params.name
        );
        return found
          ? HttpResponse.json(found)
          : HttpResponse.json({ kind: 'Status', code: 404, message: 'not found' }, { status: 404 });
      }
    ),
    http.patch(
      `${BACKEND}/clusters/:cluster/apis/:group/:version/namespaces/:namespace/:plural/:name`,
      async ({ request, params }) => {
        const cluster = clusterOf(params);
        if (!cluster) return unknownCluster(params);
        const entry = await record(request, cluster.name);
        if (cluster.canPatch === false) {
          return HttpResponse.json(
            { kind: 'Status', code: 403, message: 'forbidden: User "reader" cannot patch' },
            { status: 403 }
          );
        }
        const index = cluster.objects.findIndex(
          object =>
            groupOf(object).group === params.group &&
            plural(String(object.kind)) === params.plural &&
            metadata(object).namespace === params.namespace &&
            metadata(object).name === params.name
        );
        if (index < 0)
          return HttpResponse.json(
            { kind: 'Status', code: 404, message: 'not found' },
            { status: 404 }
          );
        cluster.objects[index] = mergePatch(cluster.objects[index], entry.body) as Record<
          string,
          unknown
        >;
        return HttpResponse.json(cluster.objects[index]);
      }
    ),
  ];
  return { handlers, requests, release };
}
