/**
 * A list request's answer as the API server gives it: the `<Kind>List` of
 * the objects the selectors match, in key order, paged by `limit` and
 * `continue`, with the store's resourceVersion.
 */
import { ApiError } from './apiErrors';
import { objectKey, ObjectStore, presented } from './objectStore';
import { matches, selectorsOf } from './querySelectors';
import { groupVersion, ResourceType } from './resourceTypes';

/** The list of a kind's objects in a namespace (all when undefined); `pageSize`: see KubeApi.pageSizes. */
export function listResponse(
  store: ObjectStore,
  type: ResourceType,
  version: string,
  namespace: string | undefined,
  query: URLSearchParams,
  pageSize: number | undefined
) {
  const { labels, fields } = selectorsOf(query, type);
  const matching = [...store.objectsOf(type)]
    .filter(object => matches(object, namespace, labels, fields))
    .sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
  const page = listPage(matching, query, objectKey, pageSize);
  const items = page.items.map(object => {
    const item = presented(object, type, version);
    if (type.builtin) {
      delete item.apiVersion;
      delete item.kind;
    }
    return item;
  });
  return {
    kind: type.listKind,
    apiVersion: groupVersion(type.group, version),
    metadata: {
      resourceVersion: String(store.revision),
      ...(page.continue
        ? { continue: page.continue, remainingItemCount: page.remainingItemCount }
        : {}),
    },
    items,
  };
}

/**
 * `limit` and `continue` as the API server pages a list: at most `limit`
 * items in key order, and a token for the rest (here: the last key given,
 * so a page after a change goes on where the last one stopped).
 */
function listPage<T>(
  sorted: T[],
  query: URLSearchParams,
  keyOf: (item: T) => string,
  pageSize?: number
): { items: T[]; continue?: string; remainingItemCount?: number } {
  let start = 0;
  const token = query.get('continue');
  if (token) {
    let after: unknown;
    try {
      after = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown })
        .after;
    } catch {
      after = undefined;
    }
    if (typeof after !== 'string')
      throw new ApiError(400, 'BadRequest', 'continue key is not valid: malformed token');
    start = sorted.findIndex(item => keyOf(item).localeCompare(after as string) > 0);
    if (start < 0) start = sorted.length;
  }
  const asked = Number(query.get('limit') ?? 0);
  if (!Number.isInteger(asked) || asked <= 0) return { items: sorted.slice(start) };
  const limit = pageSize ? Math.min(asked, pageSize) : asked;
  if (start + limit >= sorted.length) return { items: sorted.slice(start) };
  const items = sorted.slice(start, start + limit);
  return {
    items,
    continue: continueAfter(keyOf(items[items.length - 1])),
    remainingItemCount: sorted.length - start - limit,
  };
}

/** The continue token of a page that ended at this object key (`namespace/name`). */
export function continueAfter(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}
