import { timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gitPathOf, serveGit } from './gitHttpBackend';

/**
 * The stage's local Git server and Helm repository, one HTTP server on
 * 127.0.0.1 (a free port, written to --port-file):
 *   /git/<repo>.git/…   git smart HTTP (clone/fetch) from --git-root, basic auth
 *                       with --username and the password in --password-file
 *                       (read on every request, so a story can change it);
 *   /charts/<file>      index.yaml and chart archives from --charts, no auth.
 * Run: node --import tsx test/cluster/controllers/localServers.ts --git-root … --charts … \
 *        --username … --password-file … --port-file …
 */

function argument(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? undefined : process.argv[index + 1];
  if (!value) throw new Error(`localServers: --${name} is required`);
  return value;
}

const gitRoot = argument('git-root');
const chartsDir = argument('charts');
const username = argument('username');
const passwordFile = argument('password-file');
const portFile = argument('port-file');

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The user of a valid `Authorization: Basic` header, or undefined. */
function authorizedUser(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const password = readFileSync(passwordFile, 'utf8').trim();
  return sameText(user, username) && sameText(decoded.slice(colon + 1), password)
    ? user
    : undefined;
}

function plain(response: ServerResponse, status: number, text: string, headers = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(`${text}\n`);
}

function serveChart(response: ServerResponse, file: string): void {
  if (!/^[a-z0-9][a-z0-9.-]*\.(tgz|yaml)$/.test(file)) {
    plain(response, 404, 'not found');
    return;
  }
  let body: Buffer;
  try {
    body = readFileSync(join(chartsDir, file));
  } catch {
    plain(response, 404, 'not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip',
    'Content-Length': String(body.length),
  });
  response.end(body);
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/charts/') && request.method === 'GET') {
    serveChart(response, url.pathname.slice('/charts/'.length));
    return;
  }
  if (url.pathname.startsWith('/git/')) {
    const git = gitPathOf(url.pathname.slice('/git'.length));
    if (!git || url.searchParams.get('service') === 'git-receive-pack') {
      plain(response, 403, 'only clone and fetch are served');
      return;
    }
    const user = authorizedUser(request);
    if (!user) {
      plain(response, 401, 'authentication required', {
        'WWW-Authenticate': 'Basic realm="hfc-git"',
      });
      return;
    }
    serveGit(
      gitRoot,
      request,
      response,
      `/${git.repository}${git.rest}`,
      url.search.slice(1),
      user
    );
    return;
  }
  plain(response, 404, 'not found');
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('localServers: no port');
  writeFileSync(portFile, String(address.port));
  console.log(`localServers: git and charts on http://127.0.0.1:${address.port}`);
});
