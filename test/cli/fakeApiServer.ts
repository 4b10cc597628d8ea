import { readFileSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { fixture } from './helpers';

/**
 * A FAKE Kubernetes API server for the live-mode tests: node https on
 * 127.0.0.1 with a self-signed certificate (test/fixtures/cli/fake-apiserver.*),
 * a bearer token, discovery (`GET /apis`) and whatever list answers a test
 * gives it. Not a kube-apiserver: it knows nothing but the paths it is handed.
 */

export interface Answer {
  status: number;
  body: unknown;
}

/** Answers by path (without query); a function gets the query to paginate. */
export type Routes = Record<string, Answer | ((query: URLSearchParams) => Answer)>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

export const FAKE_CA = readFileSync(fixture('fake-apiserver.crt'), 'utf8');
const FAKE_KEY = readFileSync(fixture('fake-apiserver.key'), 'utf8');

export function status(code: number, reason: string, message: string): Answer {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    },
  };
}

export function list(
  apiVersion: string,
  kind: string,
  items: unknown[],
  continueToken?: string
): Answer {
  return {
    status: 200,
    body: {
      apiVersion,
      kind,
      metadata: { resourceVersion: '1000', ...(continueToken ? { continue: continueToken } : {}) },
      items,
    },
  };
}

export async function startFakeApiServer(token: string, routes: Routes): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
    });
    let answer: Answer;
    if (req.headers.authorization !== `Bearer ${token}`) {
      answer = status(401, 'Unauthorized', 'Unauthorized');
    } else {
      const route = routes[url.pathname];
      answer =
        route === undefined
          ? status(404, 'NotFound', 'the server could not find the requested resource')
          : typeof route === 'function'
          ? route(url.searchParams)
          : route;
    }
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  };
  const server = createHttpsServer({ key: FAKE_KEY, cert: FAKE_CA }, handle);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A kubeconfig with one context per entry, the first one current, bearer-token users and the fake CA. */
export function writeKubeconfig(
  file: string,
  contexts: Array<{ name: string; server: string; token: string; namespace?: string }>
): string {
  const ca = Buffer.from(FAKE_CA).toString('base64');
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${contexts[0].name}`,
    'clusters:',
  ];
  for (const context of contexts) {
    lines.push(
      `- name: ${context.name}-cluster`,
      '  cluster:',
      `    server: ${context.server}`,
      `    certificate-authority-data: ${ca}`
    );
  }
  lines.push('users:');
  for (const context of contexts)
    lines.push(`- name: ${context.name}-user`, '  user:', `    token: ${context.token}`);
  lines.push('contexts:');
  for (const context of contexts) {
    lines.push(
      `- name: ${context.name}`,
      '  context:',
      `    cluster: ${context.name}-cluster`,
      `    user: ${context.name}-user`,
      ...(context.namespace ? [`    namespace: ${context.namespace}`] : [])
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
