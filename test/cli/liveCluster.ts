import { readFileSync, writeFileSync } from 'node:fs';
import { customResourceDefinition } from '../../demo/scenario/index';
import { kubeApiProvider } from '../../demo/server/demoClusters';
import { KubeApi } from '../../demo/server/kubeApi';
import { PolicyRule, User, userForToken } from '../../demo/server/rbac';
import { RecordedRequest, RequestLog } from '../../demo/server/requestLog';
import { startTlsApiServers } from '../../demo/server/tlsApiServers';
import { fixture } from './helpers';

/**
 * The demo's in-memory Kubernetes API (demo/server/kubeApi.ts) as a TLS API
 * server on 127.0.0.1, for the live-mode CLI tests: the demo's own TLS
 * server (tlsApiServers.ts) around one KubeApi, with the fixture certificate
 * (test/fixtures/cli/fake-apiserver.*), bearer tokens mapped to users with
 * RBAC rules, and the demo's request log of what the cluster received.
 */

export const FAKE_CA = readFileSync(fixture('fake-apiserver.crt'), 'utf8');
const FAKE_KEY = readFileSync(fixture('fake-apiserver.key'), 'utf8');

export interface LiveCluster {
  url: string;
  api: KubeApi;
  /** What the cluster received, oldest first (`path`, `query` without `?`, `user`, `status`). */
  requests(): RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

export interface LiveClusterOptions {
  /** Objects the cluster holds: CRDs for every custom kind among them. */
  objects: Record<string, unknown>[];
  /** Bearer token → user; any other token is refused with 401. */
  users: Record<string, User>;
  name?: string;
}

export async function startLiveCluster(options: LiveClusterOptions): Promise<LiveCluster> {
  const name = options.name ?? 'live';
  const api = new KubeApi({ name, defaultUser: '' });
  api.reset(options.objects);
  const log = new RequestLog();
  const servers = await startTlsApiServers(
    kubeApiProvider(new Map([[name, api]]), [{ name, server: '' }], token =>
      token === undefined ? undefined : userForToken(token, '', options.users)
    ),
    { ca: FAKE_CA, cert: FAKE_CA, key: FAKE_KEY },
    log
  );
  return {
    url: servers.urls.get(name) as string,
    api,
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    close: () => servers.close(),
  };
}

/** A user with these RBAC rules (the basic user's reviews come on top). */
export function user(name: string, rules: PolicyRule[]): User {
  return { name, groups: ['system:authenticated'], rules };
}

/**
 * A CustomResourceDefinition as the API server serves it: `versions` as
 * [name, served, storage].
 */
export function crd(
  group: string,
  kind: string,
  plural: string,
  categories: string[],
  versions: Array<[string, boolean, boolean]>,
  scope: 'Cluster' | 'Namespaced' = 'Cluster'
): Record<string, unknown> {
  return customResourceDefinition({
    group,
    kind,
    plural,
    scope,
    categories,
    versions: versions.map(([name, served, storage]) => ({ name, served, storage })),
  });
}

/** A kubeconfig with one context per entry, the first one current, bearer-token users and the fixture CA. */
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
