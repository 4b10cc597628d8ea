/**
 * Test-only: answers an in-memory API server gives instead of the real one,
 * for the failures a component test shows (a 403 where a role says no, a 404,
 * a 409 conflict or 422 on a PATCH, a 500). A fault matches requests by their
 * RBAC attributes (verb, group, resource, namespace, name) and answers with
 * the API server's own `Status` and wording for that code. Nothing in the
 * demo adds one.
 */
import type { ResourceAttributes, User } from './rbac';
import { forbiddenMessage } from './rbac';

export interface Fault {
  /** RBAC verbs (`list`, `watch`, `get`, `patch`, …); unset: every verb. */
  verbs?: string[];
  /** '' for the core group; unset: every group. */
  group?: string;
  /** The plural (`kustomizations`); unset: every resource. */
  resource?: string;
  subresource?: string;
  /** Only requests in this namespace. */
  namespace?: string;
  /** Only requests across all namespaces (a namespaced kind listed cluster-wide). */
  clusterWide?: boolean;
  name?: string;
  /** The HTTP status to answer with. */
  code: number;
  /** The Status message (default: the API server's wording for the code). */
  message?: string;
  /** Answers this many matching requests, then is gone (default: every one). */
  times?: number;
}

/** What an API error is made of: the `Status` fields. */
export interface FaultAnswer {
  code: number;
  reason: string;
  message: string;
  details: Record<string, unknown>;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function qualified(attributes: ResourceAttributes): string {
  return attributes.group ? `${attributes.resource}.${attributes.group}` : attributes.resource;
}

/** The API server's wording of an error with this code, for this request. */
function defaultMessage(code: number, user: User, attributes: ResourceAttributes): string {
  const name = attributes.name ?? '';
  switch (code) {
    case 403:
      return forbiddenMessage(user, attributes);
    case 404:
      return name
        ? `${qualified(attributes)} "${name}" not found`
        : 'the server could not find the requested resource';
    case 409:
      return `Operation cannot be fulfilled on ${qualified(
        attributes
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`;
    case 422:
      return `${qualified(attributes)} "${name}" is invalid`;
    case 429:
      return 'the server has received too many requests and has asked us to try again later';
    case 503:
      return 'the server is currently unable to handle the request';
    default:
      return 'an error on the server ("") has prevented the request from succeeding';
  }
}

export class Faults {
  private faults: Fault[] = [];

  /** Adds a fault; returns the function that removes it. */
  add(fault: Fault): () => void {
    const entry = { ...fault };
    this.faults.push(entry);
    return () => {
      this.faults = this.faults.filter(other => other !== entry);
    };
  }

  clear(): void {
    this.faults = [];
  }

  /** The answer of the first fault that matches the request, if any (a limited fault counts it). */
  match(user: User, attributes: ResourceAttributes): FaultAnswer | undefined {
    const fault = this.faults.find(
      candidate =>
        (!candidate.verbs || candidate.verbs.includes(attributes.verb)) &&
        (candidate.group === undefined || candidate.group === attributes.group) &&
        (candidate.resource === undefined || candidate.resource === attributes.resource) &&
        (candidate.subresource === undefined || candidate.subresource === attributes.subresource) &&
        (candidate.namespace === undefined || candidate.namespace === attributes.namespace) &&
        (!candidate.clusterWide || attributes.namespace === undefined) &&
        (candidate.name === undefined || candidate.name === attributes.name)
    );
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0)
      this.faults = this.faults.filter(other => other !== fault);
    return {
      code: fault.code,
      reason: REASONS[fault.code] ?? 'Unknown',
      message: fault.message ?? defaultMessage(fault.code, user, attributes),
      details: {
        ...(attributes.name ? { name: attributes.name } : {}),
        group: attributes.group,
        kind: attributes.resource,
      },
    };
  }
}
