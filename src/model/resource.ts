import { asBoolean, asNumber, asObject, JsonObject, stringMap } from './json';

/** Where an object lives: enough to find it again in any cluster. */
export interface ObjectRef {
  /** Cluster name; `''` when the input did not say (a single-cluster snapshot). */
  cluster: string;
  /** API group; `''` for the core group. */
  group: string;
  kind: string;
  /** `''` for cluster-scoped objects. */
  namespace: string;
  name: string;
  /** Version when known (from the object or an inventory entry). */
  version?: string;
}

export interface OwnerReference {
  apiVersion: string;
  group: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

export interface Condition {
  type: string;
  /** `True`, `False`, `Unknown`, or whatever the object said (kept verbatim). */
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** A Kubernetes object normalized once; `raw` keeps the original JSON. */
export interface Resource extends ObjectRef {
  /** Stable identity inside an index: see `refKey`. */
  key: string;
  apiVersion: string;
  version: string;
  uid: string;
  generation?: number;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  ownerReferences: OwnerReference[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
  conditions: Condition[];
  raw: JsonObject;
}

export function splitApiVersion(apiVersion: string | undefined): {
  group: string;
  version: string;
} {
  if (!apiVersion) return { group: '', version: '' };
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function joinApiVersion(group: string, version: string | undefined): string {
  const v = version ?? '';
  return group ? `${group}/${v}` : v;
}

/** The identity of an object, independent of version. */
export function refKey(
  ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
): string {
  return `${ref.cluster}|${ref.group}|${ref.kind}|${ref.namespace}|${ref.name}`;
}

/** The identity of a kind in a cluster. */
export function kindKey(cluster: string, group: string, kind: string): string {
  return `${cluster}|${group}|${kind}`;
}

export function formatRef(ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function parseConditions(value: unknown): Condition[] {
  if (!Array.isArray(value)) return [];
  const result: Condition[] = [];
  for (const item of value) {
    const condition = asObject(item);
    const type = condition && str(condition.type);
    if (!condition || !type) continue;
    const observedGeneration = asNumber(condition.observedGeneration);
    result.push({
      type,
      status: str(condition.status) ?? 'Unknown',
      reason: str(condition.reason) ?? '',
      message: str(condition.message) ?? '',
      lastTransitionTime: str(condition.lastTransitionTime),
      observedGeneration,
    });
  }
  return result;
}

function parseOwnerReferences(value: unknown): OwnerReference[] {
  if (!Array.isArray(value)) return [];
  const result: OwnerReference[] = [];
  for (const item of value) {
    const owner = asObject(item);
    const kind = owner && str(owner.kind);
    const name = owner && str(owner.name);
    if (!owner || !kind || !name) continue;
    const apiVersion = str(owner.apiVersion) ?? '';
    result.push({
      apiVersion,
      group: splitApiVersion(apiVersion).group,
      kind,
      name,
      uid: str(owner.uid) ?? '',
      controller: asBoolean(owner.controller) === true,
    });
  }
  return result;
}

/**
 * Normalizes one JSON value into a Resource, or `undefined` when it is not an
 * object with at least a kind and a name. `defaultCluster` applies when the
 * object carries no `cluster` field of its own. Hot path (every object of
 * every list): reads each field once, allocates little.
 */
export function toResource(value: unknown, defaultCluster = ''): Resource | undefined {
  const raw = asObject(value);
  if (!raw) return undefined;
  const kind = str(raw.kind);
  const metadata = asObject(raw.metadata);
  const name = metadata && str(metadata.name);
  if (!kind || !metadata || !name) return undefined;
  const apiVersion = str(raw.apiVersion) ?? '';
  const { group, version } = splitApiVersion(apiVersion);
  const cluster = str(raw.cluster) ?? defaultCluster;
  const namespace = str(metadata.namespace) ?? '';
  const status = asObject(raw.status);
  return {
    cluster,
    group,
    kind,
    namespace,
    name,
    key: `${cluster}|${group}|${kind}|${namespace}|${name}`,
    apiVersion,
    version,
    uid: str(metadata.uid) ?? '',
    generation: asNumber(metadata.generation),
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    ownerReferences: parseOwnerReferences(metadata.ownerReferences),
    deletionTimestamp: str(metadata.deletionTimestamp),
    creationTimestamp: str(metadata.creationTimestamp),
    conditions: status ? parseConditions(status.conditions) : [],
    raw,
  };
}

export function refOf(resource: ObjectRef): ObjectRef {
  const { cluster, group, kind, namespace, name, version } = resource;
  return version
    ? { cluster, group, kind, namespace, name, version }
    : { cluster, group, kind, namespace, name };
}
