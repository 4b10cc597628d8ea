/**
 * What the clusters received, for the browser tests: one log shared by every
 * way in (the Headlamp-contract backend's `/clusters/<name>/…` and the TLS
 * API servers a real Headlamp talks to), and the test-only endpoints that
 * read and reset it: `GET|DELETE /_demo/requests`, `POST /_demo/reset`, and
 * `PUT /_demo/list-delay?ms=N` (every cluster GET but discovery answers N ms late).
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './kubeApi';

export interface RecordedRequest {
  time: string;
  method: string;
  cluster: string;
  /** Path relative to the cluster (`/apis/…`). */
  path: string;
  /** Query string without `?`. */
  query: string;
  contentType?: string;
  body?: unknown;
  /** The user the request ran as (demo clusters). */
  user?: string;
  websocket?: boolean;
  /** The HTTP status of the answer, once sent (101 for accepted WebSocket upgrades). */
  status?: number;
}

const KEPT = 5000;

export class RequestLog {
  private readonly entries: RecordedRequest[] = [];
  private readonly answers = new WeakMap<RecordedRequest, () => number | undefined>();

  /** Adds a request; `status` tells its answer's status once it is sent. */
  record(entry: RecordedRequest, status: () => number | undefined): void {
    this.entries.push(entry);
    this.answers.set(entry, status);
    if (this.entries.length > KEPT) this.entries.splice(0, this.entries.length - KEPT);
  }

  /** Oldest first, each with its answer's status as far as it is known. */
  list(): RecordedRequest[] {
    return this.entries.map(entry => ({ ...entry, status: this.answers.get(entry)?.() }));
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Test-only: how late cluster GETs (discovery aside) answer. */
  listDelayMs = 0;

  private holds: Array<{ match: (request: HeldRequest) => boolean; waiting: Array<() => void> }> =
    [];

  /**
   * Test-only: cluster requests that `match` are held unanswered until the
   * returned function is called, which answers them and stops holding.
   */
  hold(match: (request: HeldRequest) => boolean): () => void {
    const hold = { match, waiting: [] as Array<() => void> };
    this.holds.push(hold);
    return () => {
      this.holds = this.holds.filter(other => other !== hold);
      for (const resume of hold.waiting.splice(0)) resume();
    };
  }

  /** Waits the list delay before a cluster GET that is not discovery, and while a hold matches. */
  async delay(
    method: string,
    clusterPath: string,
    query: URLSearchParams = new URLSearchParams()
  ): Promise<void> {
    if (this.listDelayMs > 0 && method === 'GET' && !isDiscoveryPath(clusterPath))
      await new Promise(resolveDelay => setTimeout(resolveDelay, this.listDelayMs));
    const hold = this.holds.find(candidate =>
      candidate.match({ method, path: clusterPath, query })
    );
    if (hold) await new Promise<void>(resume => hold.waiting.push(resume));
  }
}

/** What a hold decides on. */
export interface HeldRequest {
  method: string;
  /** Relative to the cluster. */
  path: string;
  query: URLSearchParams;
}

export function isDiscoveryPath(path: string): boolean {
  return path === '/version' || /^\/api(\/[^/]+)?\/?$|^\/apis(\/[^/]+){0,2}\/?$/.test(path);
}

/** Parses a request body for the log: JSON when it is JSON, else its text. */
export function loggedBody(body: Buffer): unknown {
  if (!body.length) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
}

/** Answers a test-only endpoint; false when `path` is not one. */
export function serveTestEndpoint(
  url: URL,
  method: string,
  response: ServerResponse,
  log: RequestLog,
  reset: (() => void) | undefined
): boolean {
  const path = url.pathname;
  if (path === '/_demo/requests' && method === 'GET') {
    sendJson(response, 200, log.list());
    return true;
  }
  if (path === '/_demo/requests' && method === 'DELETE') {
    log.clear();
    sendJson(response, 200, { message: 'cleared' });
    return true;
  }
  if (path === '/_demo/list-delay' && method === 'PUT') {
    const ms = Number(url.searchParams.get('ms'));
    if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) {
      sendJson(response, 400, { message: 'ms must be an integer from 0 to 60000' });
      return true;
    }
    log.listDelayMs = ms;
    sendJson(response, 200, { message: `cluster GETs answer after ${ms} ms` });
    return true;
  }
  if (path === '/_demo/reset' && method === 'POST') {
    reset?.();
    log.listDelayMs = 0;
    log.clear();
    sendJson(response, 200, { message: 'reset' });
    return true;
  }
  return false;
}
