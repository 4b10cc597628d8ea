/**
 * Who may do what on the in-memory API server, on top of the role table in
 * rbac.ts: the RBAC verb a request is, the 403 (with the API server's
 * wording) or a test's fault before it runs, and the answers to the
 * self-subject reviews (access, rules, who am I) that ask the same table.
 */
import { ApiError } from './apiErrors';
import type { Faults } from './faults';
import {
  accessReviewStatus,
  allowed,
  forbiddenMessage,
  ResourceAttributes,
  rulesReviewStatus,
  User,
} from './rbac';
import { groupVersion, ResourceType } from './resourceTypes';

/** The RBAC verb of a request on a resource ('' for a method the API has no verb for). */
export function verbOf(method: string, collection: boolean): string {
  return method === 'GET'
    ? collection
      ? 'list'
      : 'get'
    : method === 'POST'
    ? 'create'
    : method === 'PUT'
    ? 'update'
    : method === 'PATCH'
    ? 'patch'
    : method === 'DELETE'
    ? collection
      ? 'deletecollection'
      : 'delete'
    : '';
}

/** Throws the 403 when the user's role does not allow the request, else a matching test fault. */
export function authorize(user: User, attributes: ResourceAttributes, faults: Faults): void {
  if (!allowed(user, attributes)) {
    throw new ApiError(403, 'Forbidden', forbiddenMessage(user, attributes), {
      ...(attributes.name ? { name: attributes.name } : {}),
      group: attributes.group,
      kind: attributes.resource,
    });
  }
  const fault = faults.match(user, attributes);
  if (fault) throw new ApiError(fault.code, fault.reason, fault.message, fault.details);
}

/** The answer to creating a review (a virtual kind, never stored): the spec asked and its status. */
export function selfSubjectReview(
  type: ResourceType,
  version: string,
  input: Record<string, unknown>,
  user: User
): unknown {
  const spec = (input.spec ?? {}) as Record<string, unknown>;
  let status: unknown;
  if (type.plural === 'selfsubjectaccessreviews') status = accessReviewStatus(user, spec);
  else if (type.plural === 'selfsubjectrulesreviews') status = rulesReviewStatus(user);
  else status = { userInfo: { username: user.name, groups: user.groups } };
  return {
    kind: type.kind,
    apiVersion: groupVersion(type.group, version),
    metadata: { creationTimestamp: null },
    spec,
    status,
  };
}
