import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { PluginBrowser } from '../lib/pluginBrowser';
import { type Diagnosis, STALE_STOPPED } from './expectations';

/**
 * What a person reads in the built plugin inside real Headlamp at a step of the
 * controller stories — the browser half of stories/expectations.ts, asserted
 * on the same step against the same API server: the banner that leads a
 * Kustomization's page (the same rule and title `diagnose` gives), the applied
 * and attempted commits in its facts, the state Rollouts gives each
 * Kustomization, and the healthy pages afterwards. A page is read until it
 * says what is expected (the watch brings the controllers' writes) or the
 * time is up; a statement of absence is made only once the page stopped
 * loading and held still.
 */

type Facts = Record<string, string>;

const NS = 'flux-system';
const PAGE_TIMEOUT_MS = 60_000;

interface Banner {
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'success' | '';
  title: string;
  text: string;
}

interface PageState {
  text: string;
  banners: Banner[];
  loading: number;
  /** The text of each table row that names a Kustomization, first table first. */
  rows: string[];
}

/** Read in the page; a string, not a function (compiled helpers are not in the page). */
const READ_STATE = `(() => {
  const root = document.querySelector('main') || document.body;
  const severity = element => {
    const name = String(element.className);
    for (const tone of ['error', 'warning', 'info', 'success'])
      if (new RegExp('(standard|filled|outlined|color)' + tone, 'i').test(name)) return tone;
    return '';
  };
  return {
    text: root.innerText,
    banners: [...root.querySelectorAll('[data-rule]')].map(element => ({
      rule: element.getAttribute('data-rule'),
      severity: severity(element),
      title: (element.querySelector('.MuiAlertTitle-root') || element).innerText.trim(),
      text: element.innerText,
    })),
    loading: root.querySelectorAll('[role="progressbar"]').length,
    rows: [...root.querySelectorAll('tr')].map(row => row.innerText.replace(/\\s+/g, ' ')),
  };
})()`;

async function readState(page: Page): Promise<PageState> {
  return (await page.evaluate(READ_STATE)) as PageState;
}

function summary(state: PageState): string {
  const banners = state.banners.map(b => `  [${b.severity}] ${b.title}`).join('\n');
  return `banners:\n${banners || '  (none)'}\npage text (start):\n${state.text.slice(0, 1500)}`;
}

/**
 * Reads `page` until `check` passes (it throws an AssertionError while it does not),
 * and, when `still` is set, until it has passed on a page that stopped loading for 2 s.
 */
async function until(
  page: Page,
  what: string,
  check: (state: PageState) => void,
  still = false
): Promise<PageState> {
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  let passingSince: number | undefined;
  let last: PageState | undefined;
  let lastError: unknown;
  for (;;) {
    last = await readState(page);
    try {
      check(last);
      if (still && last.loading > 0) throw new Error('the page is still loading');
      passingSince ??= Date.now();
      if (!still || Date.now() - passingSince >= 2000) return last;
    } catch (error) {
      passingSince = undefined;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(
        `the plugin did not show ${what} in ${PAGE_TIMEOUT_MS / 1000} s: ${why}\n${summary(last)}`
      );
    }
    await page.waitForTimeout(500);
  }
}

const short = (sha: string) => sha.slice(0, 7);

function diagnosisOf(live: Diagnosis[], ruleId: string, kind: string, name: string): Diagnosis {
  const found = live.find(
    d => d.ruleId === ruleId && d.subject.kind === kind && d.subject.name === name
  );
  assert.ok(found, `diagnose gives ${ruleId} on ${kind}/${name}`);
  return found;
}

/** The lead banner of a Kustomization's page is `ruleId`, worded as diagnose words it. */
function leads(state: PageState, expected: Diagnosis): Banner {
  const lead = state.banners[0];
  assert.ok(lead, 'a banner leads the page');
  assert.equal(lead.rule, expected.ruleId, `the lead banner: ${lead.title}`);
  assert.ok(
    lead.title.includes(expected.title),
    `the lead banner reads "${lead.title}", diagnose "${expected.title}"`
  );
  return lead;
}

/** No banner at warning or error on the page. */
function calm(state: PageState): void {
  const loud = state.banners.filter(b => b.severity === 'error' || b.severity === 'warning');
  assert.deepEqual(
    loud.map(b => b.title),
    [],
    'no banner at warning or error'
  );
}

/** The facts row "Applied revision" names the commit. */
function applied(state: PageState, sha: string): void {
  assert.match(state.text, new RegExp(`Applied revision\\s+main@${short(sha)}`));
}

function row(state: PageState, name: string): string {
  const found = state.rows.find(text => text.includes(`${NS}/${name}`));
  assert.ok(found, `a row for ${NS}/${name}`);
  return found;
}

/** Both Kustomizations' pages healthy at `sha`, and Rollouts says Applied for both. */
async function healthy(view: PluginBrowser, sha: string): Promise<void> {
  for (const name of ['crossplane-apis', 'crossplane-claims']) {
    const page = await view.kustomization(NS, name);
    await until(
      page,
      `${name} Ready at main@${short(sha)} with no warning or error`,
      state => {
        applied(state, sha);
        assert.match(state.text, /State\s+Ready/);
        calm(state);
      },
      true
    );
  }
  const rollouts = await view.open('rollouts');
  await until(rollouts, `Rollouts: main@${short(sha)} Applied on both`, state => {
    assert.ok(state.text.includes(short(sha)), `Rollouts names ${short(sha)}`);
    for (const name of ['crossplane-apis', 'crossplane-claims'])
      assert.match(row(state, name), /\bApplied\b/, name);
  });
}

export type PageStep = (view: PluginBrowser, facts: Facts, live: Diagnosis[]) => Promise<void>;

export const PAGES: Partial<Record<string, PageStep>> = {
  '02-invalid-xrd': async (view, facts, live) => {
    const invalid = diagnosisOf(live, 'FLUX-INVALID-MANIFESTS', 'Kustomization', 'crossplane-apis');
    const apis = await view.kustomization(NS, 'crossplane-apis');
    await until(apis, 'crossplane-apis led by its invalid XRD, both commits named', state => {
      const lead = leads(state, invalid);
      assert.equal(lead.severity, 'error');
      assert.ok(lead.text.includes('xbuckets.platform.example.org'), lead.text);
      // The cluster still runs the good commit; the bad one was attempted.
      applied(state, facts.good);
      assert.match(state.text, new RegExp(`Attempted revision\\s+main@${short(facts.bad)}`));
    });
    // crossplane-claims waits on its dependency: its page leads with the dependency's root
    // cause (about crossplane-apis), and nothing on it says crossplane-claims failed.
    const claims = await view.kustomization(NS, 'crossplane-claims');
    await until(claims, 'crossplane-claims waiting for crossplane-apis, not failed', state => {
      const waits = state.banners.find(b => b.rule === 'FLUX-DEPENDENCY');
      assert.ok(waits, 'a FLUX-DEPENDENCY banner');
      assert.equal(waits.severity, 'warning');
      assert.match(waits.title, /waits for flux-system\/crossplane-apis/);
      assert.deepEqual(
        state.banners
          .filter(b => b.severity === 'error' && /^Kustomization crossplane-claims\b/.test(b.title))
          .map(b => b.title),
        [],
        'no error about crossplane-claims itself'
      );
      assert.equal(state.banners[0]?.rule, invalid.ruleId, 'the root cause leads');
    });
    const rollouts = await view.open('rollouts');
    await until(
      rollouts,
      'Rollouts: Failed on crossplane-apis, Waiting on crossplane-claims',
      state => {
        assert.ok(state.text.includes(short(facts.bad)), `Rollouts names ${short(facts.bad)}`);
        assert.match(row(state, 'crossplane-apis'), /\bFailed\b/);
        const waiting = row(state, 'crossplane-claims');
        assert.match(waiting, /\bWaiting\b/);
        assert.doesNotMatch(waiting, /\bFailed\b/);
      }
    );
  },

  '02-reverted': (view, facts) => healthy(view, facts.good),

  '07-controller-stopped': async (view, _facts, live) => {
    for (const name of ['crossplane-apis', 'crossplane-claims']) {
      diagnosisOf(live, 'FLUX-STALE', 'Kustomization', name);
      const page = await view.kustomization(NS, name);
      await until(page, `${name} stale: no reconcile handled for too long`, state => {
        const stale = state.banners.find(b => b.rule === 'FLUX-STALE');
        assert.ok(stale, 'a FLUX-STALE banner');
        assert.match(stale.text, STALE_STOPPED);
      });
    }
  },

  '07-restarted': (view, facts) => healthy(view, facts.good),

  '08-suspended': async (view, facts, live) => {
    const suspended = diagnosisOf(live, 'FLUX-SUSPENDED', 'Kustomization', 'crossplane-claims');
    const claims = await view.kustomization(NS, 'crossplane-claims');
    await until(claims, 'crossplane-claims suspended at the commit it applied before', state => {
      const banner = state.banners.find(b => b.rule === 'FLUX-SUSPENDED');
      assert.ok(banner, 'a FLUX-SUSPENDED banner');
      assert.ok(banner.title.includes(suspended.title), banner.title);
      assert.deepEqual(
        state.banners.filter(b => b.severity === 'error').map(b => b.title),
        []
      );
      assert.match(
        state.text,
        new RegExp(`Applied revision\\s+${facts.applied.replace(/@sha1:(\w{7})\w*/, '@$1')}`)
      );
    });
    await claims.getByRole('button', { name: 'Resume', exact: true }).first().waitFor();
  },

  '08-resumed': (view, facts) => healthy(view, facts.good),

  '10-function-missing': async (view, facts, live) => {
    const missing = diagnosisOf(live, 'XP-FUNCTION-MISSING', 'XBucket', 'team-a-bucket');
    const claims = await view.kustomization(NS, 'crossplane-claims');
    await until(claims, "crossplane-claims led by the XR's missing Function", state => {
      const lead = leads(state, missing);
      assert.ok(lead.text.includes('function-bucket'), lead.text);
      assert.match(state.text, new RegExp(`main@${short(facts.added)} is applied but not healthy`));
    });
  },

  '10-reverted': (view, facts) => healthy(view, facts.good),
};
