/**
 * The kinds an in-memory cluster serves: a few built-in Kubernetes kinds,
 * plus one kind per CustomResourceDefinition object it holds (as the real
 * API server does once a CRD is established).
 */

export interface ResourceType {
  /** '' for the core group. */
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** `status` when the kind has a status subresource. */
  subresources: string[];
  /** Field selector labels beyond metadata.name and metadata.namespace. */
  fieldLabels: string[];
  /** Answered by a handler on create, never stored (reviews). */
  virtual?: boolean;
  /** Built-in kinds list items without kind/apiVersion; custom resources with. */
  builtin: boolean;
}

export function typeKey(type: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${type.group}/${type.plural}`;
}

export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {}
): ResourceType {
  return {
    group,
    versions: [version],
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    verbs: ALL_VERBS,
    subresources: [],
    fieldLabels: [],
    builtin: true,
    ...extra,
  };
}

const EVENT_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

export const BUILTIN_TYPES: ResourceType[] = [
  builtin('', 'v1', 'Namespace', 'namespaces', false, {
    shortNames: ['ns'],
    subresources: ['status'],
    fieldLabels: ['status.phase'],
  }),
  builtin('', 'v1', 'Node', 'nodes', false, {
    shortNames: ['no'],
    subresources: ['status'],
    fieldLabels: ['spec.unschedulable'],
  }),
  builtin('', 'v1', 'Event', 'events', true, { shortNames: ['ev'], fieldLabels: EVENT_FIELDS }),
  builtin('', 'v1', 'Pod', 'pods', true, {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'log'],
    fieldLabels: ['spec.nodeName', 'spec.serviceAccountName', 'status.phase', 'status.podIP'],
  }),
  builtin('', 'v1', 'Service', 'services', true, {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
  }),
  builtin('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  builtin('', 'v1', 'Secret', 'secrets', true, { fieldLabels: ['type'] }),
  builtin('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
  builtin('apps', 'v1', 'Deployment', 'deployments', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status'],
  }),
  builtin('apps', 'v1', 'StatefulSet', 'statefulsets', true, {
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status'],
  }),
  builtin('apps', 'v1', 'DaemonSet', 'daemonsets', true, {
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  }),
  builtin('apps', 'v1', 'ReplicaSet', 'replicasets', true, {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status'],
  }),
  // metrics-server's API, which Headlamp's cluster pages read.
  builtin('metrics.k8s.io', 'v1beta1', 'NodeMetrics', 'nodes', false, { verbs: ['get', 'list'] }),
  builtin('metrics.k8s.io', 'v1beta1', 'PodMetrics', 'pods', true, { verbs: ['get', 'list'] }),
  builtin(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false,
    {
      shortNames: ['crd', 'crds'],
      subresources: ['status'],
    }
  ),
  builtin(
    'authorization.k8s.io',
    'v1',
    'SelfSubjectAccessReview',
    'selfsubjectaccessreviews',
    false,
    {
      verbs: ['create'],
      virtual: true,
    }
  ),
  builtin(
    'authorization.k8s.io',
    'v1',
    'SelfSubjectRulesReview',
    'selfsubjectrulesreviews',
    false,
    {
      verbs: ['create'],
      virtual: true,
    }
  ),
  builtin('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', false, {
    verbs: ['create'],
    virtual: true,
  }),
];

/**
 * Kubernetes' version priority: GA before beta before alpha, higher numbers
 * first, anything else last in lexical order.
 */
export function compareKubeVersions(a: string, b: string): number {
  const parse = (version: string) => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!match) return { rank: 0, major: 0, minor: 0 };
    const stage = match[2] === 'alpha' ? 1 : match[2] === 'beta' ? 2 : 3;
    return { rank: stage, major: Number(match[1]), minor: Number(match[3] ?? 0) };
  };
  const left = parse(a);
  const right = parse(b);
  if (left.rank === 0 && right.rank === 0) return a.localeCompare(b);
  return (
    right.rank - left.rank ||
    right.major - left.major ||
    right.minor - left.minor ||
    a.localeCompare(b)
  );
}

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

/** The kind a CustomResourceDefinition object defines, or undefined when it is malformed. */
export function typeFromCrd(crd: unknown): ResourceType | undefined {
  const spec = asRecord(asRecord(crd).spec);
  const names = asRecord(spec.names);
  const group = typeof spec.group === 'string' ? spec.group : '';
  const kind = typeof names.kind === 'string' ? names.kind : '';
  const plural = typeof names.plural === 'string' ? names.plural : '';
  if (!group || !kind || !plural) return undefined;
  const versions = (Array.isArray(spec.versions) ? spec.versions : []).map(asRecord);
  const served = versions.filter(version => version.served !== false);
  const subresources = new Set<string>();
  for (const version of served) {
    if (asRecord(asRecord(version.subresources)).status) subresources.add('status');
  }
  return {
    group,
    versions: served.map(version => String(version.name)).sort(compareKubeVersions),
    kind,
    listKind: typeof names.listKind === 'string' ? names.listKind : `${kind}List`,
    plural,
    singular: typeof names.singular === 'string' ? names.singular : kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    verbs: ALL_VERBS,
    shortNames: Array.isArray(names.shortNames) ? (names.shortNames as string[]) : undefined,
    categories: Array.isArray(names.categories) ? (names.categories as string[]) : undefined,
    subresources: [...subresources],
    fieldLabels: [],
    builtin: false,
  };
}
