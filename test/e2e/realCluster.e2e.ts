/**
 * The built plugin in Chromium against the REAL kube-apiserver of the cluster stage
 * (test/cluster): inside the real Headlamp (its backend reads the stage's kubeconfig,
 * cut down to the `admin` context), or where it is absent through the shell backend's
 * `--kubeconfig` proxy mode. Run by test/cluster/run.sh while the servers are up; needs
 * its environment (cluster.env). Like every browser test it fails on a failed watch or
 * an unexpected console error (the harness checks).
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

/** Status of a GET from the real API server as the admin (no throw). */
function statusOf(path: string): Promise<number> {
  return new Promise(resolveStatus => {
    const req = request(
      new URL(path, env('HFC_CLUSTER_SERVER')),
      {
        ca: readFileSync(env('HFC_CLUSTER_CA')),
        headers: { Authorization: `Bearer ${env('HFC_CLUSTER_ADMIN_TOKEN')}` },
      },
      response => {
        response.resume();
        response.on('end', () => resolveStatus(response.statusCode ?? 0));
      }
    );
    req.on('error', () => resolveStatus(0));
    req.end();
  });
}

/**
 * Waits until the API server lists every custom resource kind: right after
 * the CRDs went in it answers 429 while each kind's watch cache starts, and
 * the browser (rightly) counts those as failed requests.
 */
async function everyKindServed(): Promise<void> {
  const crds = (await getJson(
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    env('HFC_CLUSTER_ADMIN_TOKEN')
  )) as {
    items?: Array<{
      spec: {
        group: string;
        names: { plural: string };
        versions: Array<{ name: string; served: boolean }>;
      };
    }>;
  };
  const paths = (crds.items ?? []).flatMap(crd =>
    crd.spec.versions
      .filter(version => version.served)
      .map(version => `/apis/${crd.spec.group}/${version.name}/${crd.spec.names.plural}?limit=1`)
  );
  await eventually(
    'every custom resource kind listed without 429',
    async () => (await Promise.all(paths.map(statusOf))).every(status => status === 200),
    60_000
  );
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
      await everyKindServed();
      // Every frame the page's Kustomization watches receive (listening before the page loads).
      const watchFrames: string[] = [];
      context.browser.context.once('page', opened =>
        opened.on('websocket', socket => {
          if (!socket.url().includes('/kustomizations?')) return;
          socket.on('framereceived', frame => {
            // JSON text, or base64 of it (subprotocol base64.binary.k8s.io).
            const text = String(frame.payload);
            watchFrames.push(
              text.trimStart().startsWith('{') ? text : Buffer.from(text, 'base64').toString('utf8')
            );
          });
        })
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
        // The change reaches the open page over its watch (a WebSocket through the backend).
        await eventually(
          'the MODIFIED event with the request over a Kustomization watch',
          () => watchFrames.some(frame => frame.includes('MODIFIED') && frame.includes(requested)),
          30_000
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
        // A PATCH sent anyway with the reader's token (the page's cookie) is the real server's 403.
        const cookie = (await page.context().cookies())
          .map(({ name, value }) => `${name}=${value}`)
          .join('; ');
        const attempt = await fetch(new URL(`clusters/admin${CLAIMS}`, proxy.url), {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/merge-patch+json', Cookie: cookie },
          body: JSON.stringify({ spec: { suspend: true } }),
        });
        assert.equal(attempt.status, 403);
        assert.match(
          String(((await attempt.json()) as { message?: string }).message),
          /User "reader" cannot patch resource "kustomizations"/
        );
        await page.close();
      } finally {
        await proxy.stop();
      }
    },
  },
];
