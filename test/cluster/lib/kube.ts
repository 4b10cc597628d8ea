import https from 'node:https';

/**
 * A small HTTPS client for the test API server: one bearer token, the test
 * CA, any method and content type. It answers with the status, the parsed
 * body and the API's Warning headers (an unknown field in a PATCH is only a
 * warning by default, so tests read the object back to see what was kept).
 */

export interface Response {
  status: number;
  body: unknown;
  text: string;
  warnings: string[];
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';
export const FIELD_MANAGER = 'hfc-cluster-test';

export interface RequestOptions {
  body?: unknown;
  contentType?: string;
  /** Throw unless the status is 2xx (the default for setup code); tests that expect errors pass false. */
  check?: boolean;
}

export class Kube {
  constructor(
    readonly server: string,
    private readonly token: string,
    private readonly ca: string
  ) {}

  /** The same server as another user. */
  as(token: string): Kube {
    return new Kube(this.server, token, this.ca);
  }

  request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(this.server + path);
    const payload =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.token}`,
      Accept: 'application/json',
    };
    if (payload !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    return new Promise<Response>((resolve, reject) => {
      const req = https.request(url, { method, headers, ca: this.ca, timeout: 30_000 }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          const warning = res.headers.warning;
          const warnings =
            warning === undefined ? [] : Array.isArray(warning) ? warning : [warning];
          const response = { status: res.statusCode ?? 0, body, text, warnings };
          if (options.check !== false && (response.status < 200 || response.status >= 300)) {
            reject(new Error(`${method} ${path}: HTTP ${response.status}: ${text.slice(0, 2000)}`));
            return;
          }
          resolve(response);
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get(path: string, check = true): Promise<Response> {
    return this.request('GET', path, { check });
  }

  /** A JSON merge patch, as the plugin's actions send it (never a PUT). */
  mergePatch(path: string, patch: unknown, check = true): Promise<Response> {
    return this.request('PATCH', path, { body: patch, contentType: MERGE_PATCH, check });
  }

  /** Server-side apply of a whole object (its spec and metadata; status is ignored on the main resource). */
  apply(path: string, object: unknown, fieldManager = FIELD_MANAGER): Promise<Response> {
    const query = new URLSearchParams({ fieldManager, force: 'true', fieldValidation: 'Strict' });
    return this.request('PATCH', `${path}?${query.toString()}`, {
      body: object,
      contentType: APPLY_PATCH,
    });
  }
}

/** An object's own field, as unknown. */
export function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
