/**
 * `--kubeconfig PATH [--context NAME]`: the backend serves real clusters.
 * Each context of the kubeconfig is one Headlamp cluster (named after the
 * context); requests to `/clusters/<context>/…` go to its API server with
 * the kubeconfig's TLS settings (CA, client certificate, insecure-skip-tls-
 * verify, server name) and credentials (token, token file, client
 * certificate, basic auth, exec plugins), as @kubernetes/client-node applies
 * them. A token the user gave Headlamp (the set-token cookie, or an
 * Authorization header) replaces the kubeconfig's credentials. Responses are
 * streamed (HTTP watches included); WebSocket upgrades are passed through
 * with the browser's Origin.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { IncomingMessage, request as httpRequest, RequestOptions, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { ClusterProvider } from './backend';
import { sendJson } from './kubeApi';
import { rejectUpgrade } from './webSocket';

/** Request headers passed to the API server as they are. */
const FORWARDED = ['accept', 'content-type', 'user-agent', 'accept-encoding'];
/**
 * WebSocket handshake headers passed through. `origin` too: kube-apiserver
 * refuses (403) a watch handshake without one.
 */
const WEBSOCKET_HEADERS = [
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'origin',
];
/** Response headers not to copy back (hop-by-hop). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
]);

interface Target {
  context: string;
  server: URL;
  kubeConfig: KubeConfig;
}

function loadTargets(KubeConfigClass: typeof KubeConfig, path: string, only?: string): Target[] {
  const probe = new KubeConfigClass();
  probe.loadFromFile(path);
  const contexts = probe.getContexts().map(context => context.name);
  if (only && !contexts.includes(only)) {
    throw new Error(
      `context "${only}" is not in ${path} (contexts: ${contexts.join(', ') || 'none'})`
    );
  }
  return (only ? [only] : contexts).map(context => {
    const kubeConfig = new KubeConfigClass();
    kubeConfig.loadFromFile(path);
    kubeConfig.setCurrentContext(context);
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error(`context "${context}" names no cluster in ${path}`);
    return { context, server: new URL(cluster.server.replace(/\/+$/, '') + '/'), kubeConfig };
  });
}

/** The options of one request to the cluster: TLS and credentials from the kubeconfig, or the user's token. */
async function requestOptions(target: Target, token: string | undefined): Promise<RequestOptions> {
  const options: RequestOptions & { headers: Record<string, string> } = { headers: {} };
  await target.kubeConfig.applyToHTTPSOptions(options);
  if (token) {
    // The user's own identity: no kubeconfig credentials beside it.
    delete options.headers.Authorization;
    delete options.headers.authorization;
    delete (options as { cert?: unknown }).cert;
    delete (options as { key?: unknown }).key;
    delete options.auth;
    options.headers.Authorization = `Bearer ${token}`;
  }
  return options;
}

function upstreamPath(target: Target, path: string, query: URLSearchParams): string {
  const base = target.server.pathname.replace(/\/+$/, '');
  const search = query.toString();
  return `${base}${path}${search ? `?${search}` : ''}`;
}

function send(target: Target, options: RequestOptions) {
  const secure = target.server.protocol === 'https:';
  return (secure ? httpsRequest : httpRequest)({
    ...options,
    protocol: target.server.protocol,
    hostname: target.server.hostname.replace(/^\[|\]$/g, ''),
    port: target.server.port || (secure ? 443 : 80),
  });
}

function unreachable(target: Target, error: Error) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `cannot reach the API server of context ${target.context} (${target.server.origin}): ${error.message}`,
    reason: 'ServiceUnavailable',
    code: 503,
  };
}

export async function kubeconfigClusters(path: string, context?: string): Promise<ClusterProvider> {
  const { KubeConfig: KubeConfigClass } = await import('@kubernetes/client-node');
  const targets = new Map(
    loadTargets(KubeConfigClass, path, context).map(target => [target.context, target])
  );
  if (targets.size === 0) throw new Error(`${path} has no contexts`);

  return {
    clusters: () =>
      [...targets.values()].map(target => ({
        name: target.context,
        server: target.server.toString(),
      })),
    has: name => targets.has(name),
    userName: (_cluster, token) => (token ? 'token given to Headlamp' : 'kubeconfig user'),

    http(cluster, request: IncomingMessage, response: ServerResponse, path, query, body, token) {
      const target = targets.get(cluster) as Target;
      requestOptions(target, token)
        .then(options => {
          const headers = { ...(options.headers as Record<string, string>) };
          for (const name of FORWARDED) {
            const value = request.headers[name];
            if (typeof value === 'string') headers[name] = value;
          }
          if (body.length) headers['content-length'] = String(body.length);
          const upstream = send(target, {
            ...options,
            method: request.method,
            path: upstreamPath(target, path, query),
            headers,
          });
          upstream.on('response', answer => {
            const copied: Record<string, string | string[]> = {};
            for (const [name, value] of Object.entries(answer.headers)) {
              if (value !== undefined && !HOP_BY_HOP.has(name)) copied[name] = value;
            }
            response.writeHead(answer.statusCode ?? 502, copied);
            answer.pipe(response);
          });
          upstream.on('error', error => {
            if (!response.headersSent) sendJson(response, 503, unreachable(target, error));
            else response.destroy(error);
          });
          // A browser leaving a watch ends the upstream watch too.
          response.on('close', () => upstream.destroy());
          upstream.end(body);
        })
        .catch(error => sendJson(response, 500, { message: `kubeconfig: ${String(error)}` }));
    },

    upgrade(cluster, request: IncomingMessage, socket: Duplex, head: Buffer, path, query, token) {
      const target = targets.get(cluster) as Target;
      requestOptions(target, token)
        .then(options => {
          const headers: Record<string, string> = {
            ...(options.headers as Record<string, string>),
            Connection: 'Upgrade',
            Upgrade: 'websocket',
          };
          for (const name of WEBSOCKET_HEADERS) {
            const value = request.headers[name];
            if (typeof value === 'string') headers[name] = value;
          }
          // Kubernetes' subprotocols only: Headlamp's own (token in a protocol) stays here.
          const protocols = String(request.headers['sec-websocket-protocol'] ?? '')
            .split(',')
            .map(protocol => protocol.trim())
            .filter(protocol => protocol && !protocol.startsWith('base64url.headlamp.'));
          if (protocols.length) headers['sec-websocket-protocol'] = protocols.join(', ');
          const upstream = send(target, {
            ...options,
            method: 'GET',
            path: upstreamPath(target, path, query),
            headers,
          });
          upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
            let head101 = `HTTP/1.1 101 Switching Protocols\r\n`;
            for (let i = 0; i < answer.rawHeaders.length; i += 2) {
              head101 += `${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}\r\n`;
            }
            socket.write(`${head101}\r\n`);
            if (upstreamHead.length) socket.write(upstreamHead);
            if (head.length) upstreamSocket.write(head);
            upstreamSocket.pipe(socket);
            socket.pipe(upstreamSocket);
            const close = () => {
              upstreamSocket.destroy();
              socket.destroy();
            };
            upstreamSocket.on('error', close);
            socket.on('error', close);
            upstreamSocket.on('close', close);
            socket.on('close', close);
          });
          upstream.on('response', answer => {
            // The API server refused the upgrade (401, 403, 404…): pass its answer on.
            const chunks: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => chunks.push(chunk));
            answer.on('end', () =>
              rejectUpgrade(
                socket,
                answer.statusCode ?? 502,
                Buffer.concat(chunks).toString('utf8')
              )
            );
          });
          upstream.on('error', error =>
            rejectUpgrade(socket, 503, JSON.stringify(unreachable(target, error)))
          );
          upstream.end();
        })
        .catch(error =>
          rejectUpgrade(socket, 500, JSON.stringify({ message: `kubeconfig: ${String(error)}` }))
        );
    },
  };
}
