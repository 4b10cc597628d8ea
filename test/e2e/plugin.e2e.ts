/**
 * Browser tests of the BUILT plugin (dist/main.js) inside the real Headlamp
 * (or, where it is absent, the home-made shell of Headlamp's frontend
 * pieces), against the demo clusters. They assert what a person sees, and
 * what the clusters received.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import {
  E2eTest,
  eventually,
  isKnownConsoleNoise,
  isLocal,
  isShellCrdProbe,
  KNOWN_CONSOLE_NOISE,
  RecordedRequest,
  startDemo,
  TestContext,
  WAIT_MS,
} from './harness';
import { startTlsApiServer } from './tlsApiServer';

const NEW_SHA = '8a1f2c3d4e5f60718293a4b5c6d7e8f901234567';
const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
const KUSTOMIZATIONS = '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations';

async function visible(locator: Locator, timeout = WAIT_MS): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

async function hidden(locator: Locator, timeout = WAIT_MS): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

/** The plugin's page heading once its data is in. */
async function pageTitle(page: Page, title: string): Promise<void> {
  await visible(page.getByRole('heading', { name: title, exact: true }));
}

/** Whether a request path names a collection (`…/<plural>`), not discovery or one object. */
function isCollection(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : [];
  return rest.length === 1 || (rest.length === 3 && rest[0] === 'namespaces');
}

/**
 * Lists real Headlamp's own cluster overview (`/c/<cluster>`) makes and never
 * watches (it refetches them): nodes, events, pods.
 */
const HEADLAMP_OVERVIEW_UNWATCHED = ['/api/v1/nodes', '/api/v1/events', '/api/v1/pods'];

/**
 * Waits until the page's lists and watches stop changing: the page has
 * loaded, and leaving it will not cut sockets that are still connecting.
 * Not every list is watched: beyond its watch budget the plugin re-reads
 * lists on a timer (the page says so). `unwatched`: paths a page lists
 * without watching that are not the plugin's (Headlamp's own overview).
 */
async function settled(context: TestContext, unwatched: string[] = []): Promise<void> {
  let previous = '';
  let stableSince = Date.now();
  await eventually('the page to list and watch everything it needs', async () => {
    const requests = await context.demo.requests();
    const lists = new Set<string>();
    const watches = new Set<string>();
    for (const request of requests) {
      // metrics.k8s.io is polled by Headlamp's cluster pages, never watched.
      if (
        request.method !== 'GET' ||
        !isCollection(request.path) ||
        isShellCrdProbe(request.path) ||
        unwatched.includes(request.path) ||
        request.path.includes('/metrics.k8s.io/')
      )
        continue;
      const key = `${request.cluster}${request.path}?${request.query
        .split('&')
        .filter(part => !/^(watch|resourceVersion)=/.test(part))
        .join('&')}`;
      if (request.websocket) watches.add(key);
      else if (request.status === 200) lists.add(key);
    }
    const missing = [...lists].filter(list => !watches.has(list));
    if (process.env.E2E_DEBUG && missing.length) console.log('not watched:', missing.join(' '));
    const state = `${lists.size}/${watches.size}`;
    // Unchanged for 1.5 s: the lists found on the way (CRDs → XR, claim, MR kinds) are in too,
    // and every watch the plugin keeps has opened.
    if (lists.size === 0 || watches.size === 0 || state !== previous) stableSince = Date.now();
    previous = state;
    return Date.now() - stableSince >= 1500;
  });
}

function patches(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter(request => request.method === 'PATCH');
}

async function onePatch(context: TestContext): Promise<RecordedRequest> {
  const found = await eventually('a PATCH request', async () => {
    const sent = patches(await context.demo.requests());
    return sent.length ? sent : undefined;
  });
  // Give a double submit the chance to show up before judging.
  await new Promise(resolve => setTimeout(resolve, 500));
  const all = patches(await context.demo.requests());
  assert.equal(all.length, 1, `exactly one PATCH, got ${JSON.stringify(all, null, 1)}`);
  return found[0];
}

function requestedAtOf(body: unknown): string {
  const value = (body as { metadata?: { annotations?: Record<string, unknown> } })?.metadata
    ?.annotations?.[REQUESTED_AT];
  assert.equal(typeof value, 'string', `a ${REQUESTED_AT} annotation in ${JSON.stringify(body)}`);
  assert.ok(!Number.isNaN(Date.parse(value as string)), `an RFC 3339 time: ${String(value)}`);
  return value as string;
}

/** The page's own action bar: the buttons before the facts table (banners have their own). */
function actionButton(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

/** No list request for a kind went out after `since`: the page learnt the change over its watch. */
async function noRelistSince(context: TestContext, since: string, path: string): Promise<void> {
  const relists = (await context.demo.requests()).filter(
    request =>
      request.time >= since &&
      request.method === 'GET' &&
      !request.websocket &&
      request.path.startsWith(path)
  );
  assert.deepEqual(relists, [], 'the page should follow the watch, not list again');
}

export const TESTS: E2eTest[] = [
  {
    name: 'the built bundle registers the Flux + Crossplane sidebar section and its pages',
    async run(context) {
      const page = await context.open('/c/staging');
      const section = await visible(
        page
          .getByRole('button', { name: 'Flux + Crossplane' })
          .or(page.getByRole('link', { name: 'Flux + Crossplane' }))
      );
      // Headlamp fetched the plugin list, then the built bundle and its package.json from the backend.
      const fetched = (file: string) =>
        context.responses.find(response =>
          response.url.endsWith(`/plugins/headlamp-flux-crossplane/${file}`)
        );
      assert.equal(fetched('main.js')?.status, 200);
      assert.equal(fetched('package.json')?.status, 200);
      await settled(context, HEADLAMP_OVERVIEW_UNWATCHED);
      await context.demo.clearRequests();
      await (await visible(section)).first().click();
      await eventually('the overview URL', () => page.url().endsWith('/c/staging/flux-crossplane'));
      await pageTitle(page, 'Flux + Crossplane');
      for (const entry of [
        'Overview',
        'Kustomizations',
        'Sources',
        'HelmReleases',
        'Notifications',
      ]) {
        await visible(
          page
            .getByRole('link', { name: entry, exact: true })
            .or(page.getByRole('button', { name: entry, exact: true }))
        );
      }
      await settled(context);
      await page
        .getByRole('link', { name: 'Kustomizations', exact: true })
        .or(page.getByRole('button', { name: 'Kustomizations', exact: true }))
        .first()
        .click();
      await eventually('the Kustomizations URL', () =>
        page.url().endsWith('/c/staging/flux-crossplane/kustomizations')
      );
      await pageTitle(page, 'Kustomizations');
    },
  },
  {
    name: "in German (Headlamp's ?lng=de), the plugin's sidebar entries and page read in German",
    async run(context) {
      const page = await context.open('/c/staging/flux-crossplane?lng=de');
      try {
        await pageTitle(page, 'Schlüsselobjekte');
        for (const entry of ['Übersicht', 'Quellen', 'Benachrichtigungen', 'Kustomizations']) {
          await visible(
            page
              .getByRole('link', { name: entry, exact: true })
              .or(page.getByRole('button', { name: entry, exact: true }))
          );
        }
        for (const english of ['Overview', 'Sources', 'Notifications']) {
          assert.equal(
            await page.getByRole('link', { name: english, exact: true }).count(),
            0,
            `no English "${english}" left in the sidebar`
          );
        }
        await settled(context, HEADLAMP_OVERVIEW_UNWATCHED);
      } finally {
        // The language detector keeps the choice in localStorage: the next tests read English.
        await page.evaluate(() => window.localStorage.setItem('i18nextLng', 'en'));
      }
    },
  },
  {
    name: "the sidebar entry shows the plugin's icon, drawn from the bundle",
    async run(context) {
      const page = await context.open('/c/staging');
      const entry = (
        await visible(
          page
            .getByRole('button', { name: 'Flux + Crossplane' })
            .or(page.getByRole('link', { name: 'Flux + Crossplane' }))
        )
      ).first();
      // mdi:source-branch-sync, registered from @iconify/icons-mdi: its path, not a blank box.
      const icon = entry.locator('svg');
      await visible(icon);
      await eventually('the icon drawn', async () =>
        (await icon.first().innerHTML()).includes('M13 14c-3.36 0-4.46 1.35-4.82 2.24')
      );
      const box = await icon.first().boundingBox();
      assert.ok(
        box && box.width > 0 && box.height > 0,
        `the icon has a size: ${JSON.stringify(box)}`
      );
      await settled(context, HEADLAMP_OVERVIEW_UNWATCHED);
    },
  },
  {
    name: 'the overview shows the key objects with commit links and what needs attention',
    async run(context) {
      const page = await context.open('/c/staging/flux-crossplane');
      await pageTitle(page, 'Key objects');
      const keyObjects = page.locator('table').first();
      await visible(
        keyObjects.getByRole('link', { name: 'GitRepository flux-system/crossplane-configs' })
      );
      await visible(
        keyObjects.getByRole('link', { name: 'Kustomization flux-system/crossplane-apis' })
      );
      const commits = keyObjects.getByRole('link', { name: 'main@8a1f2c3' });
      await visible(commits);
      assert.equal(await commits.count(), 2);
      for (const link of await commits.all()) {
        assert.equal(
          await link.getAttribute('href'),
          `https://github.com/acme/crossplane-configs/commit/${NEW_SHA}`
        );
      }
      // Each failure of the scenario, by the rule that explains it.
      const banner = (rule: string) => page.locator(`[data-rule="${rule}"]`);
      await visible(banner('FLUX-SOURCE-AUTH').filter({ hasText: 'team-b-apps' }));
      await visible(banner('FLUX-SOURCE-AUTH').filter({ hasText: 'authentication required' }));
      await visible(banner('FLUX-HELM-STUCK').filter({ hasText: 'kube-prometheus-stack' }));
      await visible(banner('FLUX-HELM-STUCK').filter({ hasText: 'UpgradeFailed' }));
      await visible(banner('XP-PROVIDERCONFIG-MISSING').filter({ hasText: 'team-a' }));
      await visible(banner('FLUX-SUSPENDED').filter({ hasText: 'tenants' }));
      await visible(banner('FLUX-NO-ALERTS').filter({ hasText: 'crossplane-apis' }));
      // One banner per root cause: the Kustomization's health check failure it causes is
      // folded under the missing ProviderConfig, not a banner of its own.
      const rootCause = banner('XP-PROVIDERCONFIG-MISSING');
      await visible(rootCause.getByRole('button', { name: /Also explains \d+ objects?/ }));
      assert.equal(await banner('FLUX-HEALTH-CHECK').count(), 0);
      await rootCause.getByRole('button', { name: /Also explains/ }).click();
      await visible(
        rootCause
          .getByRole('list', { name: 'Objects this explains' })
          .getByRole('link', { name: 'Kustomization flux-system/crossplane-claims' })
      );
      await visible(page.getByRole('heading', { name: 'Flux objects by state' }));
      await context.screenshot(page, 'overview-staging');
    },
  },
  {
    name: 'the Kustomizations list shows each one with its state and revisions',
    async run(context) {
      const page = await context.open('/c/staging/flux-crossplane/kustomizations');
      await pageTitle(page, 'Kustomizations');
      const row = (name: string) =>
        page.getByRole('row').filter({ hasText: `flux-system/${name}` });
      await visible(row('crossplane-claims').filter({ hasText: 'HealthCheckFailed' }));
      await visible(row('crossplane-claims').getByRole('link', { name: 'main@77aa0e1' }));
      await visible(row('crossplane-claims').getByRole('link', { name: 'main@8a1f2c3' }));
      await visible(
        row('crossplane-claims').filter({ hasText: 'ProviderConfig team-a is missing' })
      );
      await visible(row('crossplane-apis').filter({ hasText: 'Ready' }));
      await visible(row('tenants').filter({ hasText: 'Suspended' }));
      for (const name of ['flux-system', 'infrastructure', 'team-b-apps']) await visible(row(name));
      await context.screenshot(page, 'kustomizations-staging');
      await settled(context);
      await row('crossplane-claims')
        .getByRole('link', { name: 'flux-system/crossplane-claims' })
        .click();
      await eventually('the detail URL', () =>
        page.url().endsWith('/flux-crossplane/kustomizations/staging/flux-system/crossplane-claims')
      );
      await pageTitle(page, 'Kustomization flux-system/crossplane-claims');
    },
  },
  {
    name: "the claims Kustomization's page leads with the missing ProviderConfig and offers its actions",
    async run(context) {
      const page = await context.open(
        '/c/staging/flux-crossplane/kustomizations/staging/flux-system/crossplane-claims'
      );
      await pageTitle(page, 'Kustomization flux-system/crossplane-claims');
      // Once the Crossplane objects are in (they are listed after the CRDs), the root cause leads.
      const first = page.locator('[data-rule]').first();
      await visible(page.locator('[data-rule="XP-PROVIDERCONFIG-MISSING"]'));
      await eventually(
        'the missing ProviderConfig to lead',
        async () => (await first.getAttribute('data-rule')) === 'XP-PROVIDERCONFIG-MISSING'
      );
      assert.match((await first.textContent()) ?? '', /ProviderConfig team-a is missing/);
      assert.match((await first.textContent()) ?? '', /"team-a" not found/);
      // The chain from the Kustomization down to the managed resource.
      const health = page.locator('[data-rule="FLUX-HEALTH-CHECK"]');
      await visible(health.getByRole('link', { name: 'NopResource ext-functions-x7k2p-bucket' }));
      await visible(health.getByRole('link', { name: 'XNopResource ext-functions-x7k2p' }));
      for (const action of ['Reconcile', 'Reconcile with source', 'Suspend'])
        await visible(actionButton(page, action));
      await visible(page.getByRole('link', { name: 'main@77aa0e1' }));
      // HealthCheckFailed: the commit was applied (its objects are live), then failed its health checks.
      await visible(
        page.getByText(/main@8a1f2c3 is applied but not healthy: its objects are live/)
      );
      await context.screenshot(page, 'kustomization-crossplane-claims');
    },
  },
  {
    name: 'Reconcile sends one merge patch to the object in its cluster; the page follows the watch',
    async run(context) {
      const page = await context.open(
        '/c/staging/flux-crossplane/kustomizations/staging/flux-system/crossplane-apis'
      );
      await pageTitle(page, 'Kustomization flux-system/crossplane-apis');
      const reconcile = await visible(actionButton(page, 'Reconcile'));
      await context.demo.clearRequests();
      const clickedAt = new Date().toISOString();
      await reconcile.click();
      const patch = await onePatch(context);
      assert.equal(patch.cluster, 'staging');
      assert.equal(patch.path, `${KUSTOMIZATIONS}/crossplane-apis`);
      assert.equal(patch.contentType, 'application/merge-patch+json');
      const token = requestedAtOf(patch.body);
      assert.deepEqual(patch.body, { metadata: { annotations: { [REQUESTED_AT]: token } } });
      // The controller handles it about a second later; the watch brings the verdict.
      await visible(
        page.getByRole('status').filter({ hasText: /^Ready: Applied revision: main@sha1:8a1f2c3/ })
      );
      // Last handled reconcile is a Headlamp date label with the exact time in its title.
      await visible(page.locator(`[data-time="${token}"]`));
      await noRelistSince(
        context,
        clickedAt,
        `${KUSTOMIZATIONS.replace('/namespaces/flux-system', '')}`
      );
    },
  },
  {
    name: 'the Rollouts page shows the new commit applied in staging and in progress in production',
    async run(context) {
      const page = await context.open('/c/staging+production/flux-crossplane/rollouts');
      await pageTitle(page, 'Rollouts');
      const row = (name: string, cluster: string) =>
        page
          .getByRole('row')
          .filter({ hasText: `flux-system/${name}` })
          .filter({ hasText: cluster });
      await visible(row('crossplane-apis', 'staging').filter({ hasText: /applied/i }));
      await visible(row('crossplane-apis', 'production').filter({ hasText: /in progress/i }));
      await visible(row('crossplane-claims', 'staging').filter({ hasText: /failed/i }));
      await visible(page.getByRole('link', { name: '8a1f2c3' }).first());
      await context.screenshot(page, 'rollouts-staging-and-production');
      // Leave only once every watch is open: closing sockets that are still connecting logs errors.
      await settled(context);
    },
  },
  {
    name: 'with two clusters selected, actions go to the cluster of the object (production finishes its rollout)',
    async run(context) {
      const page = await context.open('/c/staging+production/flux-crossplane/kustomizations');
      await pageTitle(page, 'Kustomizations');
      const apis = page.getByRole('row').filter({ hasText: 'flux-system/crossplane-apis' });
      await visible(apis.filter({ hasText: 'production' }).filter({ hasText: 'Progressing' }));
      await visible(apis.filter({ hasText: 'staging' }).filter({ hasText: 'main@8a1f2c3' }));
      await context.screenshot(page, 'kustomizations-staging-and-production');
      await settled(context);
      await page.goto(
        new URL(
          'c/staging+production/flux-crossplane/kustomizations/production/flux-system/crossplane-apis',
          context.demo.url
        ).toString()
      );
      await pageTitle(page, 'Kustomization flux-system/crossplane-apis');
      await visible(page.getByText('Reconciliation in progress').first());
      await context.demo.clearRequests();
      await (await visible(actionButton(page, 'Reconcile'))).click();
      const patch = await onePatch(context);
      assert.equal(patch.cluster, 'production');
      assert.equal(patch.path, `${KUSTOMIZATIONS}/crossplane-apis`);
      requestedAtOf(patch.body);
      await visible(
        page.getByRole('status').filter({ hasText: /^Ready: Applied revision: main@sha1:8a1f2c3/ })
      );
      // Applied revision row now shows the new commit in production too.
      await eventually(
        'no more main@77aa0e1 as applied revision',
        async () => (await page.getByRole('link', { name: 'main@8a1f2c3' }).count()) > 0
      );
    },
  },
  {
    name: 'Suspend asks first, then suspends; Resume resumes and requests a reconcile',
    async run(context) {
      const page = await context.open(
        '/c/staging/flux-crossplane/kustomizations/staging/flux-system/infrastructure'
      );
      await pageTitle(page, 'Kustomization flux-system/infrastructure');
      await context.demo.clearRequests();
      // Cancelling the confirmation sends nothing.
      await (await visible(actionButton(page, 'Suspend'))).click();
      const dialog = page.getByRole('dialog');
      await visible(dialog.getByText('Suspend Kustomization infrastructure?'));
      // Headlamp's confirm dialog: buttons "No" and "Yes" (an aria-label only in older builds).
      await dialog.getByRole('button').filter({ hasText: /^No$/ }).click();
      await hidden(dialog);
      await new Promise(resolve => setTimeout(resolve, 500));
      assert.deepEqual(patches(await context.demo.requests()), []);
      // Confirming sends exactly the suspend patch.
      await actionButton(page, 'Suspend').click();
      await visible(dialog.getByText('Suspend Kustomization infrastructure?'));
      await dialog.getByRole('button').filter({ hasText: /^Yes$/ }).click();
      const suspend = await onePatch(context);
      assert.equal(suspend.cluster, 'staging');
      assert.equal(suspend.path, `${KUSTOMIZATIONS}/infrastructure`);
      assert.equal(suspend.contentType, 'application/merge-patch+json');
      assert.deepEqual(suspend.body, { spec: { suspend: true } });
      // The watch shows it suspended: Resume replaces Suspend.
      const resume = await visible(actionButton(page, 'Resume'));
      await hidden(actionButton(page, 'Suspend'));
      await visible(page.getByText('never (suspended)'));
      await context.demo.clearRequests();
      await resume.click();
      const resumed = await onePatch(context);
      assert.equal(resumed.cluster, 'staging');
      assert.equal(resumed.path, `${KUSTOMIZATIONS}/infrastructure`);
      const token = requestedAtOf(resumed.body);
      assert.deepEqual(resumed.body, {
        spec: { suspend: false },
        metadata: { annotations: { [REQUESTED_AT]: token } },
      });
      await visible(actionButton(page, 'Suspend'));
      await visible(
        page.getByRole('status').filter({ hasText: /^Ready: Applied revision: main@sha1:3c5e9a2/ })
      );
    },
  },
  {
    name: 'a read-only user sees no action buttons and sends no PATCH',
    async run(context) {
      const page = await context.open('/c/staging');
      // Headlamp's own way to keep a token: its backend sets an HttpOnly cookie.
      const setToken = (token: string | null) =>
        page.evaluate(async value => {
          const response = await fetch('/clusters/staging/set-token', {
            method: 'POST',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ token: value }),
          });
          return response.status;
        }, token);
      assert.equal(await setToken('reader'), 200);
      try {
        await context.demo.clearRequests();
        await page.goto(
          new URL(
            'c/staging/flux-crossplane/kustomizations/staging/flux-system/crossplane-claims',
            context.demo.url
          ).toString()
        );
        await pageTitle(page, 'Kustomization flux-system/crossplane-claims');
        await visible(
          page.getByText('You are not allowed to change this object (no patch permission).')
        );
        for (const action of ['Reconcile', 'Reconcile with source', 'Suspend', 'Resume'])
          assert.equal(await actionButton(page, action).count(), 0, `no ${action} button`);
        await page.goto(new URL('c/staging/flux-crossplane', context.demo.url).toString());
        await visible(page.locator('[data-rule="FLUX-SOURCE-AUTH"]'));
        await new Promise(resolve => setTimeout(resolve, 1000));
        assert.equal(
          await page
            .getByRole('button', {
              name: /^(Reconcile|Suspend|Resume|Force upgrade|Reset failures)/,
            })
            .count(),
          0
        );
        const requests = await context.demo.requests();
        const reviews = requests.filter(request =>
          request.path.endsWith('/selfsubjectaccessreviews')
        );
        assert.ok(reviews.length > 0, 'the page asked whether it may patch');
        assert.deepEqual(
          reviews.filter(review => review.user !== 'reader'),
          [],
          'every access review ran as the reader'
        );
        assert.deepEqual(patches(requests), []);
        // The cluster itself refuses the reader: a PATCH sent anyway, with the reader's token, is a 403.
        // (Sent from here with the page's cookies, so that the page's own log stays the plugin's.)
        const cookie = (await page.context().cookies())
          .map(({ name, value }) => `${name}=${value}`)
          .join('; ');
        const answer = await fetch(
          new URL(`clusters/staging${KUSTOMIZATIONS}/crossplane-claims`, context.demo.url),
          {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/merge-patch+json', Cookie: cookie },
            body: JSON.stringify({ spec: { suspend: true } }),
          }
        );
        const attempt = {
          status: answer.status,
          body: (await answer.json()) as { message?: string },
        };
        assert.equal(attempt.status, 403);
        assert.match(
          String(attempt.body.message),
          /User "reader" cannot patch resource "kustomizations"/
        );
        const refused = await eventually('the refused PATCH in the request log', async () =>
          patches(await context.demo.requests()).find(request => request.status === 403)
        );
        assert.equal(refused.user, 'reader');
      } finally {
        await setToken(null);
      }
    },
  },
  {
    name: 'a cluster without the Flux CRDs shows that Flux is not installed',
    async run(context) {
      const page = await context.open('/c/bare/flux-crossplane');
      await visible(page.getByText(/Flux is not installed/));
      await context.screenshot(page, 'empty-state-bare');
    },
  },
  {
    name: 'with --kubeconfig the backend proxies a real API server: TLS, client certificate, user token, watches',
    async run(context) {
      const api = await startTlsApiServer('tls-staging');
      const proxy = await startDemo(
        () => undefined,
        ['--kubeconfig', api.kubeconfig, '--no-build']
      );
      let page: Page | undefined;
      try {
        const detail =
          'c/tls-staging/flux-crossplane/kustomizations/tls-staging/flux-system/crossplane-apis';
        page = await context.open(detail, proxy.url);
        await pageTitle(page, 'Kustomization flux-system/crossplane-apis');
        const reconcile = await visible(actionButton(page, 'Reconcile'));
        api.requests.length = 0;
        await reconcile.click();
        const patch = await eventually('the PATCH at the API server', () =>
          api.requests.find(request => request.method === 'PATCH')
        );
        assert.equal(patch.path, `${KUSTOMIZATIONS}/crossplane-apis`);
        assert.equal(patch.identity, 'admin', 'authenticated by the kubeconfig client certificate');
        // The verdict arrives over the watch, a WebSocket passed through the backend.
        await visible(
          page
            .getByRole('status')
            .filter({ hasText: /^Ready: Applied revision: main@sha1:8a1f2c3/ })
        );
        // A token given to Headlamp replaces the kubeconfig's credentials.
        const status = await page.evaluate(async () => {
          const response = await fetch('/clusters/tls-staging/set-token', {
            method: 'POST',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ token: 'reader' }),
          });
          return response.status;
        });
        assert.equal(status, 200);
        await page.reload();
        await visible(
          page.getByText('You are not allowed to change this object (no patch permission).')
        );
        // Lists the old page started before it was reloaded may still land as the admin:
        // let them, then count from a fresh load made entirely with the token.
        await new Promise(resolve => setTimeout(resolve, 2000));
        api.requests.length = 0;
        await page.reload();
        await visible(
          page.getByText('You are not allowed to change this object (no patch permission).')
        );
        await eventually('a watch at the API server as the reader', () =>
          api.requests.some(request => request.identity === 'reader' && request.websocket)
        );
        assert.deepEqual(
          api.requests.filter(request => request.identity !== 'reader'),
          [],
          'after the token was given, every request reached the API server as the reader'
        );
      } finally {
        // Leave the page before its backend goes away (no reconnect attempts in the console).
        await page?.close();
        await proxy.stop();
        await api.close();
      }
    },
  },
  {
    name: "the Runtime page shows production's crash-looping helm-controller as the root cause, with its logs one click away",
    async run(context) {
      const page = await context.open('/c/production/flux-crossplane/runtime');
      await visible(page.getByText(/helm-controller is down/).first());
      const logs = page.getByRole('link', { name: /Open logs of pod helm-controller-/ }).first();
      await visible(logs);
      assert.match(
        String(await logs.getAttribute('href')),
        /\/c\/production\/pods\/flux-system\/helm-controller-[^?]+\?view=logs$/
      );
      await visible(page.getByText(/OOMKilled/).first());
      await context.screenshot(page, 'runtime-production');
      await settled(context);
    },
  },
  {
    name: 'no errors in the browser console on any page of these tests',
    async run(context) {
      // Known and left open (harness KNOWN_CONSOLE_NOISE, README "Known limitations"): counted, not failed.
      const all = context.browser.problems.filter(problem => problem.test !== this.name);
      for (const noise of KNOWN_CONSOLE_NOISE) {
        const count = all.filter(problem => problem.text === noise.text).length;
        if (count) console.log(`    (${count} "${noise.text}" lines set aside: ${noise.name})`);
      }
      const problems = all.filter(problem => !isKnownConsoleNoise(problem.text));
      const byText = new Map<string, Set<string>>();
      for (const problem of problems) {
        const key = `${problem.kind}: ${problem.text.replace(/127\.0\.0\.1:\d+/g, 'backend')}`;
        byText.set(key, (byText.get(key) ?? new Set()).add(problem.test));
      }
      const report = [...byText].map(
        ([text, tests]) => `${text}\n      in ${tests.size} test(s), first: ${[...tests][0]}`
      );
      assert.equal(
        report.length,
        0,
        `${problems.length} console errors, ${report.length} distinct:\n    ${report.join(
          '\n    '
        )}`
      );
    },
  },
  {
    name: 'no request left 127.0.0.1 during the whole run (the browser request log)',
    async run(context) {
      const log = context.browser.requestLog;
      assert.ok(
        log.length > 100,
        `the browser's request log covers the run (${log.length} requests)`
      );
      const away = log.filter(url => !isLocal(url));
      assert.deepEqual([...new Set(away)], [], `${away.length} requests left this machine`);
      console.log(`    (${log.length} requests, every one to 127.0.0.1)`);
    },
  },
];
