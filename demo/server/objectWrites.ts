/**
 * Writes through the API: create (names from generateName, the namespace
 * from the path, 409 when it exists), update with its preconditions
 * (resourceVersion, name and namespace), and delete, one object or a
 * selected collection. What a write may not change it keeps from the
 * stored object (`guard`), which PATCH shares.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, qualifiedName } from './apiErrors';
import type { ResourceRoute } from './apiRoutes';
import { selfSubjectReview } from './authorization';
import { KubeObject, objectKey, ObjectStore, presented } from './objectStore';
import { matches, selectorsOf } from './querySelectors';
import type { User } from './rbac';
import { groupVersion } from './resourceTypes';

/** POST on a collection: the stored object (201), or a review's answer for a virtual kind. */
export function createObject(
  store: ObjectStore,
  route: ResourceRoute,
  body: unknown,
  user: User
): [number, unknown] {
  const { type } = route;
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (type.virtual) return [201, selfSubjectReview(type, route.version, input, user)];
  const object = structuredClone(input) as KubeObject;
  object.metadata = (object.metadata ?? {}) as KubeObject['metadata'];
  if (!object.metadata.name) {
    const prefix = object.metadata.generateName;
    if (typeof prefix !== 'string')
      throw new ApiError(
        422,
        'Invalid',
        `${type.kind} is invalid: metadata.name: Required value: name or generateName is required`
      );
    object.metadata.name = `${prefix}${randomUUID().slice(0, 5)}`;
  }
  if (type.namespaced) {
    const namespace = route.namespace ?? object.metadata.namespace ?? 'default';
    if (object.metadata.namespace && object.metadata.namespace !== namespace)
      throw new ApiError(
        400,
        'BadRequest',
        'the namespace of the provided object does not match the namespace sent on the request'
      );
    object.metadata.namespace = namespace;
    if (!store.stored({ group: '', plural: 'namespaces' }, `/${namespace}`))
      throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
        name: namespace,
        kind: 'namespaces',
      });
  }
  object.apiVersion = groupVersion(type.group, route.version);
  object.kind = type.kind;
  if (store.stored(type, objectKey(object))) {
    throw new ApiError(
      409,
      'AlreadyExists',
      `${qualifiedName(type)} "${object.metadata.name}" already exists`,
      {
        name: object.metadata.name,
        group: type.group,
        kind: type.plural,
      }
    );
  }
  delete object.metadata.resourceVersion;
  delete object.metadata.uid;
  delete object.metadata.creationTimestamp;
  store.stamp(object, type);
  if (type.subresources.includes('status') && !type.builtin) delete object.status;
  return [201, presented(store.write(type, object, undefined), type, route.version)];
}

/** PUT on an object (or its `/status`). */
export function updateObject(
  store: ObjectStore,
  route: ResourceRoute,
  body: KubeObject
): KubeObject {
  const current = store.existing(route.type, route.namespace, route.name);
  const next = guard(route, current, body);
  return presented(store.write(route.type, next, current), route.type, route.version);
}

/** DELETE on an object: the object as it was last. */
export function deleteObject(store: ObjectStore, route: ResourceRoute): KubeObject {
  const current = store.existing(route.type, route.namespace, route.name);
  const removed = store.write(route.type, undefined, current, { deleted: true });
  return presented(removed, route.type, route.version);
}

/** DELETE on a collection: every object the selectors match, in the route's namespace. */
export function deleteCollection(
  store: ObjectStore,
  route: ResourceRoute,
  query: URLSearchParams
): unknown {
  const { type } = route;
  const { labels, fields } = selectorsOf(query, type);
  for (const object of [...store.objectsOf(type)]) {
    if (matches(object, route.namespace, labels, fields))
      store.write(type, undefined, object, { deleted: true });
  }
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
}

/** Keeps what the (sub)resource may not change from the stored object. */
export function guard(route: ResourceRoute, current: KubeObject, next: KubeObject): KubeObject {
  if (
    (next.metadata?.name !== undefined && next.metadata.name !== current.metadata.name) ||
    (route.type.namespaced &&
      next.metadata?.namespace !== undefined &&
      next.metadata.namespace !== current.metadata.namespace)
  ) {
    throw new ApiError(400, 'BadRequest', 'the name or namespace of the object cannot be changed');
  }
  const expected = next.metadata?.resourceVersion;
  if (expected !== undefined && expected !== current.metadata.resourceVersion) {
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedName(route.type)} "${
        current.metadata.name
      }": the object has been modified; please apply your changes to the latest version and try again`,
      { name: current.metadata.name, group: route.type.group, kind: route.type.plural }
    );
  }
  let result: KubeObject;
  if (route.subresource === 'status') {
    // Only the status stanza changes through /status.
    result = structuredClone(current);
    if (next.status === undefined) delete result.status;
    else result.status = next.status;
  } else {
    result = structuredClone(next);
    result.metadata = {
      ...(next.metadata ?? {}),
      name: current.metadata.name,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      generation: current.metadata.generation,
      ...(current.metadata.namespace !== undefined
        ? { namespace: current.metadata.namespace }
        : {}),
    };
    // With a status subresource, the main resource cannot change status.
    if (route.type.subresources.includes('status')) {
      if (current.status === undefined) delete result.status;
      else result.status = structuredClone(current.status);
    }
  }
  result.apiVersion = current.apiVersion;
  result.kind = current.kind;
  return result;
}
