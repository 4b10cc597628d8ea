import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { asObject, asString } from '../model/json';
import { inputError, messageOf } from './errors';

/**
 * A minimal GET-only Kubernetes client: @kubernetes/client-node loads the
 * kubeconfig and applies its authentication (token, client certificate, exec
 * plugin, CA, proxy); the request itself is plain node http(s), so list
 * responses stay plain JSON (the generated typed clients would turn
 * timestamps into Date objects).
 */

export interface KubeResponse {
  /** HTTP status; undefined when no response arrived (connection refused, timeout, TLS). */
  status?: number;
  body?: unknown;
  /** The API's Status message for errors, or the transport error. */
  message: string;
}

export interface KubeClient {
  /** The context name; objects read through it get it as their `cluster`. */
  context: string;
  /** The context's namespace, when the kubeconfig names one (where a namespace-limited user can list). */
  namespace?: string;
  server: string;
  get(path: string): Promise<KubeResponse>;
}

export interface ConnectOptions {
  kubeconfig?: string;
  /** Context to use; the kubeconfig's current context when absent. */
  context?: string;
  timeoutMs?: number;
}

async function loadKubeConfig(options: ConnectOptions): Promise<KubeConfig> {
  const { KubeConfig: KubeConfigClass } = await import('@kubernetes/client-node');
  const kc = new KubeConfigClass();
  try {
    if (options.kubeconfig !== undefined) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    throw inputError(
      `cannot load kubeconfig ${options.kubeconfig ?? '(default)'}: ${messageOf(error)}`
    );
  }
  if (options.context !== undefined) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map(context => context.name);
      throw inputError(
        `context "${options.context}" is not in kubeconfig ${options.kubeconfig ?? '(default)'}${
          known.length ? ` (contexts: ${known.join(', ')})` : ''
        }`
      );
    }
    kc.setCurrentContext(options.context);
  }
  return kc;
}

export async function connect(options: ConnectOptions): Promise<KubeClient> {
  const kc = await loadKubeConfig(options);
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    throw inputError(
      `kubeconfig ${options.kubeconfig ?? '(default)'} has no ${
        context ? `cluster for context "${context}"` : 'current context: give --context'
      }`
    );
  }
  const server = cluster.server.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  let base: Promise<https.RequestOptions> | undefined;
  const requestOptions = (): Promise<https.RequestOptions> => {
    base ??= (async () => {
      const opts: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(opts);
      return opts;
    })();
    return base;
  };

  const namespace = kc.getContextObject(context)?.namespace || undefined;
  return {
    context,
    ...(namespace ? { namespace } : {}),
    server,
    async get(path: string): Promise<KubeResponse> {
      let opts: https.RequestOptions;
      try {
        opts = await requestOptions();
      } catch (error) {
        // Credentials that cannot be produced (exec plugin failed, file missing): nothing can be read.
        throw inputError(`cannot authenticate to context "${context}": ${messageOf(error)}`);
      }
      return request(new URL(server + path), opts, timeoutMs);
    },
  };
}

function request(url: URL, base: https.RequestOptions, timeoutMs: number): Promise<KubeResponse> {
  const transport = url.protocol === 'http:' ? http : https;
  const headers = { ...(asObject(base.headers) ?? {}), Accept: 'application/json' };
  return new Promise(resolve => {
    const req = transport.request(
      url,
      { ...base, method: 'GET', headers, timeout: timeoutMs },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', error => resolve({ message: messageOf(error) }));
        res.on('end', () => {
          const status = res.statusCode;
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          const ok = status !== undefined && status >= 200 && status < 300;
          const apiMessage = asString(asObject(body)?.message);
          const message = ok
            ? ''
            : apiMessage ?? (text.trim().split('\n')[0] || `HTTP ${status ?? '?'}`);
          if (ok && body === undefined) {
            resolve({
              status: 502,
              message: `the server answered ${url.pathname} with something that is not JSON`,
            });
            return;
          }
          resolve({ status, body, message });
        });
      }
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)}s`))
    );
    req.on('error', error => resolve({ message: messageOf(error) }));
    req.end();
  });
}
