import { asArray, asObject, asString, field, stringField } from '../model/json';
import {
  chooseServedVersion,
  CROSSPLANE_KINDS,
  EVENT_KIND,
  FLUX_KINDS,
  isProviderConfigKind,
  KindInfo,
} from '../model/kinds';
import { VisibilityGap, visibilityReasonForStatus } from '../model/visibility';
import { inputError } from './errors';
import { connect, ConnectOptions, KubeClient, KubeResponse } from './kubeClient';

/**
 * Reads a live cluster the way the plugin does: each relevant kind is listed
 * once, cluster-wide. A list that fails (403, 404 for a CRD that is not
 * installed, anything else) becomes a VisibilityGap and the rest still runs.
 * A namespaced kind forbidden cluster-wide is listed again in the context's
 * namespace (a user whose RBAC covers one namespace); the gap then excepts it.
 */

export interface ClusterRead {
  objects: unknown[];
  visibility: VisibilityGap[];
}

export interface LiveRead extends ClusterRead {
  /** The context names read (each is the `cluster` of its objects). */
  clusters: string[];
}

/** One list to request. */
export interface ListTarget {
  group: string;
  version: string;
  kind: string;
  plural: string;
  /** Namespaced kinds can be listed in one namespace when cluster-wide is forbidden. */
  namespaced?: boolean;
}

const CRD_GROUP = 'apiextensions.k8s.io';
const CRD_TARGET: ListTarget = {
  group: CRD_GROUP,
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
};
/** CRD categories of the kinds Crossplane defines at runtime: XRs, claims, managed resources. */
const CROSSPLANE_CATEGORIES = new Set(['composite', 'claim', 'managed']);
const PAGE_SIZE = 500;
const MAX_PAGES = 1000;
const CONCURRENCY = 6;

export function listPath(target: ListTarget, namespace?: string): string {
  const base = target.group ? `/apis/${target.group}/${target.version}` : `/api/${target.version}`;
  return namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${target.plural}`
    : `${base}/${target.plural}`;
}

/** Served versions per API group, from one discovery request (`GET /apis`). */
export type Discovery = Map<string, string[]>;

export function parseDiscovery(body: unknown): Discovery {
  const discovery: Discovery = new Map();
  for (const group of asArray(field(body, 'groups'))) {
    const name = stringField(group, 'name');
    if (!name) continue;
    const versions = asArray(field(group, 'versions'))
      .map(version => stringField(version, 'version'))
      .filter((version): version is string => Boolean(version));
    const preferred = stringField(group, 'preferredVersion', 'version');
    // The preferred version last, as the fallback when none of the known versions is served.
    discovery.set(
      name,
      preferred ? [...versions.filter(v => v !== preferred), preferred] : versions
    );
  }
  return discovery;
}

/**
 * The version to list a known kind at: the newest of its known versions the
 * server serves (the model's one rule: never a version the kind never had);
 * undefined when none is served. Without discovery, the newest known version.
 */
export function chooseVersion(
  info: KindInfo,
  discovery: Discovery | undefined
): string | undefined {
  return discovery ? chooseServedVersion(info, discovery) : info.versions[0];
}

/** XR, claim, managed-resource and ProviderConfig kinds, from the cluster's CRDs. */
export function crossplaneKindsFromCrds(crds: unknown[]): ListTarget[] {
  const targets: ListTarget[] = [];
  for (const crd of crds) {
    const group = stringField(crd, 'spec', 'group');
    const kind = stringField(crd, 'spec', 'names', 'kind');
    const plural = stringField(crd, 'spec', 'names', 'plural');
    if (!group || !kind || !plural) continue;
    const categories = asArray(field(crd, 'spec', 'names', 'categories')).map(asString);
    if (
      !categories.some(category => category !== undefined && CROSSPLANE_CATEGORIES.has(category)) &&
      !isProviderConfigKind(kind)
    )
      continue;
    const versions = asArray(field(crd, 'spec', 'versions'));
    const served = versions.filter(version => field(version, 'served') === true);
    const chosen = served.find(version => field(version, 'storage') === true) ?? served[0];
    const version = stringField(chosen, 'name');
    const namespaced = stringField(crd, 'spec', 'scope') === 'Namespaced';
    if (version)
      targets.push({ group, version, kind, plural, ...(namespaced ? { namespaced } : {}) });
  }
  return targets;
}

function gap(
  cluster: string,
  target: Pick<ListTarget, 'group' | 'kind'>,
  response: Pick<KubeResponse, 'status' | 'message'>
): VisibilityGap {
  const result: VisibilityGap = {
    cluster,
    group: target.group,
    kind: target.kind,
    reason: visibilityReasonForStatus(response.status),
    message: response.message || `HTTP ${response.status ?? '?'}`,
  };
  if (response.status !== undefined) result.status = response.status;
  return result;
}

/** Items or a gap; or the items of the context's namespace and the rest of the cluster as a gap. */
type ListResult = { items: unknown[]; outside?: VisibilityGap } | { gap: VisibilityGap };

/**
 * Lists one kind cluster-wide; when that is forbidden for a namespaced kind and
 * the context names a namespace, lists it there and keeps the rest as a gap.
 */
export async function listKind(
  client: KubeClient,
  cluster: string,
  target: ListTarget
): Promise<ListResult> {
  const whole = await listPages(client, cluster, target);
  if (!('gap' in whole) || whole.gap.reason !== 'forbidden' || !target.namespaced) return whole;
  if (!client.namespace) return whole;
  const inNamespace = await listPages(client, cluster, target, client.namespace);
  if ('gap' in inNamespace) return whole;
  return {
    items: inNamespace.items,
    outside: { ...whole.gap, exceptNamespaces: [client.namespace] },
  };
}

/** Lists one kind (cluster-wide, or in one namespace), page by page; items get `kind`, `apiVersion` (typed lists omit them) and `cluster`. */
async function listPages(
  client: KubeClient,
  cluster: string,
  target: ListTarget,
  namespace?: string
): Promise<ListResult> {
  const items: unknown[] = [];
  const apiVersion = target.group ? `${target.group}/${target.version}` : target.version;
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (token) query.set('continue', token);
    const response = await client.get(`${listPath(target, namespace)}?${query.toString()}`);
    if (response.status === undefined || response.status < 200 || response.status >= 300) {
      return { gap: gap(cluster, target, response) };
    }
    for (const item of asArray(field(response.body, 'items'))) {
      const object = asObject(item);
      if (!object) continue;
      items.push({
        ...object,
        apiVersion: asString(object.apiVersion) ?? apiVersion,
        kind: asString(object.kind) ?? target.kind,
        cluster,
      });
    }
    token = stringField(response.body, 'metadata', 'continue') || undefined;
    if (!token || seen.has(token)) break;
    seen.add(token);
  }
  return { items };
}

async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Reads one cluster through a connected client. */
export async function readCluster(client: KubeClient): Promise<ClusterRead> {
  const cluster = client.context;
  const discoveryResponse = await client.get('/apis');
  if (discoveryResponse.status === undefined) {
    throw inputError(
      `cannot reach cluster "${cluster}" at ${client.server}: ${discoveryResponse.message}`
    );
  }
  if (discoveryResponse.status === 401) {
    throw inputError(
      `cluster "${cluster}" rejected the credentials (401 Unauthorized): ${discoveryResponse.message}`
    );
  }
  // Discovery is open to every authenticated user; if it still fails, list the newest known versions.
  const discovery =
    discoveryResponse.status < 300 ? parseDiscovery(discoveryResponse.body) : undefined;

  const visibility: VisibilityGap[] = [];
  const fixed: ListTarget[] = [];
  for (const info of [...FLUX_KINDS, ...CROSSPLANE_KINDS]) {
    const version = chooseVersion(info, discovery);
    if (version)
      fixed.push({
        group: info.group,
        version,
        kind: info.kind,
        plural: info.plural,
        namespaced: info.namespaced,
      });
    else
      visibility.push(
        gap(cluster, info, { status: 404, message: `the API group ${info.group} is not served` })
      );
  }
  fixed.push({
    group: EVENT_KIND.group,
    version: EVENT_KIND.versions[0],
    kind: EVENT_KIND.kind,
    plural: EVENT_KIND.plural,
  });

  // The CRD list decides the runtime kinds; it runs alongside the fixed lists.
  const runtimeKinds = (async (): Promise<{ targets: ListTarget[]; results: ListResult[] }> => {
    const crds = await listKind(client, cluster, CRD_TARGET);
    if ('gap' in crds) return { targets: [], results: [crds] };
    const known = new Set(fixed.map(target => `${target.group}|${target.kind}`));
    const targets = crossplaneKindsFromCrds(crds.items).filter(
      target => !known.has(`${target.group}|${target.kind}`)
    );
    return {
      targets,
      results: await inPool(targets, CONCURRENCY, target => listKind(client, cluster, target)),
    };
  })();
  const fixedResults = await inPool(fixed, CONCURRENCY, target =>
    listKind(client, cluster, target)
  );
  const runtime = await runtimeKinds;

  const objects: unknown[] = [];
  for (const result of [...fixedResults, ...runtime.results]) {
    if ('gap' in result) visibility.push(result.gap);
    else {
      objects.push(...result.items);
      if (result.outside) visibility.push(result.outside);
    }
  }
  return { objects, visibility };
}

export interface LiveOptions {
  kubeconfig?: string;
  /** Contexts to read; the current context when empty. */
  contexts: string[];
  timeoutMs?: number;
}

/** Reads every requested context, one after the other. */
export async function readLive(options: LiveOptions): Promise<LiveRead> {
  const contexts: Array<string | undefined> = options.contexts.length
    ? [...new Set(options.contexts)]
    : [undefined];
  const result: LiveRead = { objects: [], visibility: [], clusters: [] };
  for (const context of contexts) {
    const connectOptions: ConnectOptions = {
      kubeconfig: options.kubeconfig,
      context,
      timeoutMs: options.timeoutMs,
    };
    const client = await connect(connectOptions);
    const read = await readCluster(client);
    result.clusters.push(client.context);
    result.objects.push(...read.objects);
    result.visibility.push(...read.visibility);
  }
  return result;
}
