/**
 * Truth while data loads, in the built plugin: with a slow API server no
 * sample of a page, taken every 100 ms from navigation until it settled,
 * contains a conclusion the data had not arrived for; and the plugin's one
 * store outlives routes, so visiting every page opens no new list or watch
 * for kinds already held.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { E2eTest, eventually, isShellCrdProbe, RecordedRequest, TestContext } from './harness';

/** Every cluster GET but discovery answers this late (the demo's test-only delay). */
const LIST_DELAY_MS = 3000;
const SAMPLE_EVERY_MS = 100;
const SETTLE_TIMEOUT_MS = 45_000;

async function setListDelay(context: TestContext, ms: number): Promise<void> {
  await context.demo.setListDelay(ms);
}

/** What a person would take for a conclusion; none may come from data that has not arrived. */
export const CONCLUSIONS: RegExp[] = [
  /Nothing needs attention/,
  /Needs attention \(0\)/,
  /None of the key objects/,
  /Kustomizations\s+0\s+0\s+0\s+0\s+0/,
  /was not found in cluster/,
  /No Kustomizations/,
  /No HelmReleases/,
  /No sources/,
  /No Kustomization uses a source/,
  /No history/,
  /No Flux controller found/,
  /No Crossplane controller found/,
  /No events/,
];

interface Sample {
  /** ms since navigation started. */
  t: number;
  text: string;
}

declare global {
  interface Window {
    __truthSamples?: Sample[];
  }
}

/**
 * Installed before the page's own scripts: the page text every 100 ms from
 * navigation on. A string, not a function: the test runner's compiled
 * functions can reference helpers the page does not have.
 */
const SAMPLER = `window.__truthSamples = [];
setInterval(function () {
  window.__truthSamples.push({ t: performance.now(), text: document.body ? document.body.innerText : '' });
}, ${SAMPLE_EVERY_MS});`;

const PAGES: Array<{ name: string; path: string; content: RegExp }> = [
  { name: 'Overview', path: '/c/staging/flux-crossplane', content: /Needs attention \(\d+\)/ },
  {
    name: 'Kustomizations',
    path: '/c/staging/flux-crossplane/kustomizations',
    content: /crossplane-claims/,
  },
  {
    name: 'the failing Kustomization',
    path: '/c/staging/flux-crossplane/kustomizations/staging/flux-system/crossplane-claims',
    content: /team-a/,
  },
  { name: 'Rollouts', path: '/c/staging/flux-crossplane/rollouts', content: /crossplane-claims/ },
  { name: 'Runtime', path: '/c/staging/flux-crossplane/runtime', content: /kustomize-controller/ },
  {
    name: 'HelmReleases',
    path: '/c/staging/flux-crossplane/helmreleases',
    content: /kube-prometheus-stack/,
  },
];

/** Until the content is there and no loader has shown for 1.5 s. */
async function settle(page: Page, content: RegExp): Promise<void> {
  let quietSince = Date.now();
  await eventually(
    `the page to show ${content} and stop loading`,
    async () => {
      const text = await page.locator('body').innerText();
      const loading = await page.locator('[role="progressbar"]').count();
      if (!content.test(text) || loading > 0) quietSince = Date.now();
      return Date.now() - quietSince >= 1500;
    },
    SETTLE_TIMEOUT_MS
  );
}

/** A collection request (list or watch) of a cluster, not discovery nor one object. */
function isCollection(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : [];
  return rest.length === 1 || (rest.length === 3 && rest[0] === 'namespaces');
}

/** What a list or watch reads: cluster, path and selectors (not the watch flags). */
function readKey(request: RecordedRequest): string {
  const query = request.query
    .split('&')
    .filter(part => part && !/^(watch|resourceVersion|resourceVersionMatch|limit)=/.test(part))
    .sort()
    .join('&');
  return `${request.cluster}${request.path}?${query}`;
}

function pluginReads(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter(
    request =>
      request.method === 'GET' &&
      isCollection(request.path) &&
      !isShellCrdProbe(request.path) &&
      !request.path.includes('/metrics.k8s.io/')
  );
}

async function sidebarLink(page: Page, name: string) {
  return page
    .getByRole('link', { name, exact: true })
    .or(page.getByRole('button', { name, exact: true }))
    .first();
}

export const TRUTH_TESTS: E2eTest[] = [
  {
    name: 'truth: with every list answering after 3 s no page states a conclusion before its data',
    async run(context) {
      await setListDelay(context, LIST_DELAY_MS);
      try {
        const report: string[] = [];
        for (const target of PAGES) {
          const page = await context.open('/c/staging');
          await page.addInitScript(SAMPLER);
          await page.goto(new URL(target.path.replace(/^\//, ''), context.demo.url).toString());
          await settle(page, target.content);
          const samples = await page.evaluate(() => window.__truthSamples ?? []);
          const settledText = await page.locator('body').innerText();
          assert.ok(samples.length > 30, `${target.name}: only ${samples.length} samples`);
          const firstContent = samples.find(sample => target.content.test(sample.text));
          assert.ok(firstContent, `${target.name}: no sample shows ${target.content}`);
          assert.ok(
            firstContent.t >= LIST_DELAY_MS,
            `${target.name}: content at ${firstContent.t} ms, before the delay: the delay did not apply`
          );
          for (const conclusion of CONCLUSIONS) {
            // Before the delay no list can have answered; after it, only what is true once settled.
            const early = samples.find(
              sample => sample.t < LIST_DELAY_MS && conclusion.test(sample.text)
            );
            assert.equal(
              early,
              undefined,
              `${target.name} said ${conclusion} at ${early?.t.toFixed(
                0
              )} ms, before any list answered`
            );
            if (!conclusion.test(settledText)) {
              const transient = samples.find(sample => conclusion.test(sample.text));
              assert.equal(
                transient,
                undefined,
                `${target.name} said ${conclusion} at ${transient?.t.toFixed(
                  0
                )} ms, which is false once its data arrived`
              );
            }
          }
          report.push(
            `${target.name}: ${samples.length} samples, content at ${firstContent.t.toFixed(0)} ms`
          );
          await context.screenshot(page, `truth-${target.name.replace(/\W+/g, '-')}`);
          await page.close();
        }
        console.log(`    ${report.join('\n    ')}`);
      } finally {
        await setListDelay(context, 0);
      }
    },
  },
  {
    name: 'truth: visiting every page in turn opens no new list or watch for kinds already held',
    async run(context) {
      const page = await context.open('/c/staging/flux-crossplane');
      await settle(page, /Needs attention \(\d+\)/);
      // What the first page reads settles (lists and watches unchanged for 1.5 s) before we move
      // on. Beyond its watch budget the plugin re-reads lists on a timer instead of watching them.
      let previous = '';
      let stableSince = Date.now();
      await eventually('the overview to list and watch what it needs', async () => {
        const reads = pluginReads(await context.demo.requests());
        const state = `${new Set(reads.filter(r => !r.websocket).map(readKey)).size}/${
          new Set(reads.filter(r => r.websocket).map(readKey)).size
        }`;
        if (state !== previous || state.startsWith('0/')) stableSince = Date.now();
        previous = state;
        return Date.now() - stableSince >= 1500;
      });
      // As many lists re-read on a timer as the page says (none when it says nothing). A list
      // whose watch is still connecting (a loaded machine) is neither yet: wait for that to pass.
      const { held, polledHeld } = await eventually(
        'every list the page holds to be watched, or counted among those it says are re-read',
        async () => {
          const reads = pluginReads(await context.demo.requests());
          const keys = new Set(reads.map(readKey));
          const watched = new Set(reads.filter(r => r.websocket).map(readKey));
          const polled = [...keys].filter(key => !watched.has(key));
          const note = (await page.locator('[data-testid="not-live"]').allTextContents()).join(' ');
          const said = Number(/(\d+) of \d+ lists are re-read/.exec(note)?.[1] ?? 0);
          if (polled.length > said)
            throw new Error(
              `${polled.length} lists not watched, the page says ${said} are re-read: ${polled.join(
                ' '
              )}`
            );
          return { held: keys, polledHeld: new Set(polled) };
        }
      );
      await context.demo.clearRequests();
      const visits: Array<{ link: string; content: RegExp }> = [
        { link: 'Kustomizations', content: /crossplane-claims/ },
        { link: 'Sources', content: /crossplane-configs/ },
        { link: 'HelmReleases', content: /kube-prometheus-stack/ },
        { link: 'Notifications', content: /Alerts/ },
        { link: 'Rollouts', content: /Applied manifests per Kustomization/ },
        { link: 'Runtime', content: /kustomize-controller/ },
        { link: 'Crossplane', content: /XRD|Composite/ },
        { link: 'Overview', content: /Needs attention \(\d+\)/ },
      ];
      for (const visit of visits) {
        await (await sidebarLink(page, visit.link)).click();
        await settle(page, visit.content);
      }
      const after = pluginReads(await context.demo.requests());
      const heldAgain = after.filter(request => held.has(readKey(request)));
      const lists = heldAgain.filter(request => !request.websocket);
      const relisted = new Set(lists.map(readKey));
      // Real Headlamp reopens a watch's socket after each change, from the resourceVersion it
      // reached (its own continuation, not a new watch): a socket of a held kind that no new
      // list preceded and that resumes from a resourceVersion is that.
      const continued = heldAgain.filter(
        request =>
          request.websocket &&
          !relisted.has(readKey(request)) &&
          /(^|&)resourceVersion=\d+/.test(request.query)
      );
      // A list re-read on its timer is that timer, not a new read; it must never become a watch.
      const timed = heldAgain.filter(
        request => !request.websocket && polledHeld.has(readKey(request))
      );
      const again = heldAgain.filter(
        request => !continued.includes(request) && !timed.includes(request)
      );
      const sockets = again.filter(request => request.websocket);
      console.log(
        `    held after the first page: ${held.size} reads; after ${visits.length} pages: ` +
          `${after.length} new reads (${lists.length} lists and ${sockets.length} WebSockets of kinds already held; ` +
          `${timed.length} timed re-reads of the ${polledHeld.size} lists not watched; ` +
          `${continued.length} watch sockets Headlamp reopened from their resourceVersion)`
      );
      assert.deepEqual(
        again.map(request => `${request.websocket ? 'WS ' : ''}${readKey(request)}`),
        [],
        'no list and no watch again for kinds already held'
      );
      const problems = context.browser.problems.filter(problem => problem.test === this.name);
      assert.deepEqual(problems, [], 'no console errors while moving between pages');
    },
  },
];
