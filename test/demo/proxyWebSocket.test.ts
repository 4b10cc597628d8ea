/**
 * The shell backend's `--kubeconfig` proxy passes a watch's WebSocket
 * handshake on as an API server accepts it: the browser's Origin (without
 * it kube-apiserver refuses with 403), the key and Kubernetes' subprotocol —
 * not Headlamp's own token subprotocol — and the kubeconfig's credentials.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { IncomingHttpHeaders, request, Server } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackend } from '../../demo/server/backend';
import { makeServingCertificate } from '../../demo/server/certificates';
import { kubeconfigClusters } from '../../demo/server/proxy';
import { acceptWebSocket } from '../../demo/server/webSocket';

const seen: IncomingHttpHeaders[] = [];
let upstream: ReturnType<typeof createServer>;
let backend: Server;
let folder: string;

const listening = (server: Server | ReturnType<typeof createServer>) =>
  new Promise<number>(resolveListen =>
    server.listen(0, '127.0.0.1', () => resolveListen((server.address() as AddressInfo).port))
  );

beforeAll(async () => {
  const certificate = makeServingCertificate();
  upstream = createServer({ cert: certificate.cert, key: certificate.key });
  upstream.on('upgrade', (req, socket) => {
    seen.push(req.headers);
    const ws = acceptWebSocket(req, socket, offered => offered[0] ?? '');
    ws?.sendText('{"type":"ADDED","object":{}}');
  });
  const port = await listening(upstream);
  folder = mkdtempSync(join(tmpdir(), 'hfc-test-proxy-'));
  const kubeconfig = join(folder, 'config');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'c',
          cluster: {
            server: `https://127.0.0.1:${port}`,
            'certificate-authority-data': Buffer.from(certificate.ca).toString('base64'),
          },
        },
      ],
      users: [{ name: 'u', user: { token: 'kubeconfig-token' } }],
      contexts: [{ name: 'real', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'real',
    })
  );
  backend = createBackend({
    provider: await kubeconfigClusters(kubeconfig),
    plugins: [],
    shellDir: folder,
  }).server;
  await listening(backend);
}, 30_000);

afterAll(async () => {
  backend?.closeAllConnections();
  backend?.close();
  upstream?.closeAllConnections();
  upstream?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

it("forwards a watch handshake with the browser's Origin, the key and Kubernetes' subprotocol", async () => {
  const port = (backend.address() as AddressInfo).port;
  const answer = await new Promise<{ status: number; protocol: unknown }>(
    (resolveAnswer, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: '/clusters/real/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations?watch=1',
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          Origin: `http://127.0.0.1:${port}`,
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Protocol': 'base64url.headlamp.secret, base64.binary.k8s.io',
        },
      });
      req.on('upgrade', (response, socket) => {
        socket.destroy();
        resolveAnswer({
          status: response.statusCode ?? 0,
          protocol: response.headers['sec-websocket-protocol'],
        });
      });
      req.on('response', response =>
        resolveAnswer({ status: response.statusCode ?? 0, protocol: undefined })
      );
      req.on('error', reject);
      req.end();
    }
  );
  expect(answer).toEqual({ status: 101, protocol: 'base64.binary.k8s.io' });
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({
    origin: `http://127.0.0.1:${port}`,
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'sec-websocket-protocol': 'base64.binary.k8s.io',
    authorization: 'Bearer kubeconfig-token',
  });
});
