/**
 * The socket ceiling, by count (never by time), in the real Headlamp on a
 * cluster of Crossplane's size in kinds: 500 XRDs (an XR and a claim kind
 * each) and 1,000 managed-resource kinds (bench/generateManyKinds.ts; fewer
 * objects than the benchmark's cluster, the same kinds — kinds, not objects,
 * drive sockets). On each page the plugin reads, at no moment are more than
 * 40 WebSockets open, none fails, the browser refuses no request for lack of
 * resources, and every ConfigMap and Deployment row of the big
 * Kustomization's inventory shows the state read from the cluster.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { generateManyKinds } from '../../bench/generateManyKinds';
import { meterPage, PageCounts, settleRequests } from '../../bench/pageMeter';
import { Demo, E2eTest, eventually, startDemo, TestContext } from './harness';

/** The plugin's WebSocket budget (issue 13): the most open at any moment, Headlamp's own included. */
export const SOCKET_CEILING = 40;
/** Objects besides the fixed definitions: small, since only the kinds matter here. */
const SIZE = 300;
const CLUSTER = 'kinds';

/** Long enough for a cold page of a cluster with 2,000 kinds on a busy 2-core machine. */
const CONTENT_TIMEOUT_MS = 45_000;

const PAGES: Array<{ name: string; path: string; content: RegExp; inventory?: boolean }> = [
  { name: 'Overview', path: 'flux-crossplane', content: /Needs attention \(\d+\)/ },
  {
    name: 'the big Kustomization',
    path: 'flux-crossplane/kustomizations/kinds/flux-system/platform',
    content: /ConfigMap \(\d+\)/,
    inventory: true,
  },
  { name: 'Rollouts', path: 'flux-crossplane/rollouts', content: /flux-system\/platform/ },
  {
    name: 'Crossplane managed resources',
    path: 'flux-crossplane/crossplane/managed',
    content: /Resource0x0/,
  },
  {
    name: 'Crossplane composites',
    path: 'flux-crossplane/crossplane/composites',
    content: /X?App0\.t0\.platform\.acme\.io/,
  },
];

/** What the big Kustomization's inventory names, from the generator itself. */
function expectedRows(kind: 'ConfigMap' | 'Deployment'): Map<string, string> {
  const rows = new Map<string, string>();
  for (const object of generateManyKinds(SIZE).objects) {
    const metadata = object.metadata as { name: string; namespace?: string };
    if (object.kind !== kind) continue;
    let state = '';
    if (kind === 'Deployment') {
      const status = object.status as { updatedReplicas: number; replicas: number };
      // kstatus: a Deployment is Current once every replica is updated and available.
      state = status.updatedReplicas < status.replicas ? 'Progressing' : 'Ready';
    }
    rows.set(`${metadata.namespace}/${metadata.name}`, state);
  }
  return rows;
}

/** The rows of one inventory section (its title is `<Kind> (<count>)`). */
async function inventoryRows(page: Page, kind: string, count: number): Promise<string[][]> {
  const section = page
    .locator('div')
    .filter({ has: page.getByText(`${kind} (${count})`, { exact: true }) })
    .filter({ has: page.locator('table') })
    .last();
  const rows = section.locator('tbody tr');
  await eventually(`${count} ${kind} rows`, async () => (await rows.count()) === count);
  return rows.evaluateAll(found =>
    found.map(row => [...row.querySelectorAll('td')].map(cell => (cell.textContent ?? '').trim()))
  );
}

// A ConfigMap that was read shows "No status" (it exists; kstatus has nothing to check on it), a
// Deployment its kstatus verdict; one not read shows not visible, unknown or not found.
const UNREAD = /^(Not visible|Unknown|Not found|Pending)/;
/** How long the inventory's lists may take to arrive after the page shows its sections. */
const READ_TIMEOUT_MS = 30_000;

async function checkInventory(page: Page, report: string[]): Promise<void> {
  for (const kind of ['ConfigMap', 'Deployment'] as const) {
    const expected = expectedRows(kind);
    // Section titles name the group too when there is one: `Deployment (apps) (12)`.
    const title = kind === 'Deployment' ? 'Deployment (apps)' : kind;
    // A row still waiting for its list says so ("Pending"): wait for the lists, then judge.
    let rows = await inventoryRows(page, title, expected.size);
    const deadline = Date.now() + READ_TIMEOUT_MS;
    while (rows.some(([, , , state]) => UNREAD.test(state)) && Date.now() < deadline) {
      await page.waitForTimeout(500);
      rows = await inventoryRows(page, title, expected.size);
    }
    const seen = new Set<string>();
    for (const [name, namespace, , state] of rows) {
      // The name cell is a link reading `namespace/name`.
      const key = name.includes('/') ? name : `${namespace}/${name}`;
      seen.add(key);
      assert.ok(expected.has(key), `${kind} ${key} is not in the inventory`);
      assert.doesNotMatch(state, UNREAD, `${kind} ${key} shows "${state}", not its state`);
      const want = expected.get(key);
      if (want) assert.ok(state.startsWith(want), `${kind} ${key} shows "${state}", not ${want}`);
    }
    assert.equal(seen.size, expected.size, `every ${kind} row once`);
    report.push(`${kind}: ${rows.length} rows, each with its state`);
  }
}

function verdict(name: string, counts: PageCounts): string[] {
  const problems: string[] = [];
  if (counts.peakWebSockets > SOCKET_CEILING)
    problems.push(
      `${name}: ${counts.peakWebSockets} WebSockets open at once (ceiling ${SOCKET_CEILING}); ` +
        `open then: ${counts.atPeak
          .map(path =>
            path.replace(/^\/clusters\/[^/]+/, '').replace(/[?&](watch=1|resourceVersion=\d+)/g, '')
          )
          .join(' ')}`
    );
  if (counts.webSocketsFailed > 0 || counts.socketErrors.length > 0)
    problems.push(
      `${name}: ${counts.webSocketsFailed} WebSockets failed ${counts.socketErrors
        .slice(0, 3)
        .join('; ')}`
    );
  if (counts.insufficientResources > 0)
    problems.push(
      `${name}: ${counts.insufficientResources} requests refused with ERR_INSUFFICIENT_RESOURCES`
    );
  return problems;
}

/** One page on a demo of its own, so that each page's test has its own time limit. */
async function measurePage(context: TestContext, target: (typeof PAGES)[number]): Promise<void> {
  const lines: string[] = [];
  const problems: string[] = [];
  const demo: Demo = await startDemo(
    () => undefined,
    ['--test-endpoints', '--no-build', '--kinds', String(SIZE)]
  );
  let page: Page | undefined;
  try {
    page = await context.open('about:blank', demo.url);
    const meter = await meterPage(page, CLUSTER);
    await page.goto(`${demo.url}c/${CLUSTER}/${target.path}`);
    await page
      .getByText(target.content)
      .first()
      .waitFor({ state: 'visible', timeout: CONTENT_TIMEOUT_MS })
      .catch(() =>
        problems.push(`${target.name}: no ${target.content} after ${CONTENT_TIMEOUT_MS / 1000} s`)
      );
    if (target.inventory && problems.length === 0)
      await checkInventory(page, lines).catch((error: Error) => problems.push(error.message));
    await settleRequests(meter.lastRequestAt, 3000, 15_000);
    const counts = await meter.counts();
    lines.push(
      `${counts.requests} requests, ${counts.webSocketsOpened} WebSockets opened, ` +
        `peak ${counts.peakWebSockets} open, ${counts.webSocketsFailed} failed, ` +
        `${counts.insufficientResources} ERR_INSUFFICIENT_RESOURCES`
    );
    problems.push(...verdict(target.name, counts));
    console.log(`    ${lines.join('\n    ')}`);
    assert.deepEqual(problems, [], `the socket ceiling on ${target.name}`);
  } finally {
    // The page first: a page left open sees its backend go away (a console error).
    await page?.close().catch(() => undefined);
    await demo.stop();
  }
}

export const SOCKET_CEILING_TESTS: E2eTest[] = PAGES.map(target => ({
  name: `sockets (500 XRDs, 1,000 managed-resource kinds): ${
    target.name
  } — at most ${SOCKET_CEILING} WebSockets open at once, none failed${
    target.inventory ? ', every ConfigMap and Deployment row read' : ''
  }`,
  run: (context: TestContext) => measurePage(context, target),
}));
