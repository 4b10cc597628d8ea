/**
 * The Headlamp backend contract, served by Node for the demo:
 *
 * - `GET /config`: the cluster list (Headlamp polls it);
 * - `GET /plugins`: `[{path, type, name}]`, then `<path>/main.js` and
 *   `<path>/package.json` of each plugin (here: the project's own `dist/`);
 * - `/clusters/<name>/…`: the Kubernetes API of that cluster, WebSocket
 *   watches included (`base64.binary.k8s.io`), and
 *   `POST /clusters/<name>/set-token`, which keeps the user's token in an
 *   HttpOnly cookie as Headlamp's backend does;
 * - everything else: the shell's static files (with the SPA fallback to
 *   index.html), and `/iconify/mdi.json` for the shell's icons.
 *
 * Test-only endpoints (with `testEndpoints`): `GET|DELETE /_demo/requests`
 * (every cluster request received, oldest first), `POST /_demo/reset`
 * (the scenario as it was at start, through watch events; the delay below back
 * to 0) and `PUT /_demo/list-delay?ms=N` (every cluster GET but discovery
 * answers N ms late: a slow API server, for the loading-state tests).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { sendJson } from './kubeApi';
import { loggedBody, RequestLog, serveTestEndpoint } from './requestLog';
import { acceptWebSocket, isWebSocketUpgrade, rejectUpgrade } from './webSocket';

export type { RecordedRequest } from './requestLog';

/** What serves the clusters: the in-memory demo clusters or a proxy to real ones. */
export interface ClusterProvider {
  /** The entries of `/config`. */
  clusters(): Array<{ name: string; server: string }>;
  has(name: string): boolean;
  /** Serves one HTTP request for the cluster (`path` relative to the cluster). */
  http(
    cluster: string,
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
    body: Buffer,
    token: string | undefined
  ): void;
  /** Serves one WebSocket upgrade for the cluster. */
  upgrade(
    cluster: string,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    path: string,
    query: URLSearchParams,
    token: string | undefined
  ): void;
  /** The user a token acts as, for the request log (demo clusters only). */
  userName?(cluster: string, token: string | undefined): string | undefined;
  reset?(): void;
}

export interface PluginSource {
  /** Folder name under `plugins/` (Headlamp uses the package name). */
  name: string;
  /** The built plugin: `main.js` and, when it has any, `locales/`. */
  distDir: string;
  packageJson: string;
}

export interface BackendOptions {
  provider: ClusterProvider;
  plugins: PluginSource[];
  /** The built shell (index.html and assets/). */
  shellDir: string;
  testEndpoints?: boolean;
  /** Where cluster requests are recorded (shared with the TLS API servers); a new one by default. */
  requestLog?: RequestLog;
  log?: (line: string) => void;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const TOKEN_COOKIE = 'headlamp-auth-';

function cookies(request: IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) result[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return result;
}

/** The caller's token for a cluster: `Authorization: Bearer …`, else the cookie set by set-token. */
function tokenFor(request: IncomingMessage, cluster: string): string | undefined {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim() || undefined;
  return cookies(request)[TOKEN_COOKIE + cluster] || undefined;
}

/** The whole body of a request. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const require = createRequire(import.meta.url);
const iconCache = new Map<string, unknown>();

/** Iconify's API shape for the Material Design Icons in `@iconify/icons-mdi`. */
function iconSet(prefix: string, names: string[]) {
  const icons: Record<string, unknown> = {};
  const notFound: string[] = [];
  for (const name of names) {
    if (prefix !== 'mdi' || !/^[a-z0-9-]+$/.test(name)) {
      notFound.push(name);
      continue;
    }
    if (!iconCache.has(name)) {
      try {
        iconCache.set(
          name,
          (require(`@iconify/icons-mdi/${name}.js`) as { default: unknown }).default
        );
      } catch {
        iconCache.set(name, undefined);
      }
    }
    const icon = iconCache.get(name);
    if (icon) icons[name] = icon;
    else notFound.push(name);
  }
  return {
    prefix,
    icons,
    ...(notFound.length ? { not_found: notFound } : {}),
    width: 24,
    height: 24,
  };
}

export function createBackend(options: BackendOptions): {
  server: Server;
  requestLog: RequestLog;
} {
  const { provider } = options;
  const requestLog = options.requestLog ?? new RequestLog();
  const shellDir = resolve(options.shellDir);

  const serveFile = (response: ServerResponse, file: string, cache: boolean) => {
    const body = readFileSync(file);
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': cache ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    response.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = request.method ?? 'GET';

    if (path === '/config' && method === 'GET') {
      sendJson(response, 200, {
        clusters: provider.clusters().map(cluster => ({
          name: cluster.name,
          server: cluster.server,
          auth_type: '',
          meta_data: { source: 'kubeconfig', namespace: '', extensions: null },
        })),
        isDynamicClusterEnabled: false,
        allowKubeconfigChanges: false,
      });
      return;
    }

    if (path === '/plugins' && method === 'GET') {
      sendJson(
        response,
        200,
        options.plugins.map(plugin => ({
          path: `plugins/${plugin.name}`,
          type: 'development',
          name: plugin.name,
        }))
      );
      return;
    }

    const pluginFile = /^\/plugins\/([^/]+)\/(.+)$/.exec(path);
    if (pluginFile && method === 'GET') {
      // Like Headlamp's backend: the plugin folder's files, 404 for the rest (e.g. absent locales).
      const plugin = options.plugins.find(candidate => candidate.name === pluginFile[1]);
      const dist = plugin && resolve(plugin.distDir);
      const file =
        plugin && dist
          ? pluginFile[2] === 'package.json'
            ? plugin.packageJson
            : normalize(join(dist, decodeURIComponent(pluginFile[2])))
          : undefined;
      if (
        !file ||
        !dist ||
        (file !== plugin?.packageJson && !file.startsWith(dist + sep)) ||
        !existsSync(file) ||
        !statSync(file).isFile()
      ) {
        sendJson(response, 404, { message: 'not found' });
        return;
      }
      serveFile(response, file, false);
      return;
    }

    const cluster = /^\/clusters\/([^/]+)(\/.*)?$/.exec(path);
    if (cluster) {
      const name = decodeURIComponent(cluster[1]);
      const rest = cluster[2] ?? '/';
      if (!provider.has(name)) {
        sendJson(response, 404, { message: `cluster ${name} not found` });
        return;
      }
      const body = await readBody(request);
      if (rest === '/set-token' && method === 'POST') {
        let token: unknown;
        try {
          token = (JSON.parse(body.toString('utf8') || '{}') as { token?: unknown }).token;
        } catch {
          sendJson(response, 400, { message: 'invalid body' });
          return;
        }
        const value = typeof token === 'string' ? encodeURIComponent(token) : '';
        response.setHeader(
          'Set-Cookie',
          `${TOKEN_COOKIE}${encodeURIComponent(name)}=${value}; Path=/; HttpOnly; SameSite=Strict${
            value ? '' : '; Max-Age=0'
          }`
        );
        sendJson(response, 200, { message: value ? 'token set' : 'token cleared' });
        return;
      }
      const token = tokenFor(request, name);
      const contentType = request.headers['content-type'];
      const parsed = loggedBody(body);
      requestLog.record(
        {
          time: new Date().toISOString(),
          method,
          cluster: name,
          path: rest,
          query: url.search.slice(1),
          ...(contentType ? { contentType } : {}),
          ...(parsed !== undefined ? { body: parsed } : {}),
          user: provider.userName?.(name, token),
        },
        () => (response.headersSent ? response.statusCode : undefined)
      );
      await requestLog.delay(method, rest, url.searchParams);
      provider.http(name, request, response, rest, url.searchParams, body, token);
      return;
    }

    if (path.startsWith('/iconify/') && method === 'GET') {
      const prefix = /^\/iconify\/([a-z0-9-]+)\.json$/.exec(path)?.[1] ?? '';
      const names = (url.searchParams.get('icons') ?? '').split(',').filter(Boolean);
      response.setHeader('Cache-Control', 'public, max-age=86400');
      sendJson(response, 200, iconSet(prefix, names));
      return;
    }

    if (
      options.testEndpoints &&
      serveTestEndpoint(url, method, response, requestLog, provider.reset?.bind(provider))
    )
      return;

    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(response, 404, { message: 'not found' });
      return;
    }
    // The shell: a file when one matches, index.html for every app route.
    const candidate = normalize(join(shellDir, decodeURIComponent(path)));
    if (
      candidate.startsWith(shellDir + sep) &&
      existsSync(candidate) &&
      statSync(candidate).isFile()
    ) {
      serveFile(response, candidate, candidate.includes(`${sep}assets${sep}`));
      return;
    }
    if (path.startsWith('/assets/')) {
      sendJson(response, 404, { message: 'not found' });
      return;
    }
    const index = join(shellDir, 'index.html');
    if (!existsSync(index)) {
      response.writeHead(503, { 'Content-Type': 'text/plain' }).end('The shell is not built.');
      return;
    }
    serveFile(response, index, false);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(error => {
      options.log?.(`error serving ${request.method} ${request.url}: ${String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { message: String(error) });
      else response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const cluster = /^\/clusters\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (!cluster || !isWebSocketUpgrade(request)) {
      rejectUpgrade(socket, 404, '{"message":"not found"}');
      return;
    }
    const name = decodeURIComponent(cluster[1]);
    if (!provider.has(name)) {
      rejectUpgrade(socket, 404, JSON.stringify({ message: `cluster ${name} not found` }));
      return;
    }
    const token = tokenFor(request, name);
    requestLog.record(
      {
        time: new Date().toISOString(),
        method: 'GET',
        cluster: name,
        path: cluster[2],
        query: url.search.slice(1),
        user: provider.userName?.(name, token),
        websocket: true,
      },
      () => 101
    );
    provider.upgrade(name, request, socket, head, cluster[2], url.searchParams, token);
  });

  return { server, requestLog };
}

/** API discovery (`/api`, `/apis`, a group, a group version) and `/version`: never delayed. */
/** Accepts a watch socket for an in-memory cluster, with Kubernetes' subprotocols. */
export function acceptKubernetesSocket(request: IncomingMessage, socket: Duplex) {
  return acceptWebSocket(
    request,
    socket,
    offered =>
      offered.find(protocol =>
        ['base64.binary.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io'].includes(protocol)
      ) ?? ''
  );
}
