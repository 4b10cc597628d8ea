/**
 * A stand-in for a real cluster's API server, to test the backend's
 * `--kubeconfig` proxy mode: the demo's in-memory staging cluster behind
 * node https (the self-signed certificate of test/fixtures/cli), which
 * requires a client certificate (test/fixtures/e2e) or a bearer token (no
 * anonymous access), refuses a watch handshake without an Origin header (as
 * kube-apiserver does) and records what reaches it. A kubeconfig for it, with
 * the client certificate, is written to a temp file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { demoClusters } from '../../demo/server/demoClusters';
import { rejectUpgrade } from '../../demo/server/webSocket';
import { PROJECT_ROOT } from './harness';

const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', path), 'utf8');
const CERT = fixture('cli/fake-apiserver.crt');
const KEY = fixture('cli/fake-apiserver.key');
const CLIENT_CA = fixture('e2e/client-ca.crt');
const CLIENT_CERT = fixture('e2e/client.crt');
const CLIENT_KEY = fixture('e2e/client.key');

export interface TlsApiServer {
  url: string;
  kubeconfig: string;
  /** Method, path and identity of every request that reached the API server. */
  requests: Array<{ method: string; path: string; identity: string; websocket: boolean }>;
  close(): Promise<void>;
}

/** Who the caller is: its bearer token, else the common name of its verified client certificate. */
function identity(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const socket = request.socket as TLSSocket;
  return socket.authorized ? String(socket.getPeerCertificate().subject.CN) : undefined;
}

export async function startTlsApiServer(context: string): Promise<TlsApiServer> {
  // No default user: a request without credentials is a 401, as on a real cluster.
  const clusters = demoClusters({ defaultUser: 'anonymous' });
  const requests: TlsApiServer['requests'] = [];
  const server = createServer({
    cert: CERT,
    key: KEY,
    ca: [CLIENT_CA],
    requestCert: true,
    rejectUnauthorized: false,
  });
  server.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const token = identity(request);
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      identity: token ?? '',
      websocket: false,
    });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      clusters.http(
        'staging',
        request,
        response,
        url.pathname,
        url.searchParams,
        Buffer.concat(chunks),
        token
      )
    );
  });
  server.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const token = identity(request);
    requests.push({ method: 'GET', path: url.pathname, identity: token ?? '', websocket: true });
    // As kube-apiserver 1.37 does: a watch handshake without an Origin header is refused.
    if (!request.headers.origin) {
      rejectUpgrade(
        socket,
        403,
        '{"kind":"Status","status":"Failure","message":"a WebSocket handshake needs an Origin header (test stand-in)","code":403}'
      );
      return;
    }
    clusters.upgrade('staging', request, socket, head, url.pathname, url.searchParams, token);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const folder = mkdtempSync(join(tmpdir(), 'hfc-e2e-kubeconfig-'));
  const kubeconfig = join(folder, 'config');
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'tls', cluster: { server: url, 'certificate-authority-data': base64(CERT) } },
      ],
      users: [
        {
          name: 'client-cert',
          user: {
            'client-certificate-data': base64(CLIENT_CERT),
            'client-key-data': base64(CLIENT_KEY),
          },
        },
      ],
      contexts: [{ name: context, context: { cluster: 'tls', user: 'client-cert' } }],
      'current-context': context,
    })
  );
  return {
    url,
    kubeconfig,
    requests,
    close: async () => {
      clusters.stop();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
