/**
 * Who is asking, and what they may do: bearer tokens map to users, users to
 * a few RBAC-style rules. Answers SelfSubjectAccessReview and
 * SelfSubjectRulesReview the way the API server does.
 */

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  /** A Role's rule, bound in these namespaces only (unset: a ClusterRole bound cluster-wide). */
  namespaces?: string[];
}

export interface User {
  name: string;
  groups: string[];
  rules: PolicyRule[];
}

export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** What every authenticated user may do (Kubernetes' `system:basic-user`). */
const BASIC_USER: PolicyRule[] = [
  {
    verbs: ['create'],
    apiGroups: ['authorization.k8s.io'],
    resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
  },
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
];

/** The role table: a token is the user's name. */
export const USERS: Record<string, User> = {
  admin: {
    name: 'admin',
    groups: ['system:masters', 'system:authenticated'],
    rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  },
  reader: {
    name: 'reader',
    groups: ['system:authenticated'],
    rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
  },
};

/** The demo's bearer tokens: each is the name of a user in the table. */
export const DEMO_TOKENS = Object.keys(USERS);

/** The user a bearer token acts as (`users`: token → user, the demo's table by default). */
export function userForToken(
  token: string | undefined,
  fallback: string,
  users: Record<string, User> = USERS
): User | undefined {
  const name = token ?? fallback;
  return Object.prototype.hasOwnProperty.call(users, name) ? users[name] : undefined;
}

function ruleAllows(rule: PolicyRule, attributes: ResourceAttributes): boolean {
  const resource = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  if (
    rule.namespaces &&
    (attributes.namespace === undefined || !rule.namespaces.includes(attributes.namespace))
  )
    return false;
  return (
    (rule.verbs.includes('*') || rule.verbs.includes(attributes.verb)) &&
    (rule.apiGroups.includes('*') || rule.apiGroups.includes(attributes.group)) &&
    (rule.resources.includes('*') ||
      rule.resources.includes(resource) ||
      (attributes.subresource !== undefined && rule.resources.includes(`${attributes.resource}/*`)))
  );
}

export function allowed(user: User, attributes: ResourceAttributes): boolean {
  return [...BASIC_USER, ...user.rules].some(rule => ruleAllows(rule, attributes));
}

/** The API server's wording of a denial. */
export function forbiddenMessage(user: User, attributes: ResourceAttributes): string {
  const qualified = attributes.group
    ? `${attributes.resource}.${attributes.group}`
    : attributes.resource;
  const subject = attributes.name ? `${qualified} "${attributes.name}"` : qualified;
  const resource = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  const scope = attributes.namespace
    ? ` in the namespace "${attributes.namespace}"`
    : ' at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group}"${scope}`;
}

export function accessReviewStatus(
  user: User,
  spec: { resourceAttributes?: Partial<ResourceAttributes>; nonResourceAttributes?: unknown }
): { allowed: boolean; reason?: string; denied?: boolean } {
  const attributes = spec.resourceAttributes;
  if (!attributes) return { allowed: true, reason: 'non-resource URLs are open to every user' };
  const answer = allowed(user, {
    verb: attributes.verb ?? '',
    group: attributes.group ?? '',
    resource: attributes.resource ?? '',
    subresource: attributes.subresource || undefined,
    namespace: attributes.namespace,
    name: attributes.name,
  });
  return answer
    ? { allowed: true, reason: `RBAC: allowed by the demo role of user "${user.name}"` }
    : { allowed: false };
}

export function rulesReviewStatus(user: User) {
  return {
    resourceRules: [...BASIC_USER, ...user.rules].map(rule => ({
      verbs: rule.verbs,
      apiGroups: rule.apiGroups,
      resources: rule.resources,
    })),
    nonResourceRules: [
      { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version'] },
    ],
    incomplete: false,
  };
}
