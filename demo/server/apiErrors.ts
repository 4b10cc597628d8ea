/**
 * The in-memory API server's errors: each one answers as the real server's
 * `Status` object, with its code, reason and wording.
 */
import type { ResourceType } from './resourceTypes';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message);
  }

  status() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** An error as the API answers it: itself when it is an ApiError, else a 500. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(500, 'InternalError', error instanceof Error ? error.message : String(error));
}

/** A path that names nothing the server serves. */
export const NOT_FOUND_PATH = () =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource');

/** A kind as the API server names it in messages: `plural.group`, or the plural for the core group. */
export function qualifiedName(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** A named object of a served kind that is not there. */
export function notFound(type: ResourceType, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedName(type)} "${name}" not found`, {
    name,
    group: type.group,
    kind: type.plural,
  });
}
