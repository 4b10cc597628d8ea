/**
 * A request on a served resource, once routed: the verb it is (405 when the
 * kind has no such verb), the RBAC check, then the part that answers it
 * (list, get, create, update, patch, delete, deletecollection, or a pod's log).
 */
import { ApiError } from './apiErrors';
import { parseBody } from './apiMessages';
import type { ResourceRoute } from './apiRoutes';
import { authorize, verbOf } from './authorization';
import type { Faults } from './faults';
import { listResponse } from './listPages';
import { KubeObject, ObjectStore, presented } from './objectStore';
import { createObject, deleteCollection, deleteObject, updateObject } from './objectWrites';
import { patchObject } from './patchRequests';
import { podLogText } from './podLogs';
import type { User } from './rbac';
import { typeKey } from './resourceTypes';

/** What of one KubeApi a resource request reads and writes. */
export interface ResourceContext {
  store: ObjectStore;
  faults: Faults;
  /** See KubeApi.pageSizes. */
  pageSizes: ReadonlyMap<string, number>;
  /** A container's whole log (the KubeApi's `podLogs` option). */
  logsOf(pod: KubeObject, container: string): string;
}

/** The status and body of a request on a resource; a log's body is `{ text }`. */
export function answerResourceRequest(
  context: ResourceContext,
  method: string,
  route: ResourceRoute,
  query: URLSearchParams,
  body: Buffer,
  contentType: string,
  user: User
): [number, unknown] {
  const { store } = context;
  const { type } = route;
  const collection = route.name === undefined;
  const verb = verbOf(method, collection);
  if (!verb || !type.verbs.includes(verb) || (verb === 'create' && !collection)) {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`
    );
  }
  authorize(
    user,
    {
      verb,
      group: type.group,
      resource: type.plural,
      subresource: route.subresource,
      namespace: route.namespace,
      name: route.name,
    },
    context.faults
  );
  if (route.subresource === 'log') {
    if (verb !== 'get') throw new ApiError(405, 'MethodNotAllowed', 'logs can only be read');
    return [200, { text: logText(context, route, query) }];
  }
  switch (verb) {
    case 'list': {
      const pageSize = context.pageSizes.get(typeKey(type));
      return [200, listResponse(store, type, route.version, route.namespace, query, pageSize)];
    }
    case 'get': {
      const current = store.existing(type, route.namespace, route.name);
      return [200, presented(current, type, route.version)];
    }
    case 'create':
      return createObject(store, route, parseBody(body), user);
    case 'update':
      return [200, updateObject(store, route, parseBody(body) as KubeObject)];
    case 'patch':
      return [200, patchObject(store, route, body, contentType)];
    case 'delete':
      return [200, deleteObject(store, route)];
    default:
      return [200, deleteCollection(store, route, query)];
  }
}

/** `pods/<name>/log`: the container's log, `tailLines` applied. */
export function logText(
  context: ResourceContext,
  route: ResourceRoute,
  query: URLSearchParams
): string {
  const pod = context.store.existing(route.type, route.namespace, route.name);
  return podLogText(pod, query, context.logsOf);
}
