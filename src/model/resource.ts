import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asString,
  field,
  JsonObject,
  stringField,
  stringMap,
} from './json';

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
  labels: Record<string, string>;
  annotations: Record<string, string>;
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

export function parseConditions(value: unknown): Condition[] {
  const result: Condition[] = [];
  for (const item of asArray(value)) {
    const type = stringField(item, 'type');
    if (!type) continue;
    result.push({
      type,
      status: stringField(item, 'status') ?? 'Unknown',
      reason: stringField(item, 'reason') ?? '',
      message: stringField(item, 'message') ?? '',
      lastTransitionTime: stringField(item, 'lastTransitionTime'),
      observedGeneration: asNumber(field(item, 'observedGeneration')),
    });
  }
  return result;
}

function parseOwnerReferences(value: unknown): OwnerReference[] {
  const result: OwnerReference[] = [];
  for (const item of asArray(value)) {
    const kind = stringField(item, 'kind');
    const name = stringField(item, 'name');
    if (!kind || !name) continue;
    const apiVersion = stringField(item, 'apiVersion') ?? '';
    result.push({
      apiVersion,
      group: splitApiVersion(apiVersion).group,
      kind,
      name,
      uid: stringField(item, 'uid') ?? '',
      controller: asBoolean(field(item, 'controller')) === true,
    });
  }
  return result;
}

/**
 * Normalizes one JSON value into a Resource, or `undefined` when it is not an
 * object with at least a kind and a name. `defaultCluster` applies when the
 * object carries no `cluster` field of its own.
 */
export function toResource(value: unknown, defaultCluster = ''): Resource | undefined {
  const raw = asObject(value);
  if (!raw) return undefined;
  const kind = asString(raw.kind);
  const name = stringField(raw, 'metadata', 'name');
  if (!kind || !name) return undefined;
  const apiVersion = asString(raw.apiVersion) ?? '';
  const { group, version } = splitApiVersion(apiVersion);
  const cluster = asString(raw.cluster) ?? defaultCluster;
  const namespace = stringField(raw, 'metadata', 'namespace') ?? '';
  const ref = { cluster, group, kind, namespace, name };
  return {
    ...ref,
    key: refKey(ref),
    apiVersion,
    version,
    uid: stringField(raw, 'metadata', 'uid') ?? '',
    generation: asNumber(field(raw, 'metadata', 'generation')),
    labels: stringMap(field(raw, 'metadata', 'labels')),
    annotations: stringMap(field(raw, 'metadata', 'annotations')),
    ownerReferences: parseOwnerReferences(field(raw, 'metadata', 'ownerReferences')),
    deletionTimestamp: stringField(raw, 'metadata', 'deletionTimestamp'),
    creationTimestamp: stringField(raw, 'metadata', 'creationTimestamp'),
    conditions: parseConditions(field(raw, 'status', 'conditions')),
    raw,
  };
}

export function refOf(resource: ObjectRef): ObjectRef {
  const { cluster, group, kind, namespace, name, version } = resource;
  return version
    ? { cluster, group, kind, namespace, name, version }
    : { cluster, group, kind, namespace, name };
}
