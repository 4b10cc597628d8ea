/**
 * What a request path names on the in-memory API server: `/version`, a
 * health check, a discovery document, or a served resource (collection,
 * object or subresource). Anything else is the API server's 404.
 */
import { NOT_FOUND_PATH } from './apiErrors';
import type { ResourceType } from './resourceTypes';
import type { ServedTypes } from './servedTypes';

/** What a request path names. */
export type Route =
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

/** A path that names a served resource: a kind's collection, one object, or its subresource. */
export type ResourceRoute = Extract<Route, { kind: 'resource' }>;

/** The route of a path relative to the cluster; throws the 404 when it names nothing served. */
export function routeOf(path: string, types: ServedTypes): Route {
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
      if (!types.versionsOf(parts[1]).length) throw NOT_FOUND_PATH();
      return { kind: 'group', group: parts[1] };
    }
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else throw NOT_FOUND_PATH();
  if (!types.versionsOf(group).includes(version)) throw NOT_FOUND_PATH();
  if (rest.length === 0) return { kind: 'resources', group, version };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !['status', 'finalize'].includes(rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) throw NOT_FOUND_PATH();
  const type = types.find(group, rest[0]);
  if (!type || !type.versions.includes(version)) throw NOT_FOUND_PATH();
  if (namespace !== undefined && !type.namespaced) throw NOT_FOUND_PATH();
  const subresource = rest[2];
  if (subresource !== undefined && !type.subresources.includes(subresource)) throw NOT_FOUND_PATH();
  return { kind: 'resource', type, version, namespace, name: rest[1], subresource };
}
