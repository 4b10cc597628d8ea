/**
 * The demo clusters as API servers of their own, over TLS on 127.0.0.1 (one
 * port per cluster, the API at the root as on a real cluster): what a real
 * Headlamp, `diagnose --kubeconfig` or kubectl talk to through the kubeconfig
 * the demo writes. Credentials are bearer tokens (`admin`, `reader`); a
 * request without any is refused with 401 — here nobody is the backend's own
 * identity.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ClusterProvider, readBody } from './backend';
import type { ServingCertificate } from './certificates';
import { closerFor } from './closer';
import { sendJson } from './kubeApi';
import { loggedBody, RequestLog } from './requestLog';
import { rejectUpgrade } from './webSocket';

export interface TlsApiServers {
  /** `https://127.0.0.1:PORT` of each cluster. */
  urls: Map<string, string>;
  close(): Promise<void>;
}

const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (!header?.toLowerCase().startsWith('bearer ')) return undefined;
  return header.slice(7).trim() || undefined;
}

function serveCluster(
  cluster: string,
  provider: ClusterProvider,
  certificate: ServingCertificate,
  log: RequestLog
): Server {
  const server = createServer({ cert: certificate.cert, key: certificate.key });
  const entry = (request: IncomingMessage, url: URL, token: string | undefined) => {
    const contentType = request.headers['content-type'];
    return {
      time: new Date().toISOString(),
      method: request.method ?? 'GET',
      cluster,
      path: url.pathname,
      query: url.search.slice(1),
      ...(contentType ? { contentType } : {}),
      user: token ? provider.userName?.(cluster, token) : 'no credentials',
    };
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const token = bearerToken(request);
    readBody(request)
      .then(async body => {
        const parsed = loggedBody(body);
        log.record(
          { ...entry(request, url, token), ...(parsed !== undefined ? { body: parsed } : {}) },
          () => (response.headersSent ? response.statusCode : undefined)
        );
        if (!token) {
          sendJson(response, 401, UNAUTHORIZED);
          return;
        }
        await log.delay(request.method ?? 'GET', url.pathname, url.searchParams);
        provider.http(cluster, request, response, url.pathname, url.searchParams, body, token);
      })
      .catch(() => response.destroy());
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const token = bearerToken(request);
    log.record({ ...entry(request, url, token), websocket: true }, () => (token ? 101 : 401));
    if (!token) {
      rejectUpgrade(socket, 401, JSON.stringify(UNAUTHORIZED));
      return;
    }
    provider.upgrade(cluster, request, socket, head, url.pathname, url.searchParams, token);
  });
  return server;
}

export async function startTlsApiServers(
  provider: ClusterProvider,
  certificate: ServingCertificate,
  log: RequestLog
): Promise<TlsApiServers> {
  const closers: Array<() => Promise<void>> = [];
  const urls = new Map<string, string>();
  for (const { name } of provider.clusters()) {
    const server = serveCluster(name, provider, certificate, log);
    closers.push(closerFor(server));
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolveListen());
    });
    urls.set(name, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls,
    close: async () => {
      await Promise.all(closers.map(close => close()));
    },
  };
}
