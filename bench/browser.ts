/**
 * The browser half of the benchmark: the built plugin in Debian's Chromium against the
 * demo backend with a generated `large` cluster (bench/generate.ts, seeded). For each page:
 * list requests and WebSockets the page opened (bounded by kinds, not objects), time from
 * navigation until its content is on screen, JS heap after load, and table rows in the DOM
 * against rows in the data, before and after scrolling to the bottom.
 * `node --import tsx bench/browser.ts [SIZE]` (default 20000); needs `npm run build` first.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, startDemo } from '../test/e2e/harness';

const here = dirname(fileURLToPath(import.meta.url));
const size = Number(process.argv[2] ?? 20000);

interface PageFigures {
  page: string;
  lists: number;
  webSockets: number;
  requestsNamingAnObject: number;
  msToContent: number;
  jsHeapMb?: number;
  rowsInDom: number;
  rowsAfterScroll: number;
  rowsInData?: number;
}

const PAGES: Array<{ name: string; path: string; content: string; rowsInData?: number }> = [
  { name: 'overview', path: 'flux-crossplane', content: 'Needs attention' },
  {
    name: 'Kustomization with 5,000 inventory entries (and its Crossplane tree)',
    path: 'flux-crossplane/kustomizations/large/flux-system/claims-0',
    content: 'Database (x0.platform.acme.io)',
    rowsInData: 5000,
  },
  { name: 'Rollouts', path: 'flux-crossplane/rollouts', content: 'Rollouts' },
  {
    name: 'Crossplane: managed resources',
    path: 'flux-crossplane/crossplane/managed',
    content: '',
  },
  {
    name: 'Crossplane: composite resources and claims',
    path: 'flux-crossplane/crossplane/composites',
    content: '',
  },
];

/** `…/<plural>/<name>` (a GET of one object) rather than `…/<plural>` (a list). */
function namesAnObject(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  let rest = parts[0] === 'apis' ? parts.slice(3) : parts.slice(2);
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  return rest.length >= 2;
}

async function rows(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('tr').length);
}

const demo = await startDemo(
  () => undefined,
  ['--test-endpoints', '--no-build', '--large', String(size)]
);
const browser = await launchBrowser();
const figures: PageFigures[] = [];
try {
  for (const target of PAGES) {
    await demo.clearRequests();
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`${demo.url}c/large/${target.path}`);
    // Content: the page's own text when given, and a first table row with data.
    if (target.content)
      await page.getByText(target.content, { exact: false }).first().waitFor({ timeout: 120_000 });
    await page.locator('main tbody tr').first().waitFor({ timeout: 120_000 });
    const msToContent = Date.now() - started;
    // Let the lists found on the way (XR, claim, MR kinds) arrive before counting.
    await page.waitForTimeout(3000);
    const requests = (await demo.requests()).filter(request => request.cluster === 'large');
    const lists = requests.filter(request => !request.websocket && request.method === 'GET');
    const jsHeap = await page.evaluate(
      () =>
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize
    );
    const rowsInDom = await rows(page);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500);
    figures.push({
      page: target.name,
      lists: lists.length,
      webSockets: requests.filter(request => request.websocket).length,
      requestsNamingAnObject: lists.filter(request => namesAnObject(request.path)).length,
      msToContent,
      jsHeapMb: jsHeap ? Math.round(jsHeap / 1024 / 102.4) / 10 : undefined,
      rowsInDom,
      rowsAfterScroll: await rows(page),
      rowsInData: target.rowsInData,
    });
    await page.close();
  }
} finally {
  await browser.close();
  await demo.stop();
}

const pad = (text: string | number | undefined, width: number) =>
  String(text ?? '–').padStart(width);
console.log(`browser: demo cluster "large" with about ${size} objects`);
console.log(
  `${'page'.padEnd(70)} ${pad('lists', 6)} ${pad('ws', 4)} ${pad('by-name', 8)} ${pad(
    'ms',
    6
  )} ${pad('heap MB', 8)} ${pad('rows', 5)} ${pad('scrolled', 9)} ${pad('in data', 8)}`
);
for (const row of figures) {
  console.log(
    `${row.page.padEnd(70)} ${pad(row.lists, 6)} ${pad(row.webSockets, 4)} ${pad(
      row.requestsNamingAnObject,
      8
    )} ${pad(row.msToContent, 6)} ${pad(row.jsHeapMb, 8)} ${pad(row.rowsInDom, 5)} ${pad(
      row.rowsAfterScroll,
      9
    )} ${pad(row.rowsInData, 8)}`
  );
}
writeFileSync(
  join(here, 'results-browser.json'),
  `${JSON.stringify({ date: new Date().toISOString(), size, pages: figures }, null, 2)}\n`
);
console.log('figures written to bench/results-browser.json');
