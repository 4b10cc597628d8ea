/**
 * The built plugin in Chromium against the REAL kube-apiserver of the cluster stage
 * (test/cluster), through the demo backend's `--kubeconfig` proxy mode. Run by
 * test/cluster/run.sh while the servers are up; needs its environment (cluster.env).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { E2eTest, eventually, startDemo } from './harness';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through test/cluster/run.sh`);
  return value;
};

/** GET from the real API server with a user's token (its own CA). */
function getJson(path: string, token: string): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    const url = new URL(path, env('HFC_CLUSTER_SERVER'));
    const req = request(
      url,
      { ca: readFileSync(env('HFC_CLUSTER_CA')), headers: { Authorization: `Bearer ${token}` } },
      response => {
        let body = '';
        response.on('data', chunk => (body += chunk));
        response.on('end', () => {
          if ((response.statusCode ?? 500) >= 300)
            reject(new Error(`${response.statusCode} ${body}`));
          else resolvePromise(JSON.parse(body) as Record<string, unknown>);
        });
      }
    );
    req.on('error', reject);
    req.end();
  });
}

const CLAIMS =
  '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/crossplane-claims';

export const REAL_CLUSTER_TESTS: E2eTest[] = [
  {
    name: 'against the real API server: the claims Kustomization leads with the missing ProviderConfig, Reconcile patches the real object, the reader gets no buttons',
    async run(context) {
      const proxy = await startDemo(
        () => undefined,
        ['--kubeconfig', env('HFC_CLUSTER_KUBECONFIG'), '--context', 'admin', '--no-build']
      );
      try {
        const page = await context.open(
          'c/admin/flux-crossplane/kustomizations/admin/flux-system/crossplane-claims',
          proxy.url
        );
        // The root cause, read from real objects (real schemas, real discovery, real watches).
        await page
          .getByText(/ProviderConfig team-a is missing/)
          .first()
          .waitFor({ timeout: 30_000 });
        await context.screenshot(page, 'real-cluster-claims');
        const before = await getJson(CLAIMS, env('HFC_CLUSTER_ADMIN_TOKEN'));
        const previous = (before.metadata as { annotations?: Record<string, string> })
          .annotations?.['reconcile.fluxcd.io/requestedAt'];
        await page.getByRole('button', { name: 'Reconcile', exact: true }).first().click();
        const requested = await eventually('the reconcile request on the real object', async () => {
          const object = await getJson(CLAIMS, env('HFC_CLUSTER_ADMIN_TOKEN'));
          const value = (object.metadata as { annotations?: Record<string, string> }).annotations?.[
            'reconcile.fluxcd.io/requestedAt'
          ];
          return value && value !== previous ? value : undefined;
        });
        assert.ok(
          !Number.isNaN(Date.parse(requested)),
          `an RFC 3339 request time, got ${requested}`
        );

        // The reader's token replaces the kubeconfig credentials: the real RBAC says no patch.
        const status = await page.evaluate(async token => {
          const response = await fetch('/clusters/admin/set-token', {
            method: 'POST',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ token }),
          });
          return response.status;
        }, env('HFC_CLUSTER_READER_TOKEN'));
        assert.equal(status, 200);
        await page.reload();
        await page
          .getByText('You are not allowed to change this object (no patch permission).')
          .first()
          .waitFor({ timeout: 30_000 });
        assert.equal(await page.getByRole('button', { name: 'Reconcile', exact: true }).count(), 0);
        await page.close();
      } finally {
        await proxy.stop();
      }
    },
  },
];
