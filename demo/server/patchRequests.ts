/**
 * PATCH on an object or its `/status`, by the request's media type: JSON
 * merge patch, JSON patch, and strategic merge patch for built-in kinds
 * (as a merge patch: the demo's kinds have no list merge keys in play).
 * The patched object then goes through the same guard as an update.
 */
import { ApiError } from './apiErrors';
import { parseBody } from './apiMessages';
import type { ResourceRoute } from './apiRoutes';
import { KubeObject, ObjectStore, presented } from './objectStore';
import { guard } from './objectWrites';
import { Json, jsonPatch, mergePatch, PatchError } from './patch';

export function patchObject(
  store: ObjectStore,
  route: ResourceRoute,
  body: Buffer,
  contentType: string
): KubeObject {
  const current = store.existing(route.type, route.namespace, route.name);
  const mediaType = contentType.split(';')[0].trim();
  const document = parseBody(body);
  let patched: Json;
  try {
    if (mediaType === 'application/merge-patch+json') {
      patched = mergePatch(current as unknown as Json, document as Json);
    } else if (mediaType === 'application/json-patch+json') {
      patched = jsonPatch(current as unknown as Json, document);
    } else if (mediaType === 'application/strategic-merge-patch+json' && route.type.builtin) {
      // Close enough for the demo's built-in kinds: no list merge keys are involved.
      patched = mergePatch(current as unknown as Json, document as Json);
    } else {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json${
          route.type.builtin ? ', application/strategic-merge-patch+json' : ''
        }`
      );
    }
  } catch (error) {
    if (error instanceof PatchError) throw new ApiError(422, 'Invalid', error.message);
    throw error;
  }
  const candidate = patched as unknown as KubeObject;
  // A resourceVersion in a patch is a precondition only when the client set it.
  const sentVersion =
    typeof document === 'object' && document !== null
      ? ((document as KubeObject).metadata?.resourceVersion as string | undefined)
      : undefined;
  if (sentVersion === undefined && candidate.metadata)
    candidate.metadata.resourceVersion = undefined;
  const next = guard(route, current, candidate);
  return presented(store.write(route.type, next, current), route.type, route.version);
}
