/**
 * One request to the in-memory API and its answer, whatever carries them
 * (node HTTP, msw in a component test): the transport-free shapes, the
 * request body as JSON, and how an answer goes out over node HTTP.
 */
import type { ServerResponse } from 'node:http';
import { ApiError } from './apiErrors';
import type { User } from './rbac';

/** One request to the API, whatever carried it (node HTTP, msw in a component test). */
export interface ApiRequest {
  method: string;
  /** Relative to the cluster: `/apis/…`, `/api/…`, `/version`. */
  path: string;
  query: URLSearchParams;
  /** The raw body (empty when none). */
  body: Buffer;
  contentType?: string;
  user: User;
}

/** The answer to an `ApiRequest`: a status, a content type and the body's text. */
export interface ApiAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A request body as JSON (an empty body is `{}`); not JSON is the API server's 400. */
export function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'BadRequest', 'the request body is not valid JSON');
  }
}

export function jsonAnswer(status: number, body: unknown): ApiAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** Sends an answer over node HTTP (JSON with its length and no caching; text as it is). */
export function writeAnswer(response: ServerResponse, answer: ApiAnswer): void {
  if (answer.contentType === 'application/json') {
    response.writeHead(answer.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(answer.body),
      'Cache-Control': 'no-cache, private',
    });
  } else response.writeHead(answer.status, { 'Content-Type': answer.contentType });
  response.end(answer.body);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  writeAnswer(response, jsonAnswer(status, body));
}
