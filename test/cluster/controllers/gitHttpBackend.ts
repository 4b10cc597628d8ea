import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Git's own smart-HTTP server (`git http-backend`, a CGI program from Debian's
 * git package) behind a Node request handler: clone and fetch only. Pushes are
 * refused here; the stories commit to the bare repository on disk.
 */

const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

/** `/<repo>.git/<git path>` with a plain repository name, or undefined. */
export function gitPathOf(path: string): { repository: string; rest: string } | undefined {
  const match = /^\/([a-z0-9][a-z0-9-]*\.git)(\/(?:info\/refs|git-upload-pack|HEAD))$/.exec(path);
  return match ? { repository: match[1], rest: match[2] } : undefined;
}

/** Runs git http-backend for one request under `projectRoot` (the folder of bare repositories). */
export function serveGit(
  projectRoot: string,
  request: IncomingMessage,
  response: ServerResponse,
  pathInfo: string,
  query: string,
  user: string
): void {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value ?? '';
  };
  const cgi = spawn(GIT_HTTP_BACKEND, [], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: pathInfo,
      QUERY_STRING: query,
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: header('content-type'),
      HTTP_CONTENT_ENCODING: header('content-encoding'),
      GIT_PROTOCOL: header('git-protocol'),
      REMOTE_USER: user,
      REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  request.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
      else response.setHeader(name, value);
    }
    response.writeHead(status);
    response.write(head.subarray(end + 4));
  });
  let errors = '';
  cgi.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  cgi.on('close', code => {
    if (!headersDone) {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(`git http-backend exited ${String(code)}: ${errors}`);
      return;
    }
    response.end();
  });
}
