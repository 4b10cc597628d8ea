/**
 * The demo clusters as TLS API servers (what a real Headlamp and
 * `diagnose --kubeconfig` use): the CA of the kubeconfig the demo writes
 * verifies them, a request without credentials is a 401 (never the admin),
 * the reader's token reads but cannot patch.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServingCertificate } from '../../demo/server/certificates';
import { DemoClusters, demoClusters } from '../../demo/server/demoClusters';
import { writeDemoKubeconfig } from '../../demo/server/kubeconfigFile';
import { RequestLog } from '../../demo/server/requestLog';
import { startTlsApiServers, TlsApiServers } from '../../demo/server/tlsApiServers';

const CLAIMS =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/crossplane-claims';

interface Kubeconfig {
  clusters: Array<{
    name: string;
    cluster: { server: string; 'certificate-authority-data': string };
  }>;
  users: Array<{ name: string; user: { token: string } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
}

let clusters: DemoClusters;
let servers: TlsApiServers;
let folder: string;
let kubeconfig: Kubeconfig;
const log = new RequestLog();

beforeAll(async () => {
  clusters = demoClusters({ handleAfterMs: 60_000 });
  const certificate = makeServingCertificate();
  servers = await startTlsApiServers(clusters, certificate, log);
  folder = mkdtempSync(join(tmpdir(), 'hfc-test-kubeconfig-'));
  writeDemoKubeconfig(join(folder, 'kubeconfig'), servers.urls, certificate.ca);
  kubeconfig = JSON.parse(readFileSync(join(folder, 'kubeconfig'), 'utf8')) as Kubeconfig;
}, 30_000);

afterAll(async () => {
  await servers?.close();
  clusters?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** One request to a cluster as the kubeconfig describes it (its server, its CA). */
function call(
  cluster: string,
  path: string,
  { token, method = 'GET', body }: { token?: string; method?: string; body?: unknown } = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
  const entry = kubeconfig.clusters.find(candidate => candidate.name === cluster);
  if (!entry) throw new Error(`no cluster ${cluster} in the kubeconfig`);
  const ca = Buffer.from(entry.cluster['certificate-authority-data'], 'base64').toString('utf8');
  return new Promise((resolveCall, reject) => {
    const req = request(
      new URL(path, entry.cluster.server),
      {
        method,
        ca,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'Content-Type': 'application/merge-patch+json' } : {}),
        },
      },
      response => {
        let text = '';
        response.on('data', chunk => (text += chunk));
        response.on('end', () =>
          resolveCall({ status: response.statusCode ?? 0, body: JSON.parse(text) })
        );
      }
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('the demo clusters over TLS', () => {
  it('writes a kubeconfig with every cluster over https, users admin and reader as tokens', () => {
    expect(kubeconfig.clusters.map(cluster => cluster.name)).toEqual([
      'staging',
      'production',
      'bare',
    ]);
    for (const cluster of kubeconfig.clusters) {
      expect(cluster.cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(kubeconfig.users).toEqual([
      { name: 'admin', user: { token: 'admin' } },
      { name: 'reader', user: { token: 'reader' } },
    ]);
    expect(kubeconfig.contexts.map(context => context.context.user)).toEqual([
      'admin',
      'admin',
      'admin',
    ]);
  });

  it('refuses a request without credentials with 401, not as the admin', async () => {
    const answer = await call('staging', CLAIMS);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    const patch = await call('staging', CLAIMS, {
      method: 'PATCH',
      body: { spec: { suspend: true } },
    });
    expect(patch.status).toBe(401);
    expect(log.list().filter(entry => entry.method === 'PATCH')).toEqual([
      expect.objectContaining({ user: 'no credentials', status: 401, cluster: 'staging' }),
    ]);
  });

  it("serves the admin's token, and refuses the reader's PATCH with the API server's 403", async () => {
    const read = await call('production', CLAIMS, { token: 'reader' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ metadata: { name: 'crossplane-claims' } });
    const refused = await call('staging', CLAIMS, {
      token: 'reader',
      method: 'PATCH',
      body: { spec: { suspend: true } },
    });
    expect(refused.status).toBe(403);
    expect(String(refused.body.message)).toContain(
      'User "reader" cannot patch resource "kustomizations"'
    );
    const done = await call('staging', CLAIMS, {
      token: 'admin',
      method: 'PATCH',
      body: { spec: { suspend: true } },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ spec: { suspend: true } });
  });

  it('answers an unknown token with 401', async () => {
    expect((await call('bare', '/api/v1/namespaces', { token: 'constructor' })).status).toBe(401);
    expect((await call('bare', '/api/v1/namespaces', { token: 'nobody' })).status).toBe(401);
  });
});
