/**
 * The browser half of the benchmark: the built plugin in the real Headlamp 0.45 (the
 * home-made shell where it is not found), Debian's Chromium, the demo backend with two
 * generated, seeded clusters:
 * - `large` (bench/generate.ts): many objects, few kinds — a Kustomization of 5,000 entries;
 * - `kinds` (bench/generateManyKinds.ts): many kinds — 500 XRDs (an XR and a claim kind each)
 *   and 1,000 managed-resource kinds, a Kustomization of about 5,000 entries naming claims,
 *   XRs, managed resources and ConfigMaps, Deployments, Services, ServiceAccounts, Namespaces.
 * For each page: HTTP requests to the cluster, WebSockets opened and failed, the most open at
 * once, requests the browser refused (ERR_INSUFFICIENT_RESOURCES), requests naming a single
 * object, time from navigation and from the shell (Headlamp's sidebar with the plugin's entry)
 * until the page's content is on screen, JS heap after load (after a GC), and table rows in
 * the DOM before and after scrolling. Each figure is also given as a ratio to the anchor
 * measured in the same run on the same cluster: Headlamp's own CRD list page.
 * `node --import tsx bench/browser.ts [LARGE_SIZE] [KINDS_SIZE]` (20000 and 9000 by default);
 * needs `npm run build` first.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { frontendsToTest } from '../test/e2e/frontends';
import { launchBrowser, startDemo } from '../test/e2e/harness';
import { meterPage, settleRequests } from './pageMeter';

const here = dirname(fileURLToPath(import.meta.url));
const largeSize = Number(process.argv[2] ?? 20000);
const kindsSize = Number(process.argv[3] ?? process.env.BENCH_KINDS_SIZE ?? 9000);

interface PageFigures {
  cluster: string;
  page: string;
  /** Every HTTP request to the cluster (lists, discovery, single objects), sockets aside. */
  requests: number;
  lists: number;
  webSockets: number;
  webSocketsFailed: number;
  peakWebSockets: number;
  insufficientResources: number;
  requestsNamingAnObject: number;
  msToContent?: number;
  msAfterShell?: number;
  jsHeapMb?: number;
  rowsInDom: number;
  rowsAfterScroll: number;
  rowsInData?: number;
  anchor?: boolean;
}

interface Target {
  name: string;
  path: string;
  content: RegExp;
  rowsInData?: number;
  anchor?: boolean;
}

const LARGE_PAGES: Target[] = [
  { name: 'Overview', path: 'flux-crossplane', content: /Needs attention/ },
  {
    name: 'Kustomization with 5,000 inventory entries (and its Crossplane tree)',
    path: 'flux-crossplane/kustomizations/large/flux-system/claims-0',
    content: /Database \(x0\.platform\.acme\.io\)/,
    rowsInData: 5000,
  },
  { name: 'Rollouts', path: 'flux-crossplane/rollouts', content: /flux-system\/claims-0/ },
  {
    name: 'Crossplane: managed resources',
    path: 'flux-crossplane/crossplane/managed',
    content: /Bucket/,
  },
  {
    name: 'Crossplane: composite resources and claims',
    path: 'flux-crossplane/crossplane/composites',
    content: /XDatabase/,
  },
  { name: "anchor: Headlamp's CRD list", path: 'crds', content: /acme\.io/, anchor: true },
];

const KINDS_PAGES: Target[] = [
  { name: 'Overview', path: 'flux-crossplane', content: /Needs attention/ },
  {
    name: 'the big Kustomization (flux-system/platform)',
    path: 'flux-crossplane/kustomizations/kinds/flux-system/platform',
    content: /ConfigMap \(\d+\)/,
  },
  { name: 'Rollouts', path: 'flux-crossplane/rollouts', content: /flux-system\/platform/ },
  {
    name: 'Crossplane: managed resources',
    path: 'flux-crossplane/crossplane/managed',
    content: /Resource0x0/,
  },
  {
    name: 'Crossplane: composite resources and claims',
    path: 'flux-crossplane/crossplane/composites',
    content: /X?App0\.t0\.platform\.acme\.io/,
  },
  { name: "anchor: Headlamp's CRD list", path: 'crds', content: /acme\.io/, anchor: true },
];

/** `…/<plural>/<name>` (a GET of one object) rather than `…/<plural>` (a list). */
function namesAnObject(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  let rest = parts[0] === 'apis' ? parts.slice(3) : parts.slice(2);
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  return rest.length >= 2;
}

/** A list of a kind (not discovery, not one object). */
function isList(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : [];
  return rest.length === 1 || (rest.length === 3 && rest[0] === 'namespaces');
}

async function rows(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('tr').length);
}

/** JS heap in use after a full GC, by the DevTools protocol. */
async function heapMb(page: Page): Promise<number | undefined> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const used = metrics.find(metric => metric.name === 'JSHeapUsedSize')?.value;
    return used ? Math.round(used / 1024 / 102.4) / 10 : undefined;
  } finally {
    await session.detach();
  }
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const frontend = (await frontendsToTest(log))[0];
const demo = await startDemo(log, [
  '--test-endpoints',
  '--no-build',
  '--large',
  String(largeSize),
  '--kinds',
  String(kindsSize),
  ...(frontend?.headlampDir ? ['--headlamp', frontend.headlampDir] : []),
]);
const browser = await launchBrowser();
const figures: PageFigures[] = [];

async function measure(cluster: string, target: Target): Promise<void> {
  await demo.clearRequests();
  const page = await browser.context.newPage();
  const meter = await meterPage(page, cluster);
  const started = Date.now();
  await page.goto(`${demo.url}c/${cluster}/${target.path}`);
  let shellAt: number | undefined;
  // The shell: Headlamp's sidebar, with the plugin's entry in it.
  void page
    .getByRole('button', { name: 'Flux + Crossplane' })
    .or(page.getByRole('link', { name: 'Flux + Crossplane' }))
    .first()
    .waitFor({ timeout: 180_000 })
    .then(() => {
      shellAt = Date.now();
    })
    .catch(() => undefined);
  let contentAt: number | undefined;
  try {
    await page.getByText(target.content).first().waitFor({ timeout: 180_000 });
    await page.locator('main tbody tr').first().waitFor({ timeout: 180_000 });
    contentAt = Date.now();
  } catch {
    log(`  ${cluster} ${target.name}: no content in 180 s`);
  }
  // Let the lists found on the way (XR, claim, MR kinds) arrive before counting.
  await settleRequests(meter.lastRequestAt, 3000, 30_000);
  const counts = await meter.counts();
  const requests = (await demo.requests()).filter(request => request.cluster === cluster);
  const gets = requests.filter(request => !request.websocket && request.method === 'GET');
  const rowsInDom = await rows(page);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(500);
  figures.push({
    cluster,
    page: target.name,
    requests: counts.requests,
    lists: gets.filter(request => isList(request.path)).length,
    webSockets: counts.webSocketsOpened,
    webSocketsFailed: counts.webSocketsFailed,
    peakWebSockets: counts.peakWebSockets,
    insufficientResources: counts.insufficientResources,
    requestsNamingAnObject: gets.filter(request => namesAnObject(request.path)).length,
    msToContent: contentAt ? contentAt - started : undefined,
    msAfterShell: contentAt && shellAt ? Math.max(0, contentAt - shellAt) : undefined,
    jsHeapMb: await heapMb(page),
    rowsInDom,
    rowsAfterScroll: await rows(page),
    rowsInData: target.rowsInData,
    anchor: target.anchor,
  });
  await page.close();
}

try {
  for (const target of LARGE_PAGES) await measure('large', target);
  for (const target of KINDS_PAGES) await measure('kinds', target);
} finally {
  await browser.close();
  await demo.stop();
}

const RATIO_FIGURES = [
  'requests',
  'webSockets',
  'peakWebSockets',
  'msAfterShell',
  'jsHeapMb',
] as const;
const ratios = figures.map(row => {
  const anchor = figures.find(other => other.cluster === row.cluster && other.anchor);
  return Object.fromEntries(
    RATIO_FIGURES.map(figure => {
      const value = row[figure];
      const base = anchor?.[figure];
      return [
        figure,
        value !== undefined && base ? Math.round((value / base) * 100) / 100 : undefined,
      ];
    })
  ) as Record<(typeof RATIO_FIGURES)[number], number | undefined>;
});

const pad = (text: string | number | undefined, width: number) =>
  String(text ?? '–').padStart(width);
log(
  `browser: ${frontend?.label ?? 'shell'}; cluster "large" with about ${largeSize} objects, ` +
    `cluster "kinds" with 500 XRDs, 1,000 managed-resource kinds and about ${kindsSize} objects`
);
log(
  `${'cluster'.padEnd(6)} ${'page'.padEnd(44)} ${pad('req', 5)} ${pad('lists', 5)} ${pad(
    'ws',
    5
  )} ${pad('fail', 5)} ${pad('peak', 5)} ${pad('E_RES', 5)} ${pad('by-name', 7)} ${pad(
    'ms',
    6
  )} ${pad('shell+', 6)} ${pad('heapMB', 6)} ${pad('rows', 5)} ${pad(
    'scroll',
    6
  )}   ÷ anchor: req ws peak shell+ heap`
);
figures.forEach((row, position) => {
  const ratio = ratios[position];
  log(
    `${row.cluster.padEnd(6)} ${row.page.slice(0, 44).padEnd(44)} ${pad(row.requests, 5)} ${pad(
      row.lists,
      5
    )} ${pad(row.webSockets, 5)} ${pad(row.webSocketsFailed, 5)} ${pad(
      row.peakWebSockets,
      5
    )} ${pad(row.insufficientResources, 5)} ${pad(row.requestsNamingAnObject, 7)} ${pad(
      row.msToContent,
      6
    )} ${pad(row.msAfterShell, 6)} ${pad(row.jsHeapMb, 6)} ${pad(row.rowsInDom, 5)} ${pad(
      row.rowsAfterScroll,
      6
    )}   ${RATIO_FIGURES.map(figure => pad(ratio[figure], 5)).join(' ')}`
  );
});
writeFileSync(
  join(here, 'results-browser.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      frontend: frontend?.label ?? 'shell',
      anchor: "Headlamp's own CRD list page (/c/<cluster>/crds), same cluster, same run",
      sizes: { large: largeSize, kinds: kindsSize },
      pages: figures.map((row, position) => ({ ...row, ratioToAnchor: ratios[position] })),
    },
    null,
    2
  )}\n`
);
log('figures written to bench/results-browser.json');
