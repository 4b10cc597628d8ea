/**
 * Layout at 1366×768, the laptop screen on call, in the built plugin inside
 * the real Headlamp: on the failing Kustomization's page the lead banner, the
 * action bar and the facts start within the first screen, and no name or short
 * SHA (a link or label that is one token) is broken across lines there or in
 * the Kustomizations list. The y offsets are printed for the record.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { E2eTest, eventually, WAIT_MS } from './harness';

export const LAPTOP = { width: 1366, height: 768 };

/** Where an element starts, in px from the top of the viewport (the page unscrolled). */
async function topOf(locator: Locator): Promise<number> {
  const box = await locator.first().boundingBox();
  assert.ok(box, 'the element is rendered');
  return Math.round(box.y);
}

/**
 * Every name-like token in the page's main area — `flux-system/crossplane-claims`,
 * `ext-functions-x7k2p-bucket`, `main@8a1f2c3`, a short SHA — and how many lines
 * it takes (a wrapped token takes two). A string, not a function: the test
 * runner's compiled functions can reference helpers the page does not have.
 */
const TOKEN_LINES = `(() => {
  const root = document.querySelector('main') || document.body;
  const token = /[A-Za-z0-9][A-Za-z0-9._:-]*(?:\\/[A-Za-z0-9._:-]+)+|[A-Za-z0-9._-]+@(?:sha1:)?[0-9a-f]{7,40}|[a-z0-9]+(?:-[a-z0-9]+)+|\\b[0-9a-f]{7}\\b/g;
  // Names shown as names: links, labels with the full value on hover, table cells and
  // tree lines that hold nothing but the name — not words inside a controller's message.
  const isLabel = element => {
    if (element.closest('a, [title]')) return true;
    const cell = element.closest('td, dd, li');
    return !!cell && !cell.querySelector('code') && !/\\s/.test((cell.textContent || '').trim());
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !isLabel(node.parentElement)) continue;
    const text = node.textContent || '';
    for (const match of text.matchAll(token)) {
      if (match[0].length < 7 || match[0].length > 80) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set();
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
      const where = node.parentElement.tagName.toLowerCase() + ' at y=' + Math.round(range.getBoundingClientRect().top + window.scrollY);
      if (tops.size) found.push({ text: match[0], lines: tops.size, where });
    }
  }
  return found;
})()`;

async function brokenTokens(page: Page): Promise<{ checked: number; broken: string[] }> {
  const found = (await page.evaluate(TOKEN_LINES)) as Array<{
    text: string;
    lines: number;
    where: string;
  }>;
  return {
    checked: found.length,
    broken: found
      .filter(token => token.lines > 1)
      .map(token => `${token.text} (${token.lines} lines, ${token.where})`),
  };
}

/** Waits until the offsets stop moving (lists that arrive later push content down). */
async function steadyTops(parts: Record<string, Locator>): Promise<Record<string, number>> {
  let previous = '';
  let steadySince = Date.now();
  let tops: Record<string, number> = {};
  await eventually('the layout to hold still for 1.5 s', async () => {
    tops = {};
    for (const [name, locator] of Object.entries(parts)) tops[name] = await topOf(locator);
    const now = JSON.stringify(tops);
    if (now !== previous) steadySince = Date.now();
    previous = now;
    return Date.now() - steadySince >= 1500;
  });
  return tops;
}

export const LAYOUT_TESTS: E2eTest[] = [
  {
    name: 'at 1366×768 the failing Kustomization leads with its banner, actions and facts on the first screen; no name or SHA breaks',
    async run(context) {
      const page = await context.open(
        '/c/staging/flux-crossplane/kustomizations/staging/flux-system/crossplane-claims'
      );
      await page.setViewportSize(LAPTOP);
      const lead = page.locator('[data-rule]').first();
      await eventually(
        'the missing ProviderConfig to lead',
        async () => (await lead.getAttribute('data-rule')) === 'XP-PROVIDERCONFIG-MISSING'
      );
      const reconcile = page.getByRole('button', { name: 'Reconcile', exact: true }).first();
      const facts = page.getByText('Applied revision', { exact: true }).first();
      await facts.waitFor({ state: 'visible', timeout: WAIT_MS });
      const tops = await steadyTops({ banner: lead, actions: reconcile, facts });
      console.log(
        `  1366×768 crossplane-claims: lead banner at y=${tops.banner}, action bar at y=${tops.actions}, facts at y=${tops.facts}`
      );
      assert.ok(tops.banner < tops.actions && tops.actions < tops.facts, JSON.stringify(tops));
      for (const [part, y] of Object.entries(tops))
        assert.ok(y < LAPTOP.height, `${part} starts at y=${y}, below the first screen`);
      await context.screenshot(page, 'layout-1366-crossplane-claims');
      if (process.env.E2E_DEBUG)
        await page.screenshot({ path: 'test-output/e2e/layout-full.png', fullPage: true });
      const detail = await brokenTokens(page);
      assert.ok(detail.checked > 10, `name-like tokens found: ${detail.checked}`);
      assert.deepEqual(detail.broken, [], 'names and SHAs broken across lines on the page');

      await page.goto(
        new URL('c/staging/flux-crossplane/kustomizations', context.demo.url).toString()
      );
      const row = page.getByRole('row').filter({ hasText: 'flux-system/crossplane-claims' });
      await row.first().waitFor({ state: 'visible', timeout: WAIT_MS });
      await row.filter({ hasText: 'HealthCheckFailed' }).first().waitFor({ timeout: WAIT_MS });
      const list = await brokenTokens(page);
      console.log(
        `  1366×768 Kustomizations list: ${list.checked} name-like tokens, ${list.broken.length} broken`
      );
      assert.ok(list.checked > 10, `name-like tokens found: ${list.checked}`);
      assert.deepEqual(list.broken, [], 'names and SHAs broken across lines in the list');
      await context.screenshot(page, 'layout-1366-kustomizations');
    },
  },
];
