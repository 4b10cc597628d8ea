/**
 * What the browser tests run on: the demo (started by the test run itself, on
 * a free port, with its test-only endpoints) inside each real Headlamp build
 * of the version matrix (frontends.ts; the home-made shell where none is
 * found), Debian's Chromium driven by playwright-core with a fresh profile,
 * and a small sequential runner that ends with the plain `N passed, N failed`
 * line CI reads. Every test fails on a console error, a page error, a failed
 * request or watch, or a request to any host but 127.0.0.1 — except
 * Headlamp's own known probes (KNOWN_HEADLAMP_NOISE), set aside by exact
 * pattern and counted.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';
import type { RecordedRequest } from '../../demo/server/requestLog';
import { Frontend, frontendsToTest, SHELL } from './frontends';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT_DIR = join(PROJECT_ROOT, 'test-output', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Long enough for a cold page on a busy 2-core machine. */
export const WAIT_MS = 20_000;
/** One test's limit, so that a stuck test cannot hold CI. */
const TEST_TIMEOUT_MS = 120_000;

/** Headlamp's sidebar lists CRDs at both v1 and v1beta1 (see lib/lib/k8s/crd.js). */
export function isShellCrdProbe(url: string): boolean {
  return url.includes('/apis/apiextensions.k8s.io/v1beta1/customresourcedefinitions');
}

/**
 * Failed responses that are Headlamp's own, not the plugin's: each named, each
 * by exact status and URL pattern. Their console lines ("Failed to load
 * resource", without a URL) are set aside one for one.
 */
export const KNOWN_HEADLAMP_NOISE: Array<{ name: string; status: number; url: RegExp }> = [
  {
    name: 'CRD list at apiextensions.k8s.io/v1beta1 (gone since Kubernetes 1.22)',
    status: 404,
    url: /\/clusters\/[^/]+\/apis\/apiextensions\.k8s\.io\/v1beta1\/customresourcedefinitions(\?|$)/,
  },
  {
    name: "Headlamp's /me without an identity provider",
    status: 401,
    url: /^http:\/\/127\.0\.0\.1:\d+\/clusters\/[^/]+\/me$/,
  },
  {
    name: 'Gateway API probe where it is not served',
    status: 404,
    url: /\/clusters\/[^/]+\/apis\/gateway\.networking\.k8s\.io\//,
  },
  {
    name: 'scheduling API probe where it is not served',
    status: 404,
    url: /\/clusters\/[^/]+\/apis\/scheduling\.k8s\.io\//,
  },
];

/** The name of Headlamp's own probe this failed response is, if it is one. */
export function knownHeadlampNoise(url: string, status: number): string | undefined {
  return KNOWN_HEADLAMP_NOISE.find(noise => noise.status === status && noise.url.test(url))?.name;
}

/** Whether a URL stays on this machine (127.0.0.1, or a page-internal scheme). */
export function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return parsed.hostname === '127.0.0.1';
}

/** What the demo's clusters received (its test-only request log). */
export type { RecordedRequest };

export interface Demo {
  url: string;
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  /** Puts every cluster back to the scenario's start (through watch events). */
  reset(): Promise<void>;
  /** Every cluster GET but discovery answers `ms` late (0 puts it back). */
  setListDelay(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** The frontend the current run uses; startDemo runs the demo inside it. */
let activeFrontend: Frontend = SHELL;

/**
 * Starts `demo/main.ts` (building what is stale, unless told otherwise) inside
 * the run's frontend (`--headlamp DIR` for a real Headlamp) and waits for it.
 */
export async function startDemo(
  log: (line: string) => void,
  args: string[] = ['--test-endpoints']
): Promise<Demo> {
  const frontend =
    activeFrontend.headlampDir && !args.includes('--headlamp')
      ? ['--headlamp', activeFrontend.headlampDir]
      : [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'demo', 'main.ts'), '--port', '0', ...frontend, ...args],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HEADLAMP_DIR: '' },
    }
  );
  let output = '';
  await new Promise<void>((resolveStarted, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo did not start in 6 min:\n${output}`)),
      360_000
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(`  demo| ${line}`);
      if (output.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolveStarted();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before serving:\n${output}`));
    });
  });
  const found = /Headlamp with [^:]+: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
  if (!found) throw new Error(`the demo printed no URL:\n${output}`);
  const url = found[1];
  // A real Headlamp serves the app; the test-only endpoints are then on a port of their own.
  const control = /Test endpoints: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1] ?? url;
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => log(`  demo| ${chunk.toString().trimEnd()}`));
  const call = async (path: string, method = 'GET') => {
    const response = await fetch(new URL(path, control), { method });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    url,
    requests: () => call('_demo/requests') as Promise<RecordedRequest[]>,
    clearRequests: async () => {
      await call('_demo/requests', 'DELETE');
    },
    reset: async () => {
      await call('_demo/reset', 'POST');
    },
    setListDelay: async (ms: number) => {
      await call(`_demo/list-delay?ms=${ms}`, 'PUT');
    },
    stop: () =>
      new Promise<void>(resolveStop => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}

export interface BrowserProblem {
  test: string;
  kind: 'console.error' | 'pageerror' | 'failed watch' | 'off-machine request';
  text: string;
  location?: string;
}

export interface Browser {
  context: BrowserContext;
  problems: BrowserProblem[];
  /** Every URL the browser requested during the run, in order (the whole context, every page). */
  requestLog: string[];
  /** How many failed responses of each of Headlamp's known probes were set aside. */
  setAside: Map<string, number>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'hfc-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 1000 },
  });
  const requestLog: string[] = [];
  context.on('request', request => requestLog.push(request.url()));
  return {
    context,
    problems: [],
    requestLog,
    setAside: new Map(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface TestContext {
  demo: Demo;
  browser: Browser;
  /** Opens a page of the app (path relative to the backend URL), watching its console. */
  open(path: string, backend?: string): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  /** Every HTTP response the pages of this test received, in order. */
  responses: Array<{ url: string; status: number }>;
  /** What the test runs in: `Headlamp <version>` (the real one) or `shell`. */
  frontend: string;
}

export interface E2eTest {
  name: string;
  run(context: TestContext): Promise<void>;
}

/** Polls `check` until it returns a value that is not undefined/false, or fails after `timeout`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeout = WAIT_MS
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise(resolveWait => setTimeout(resolveWait, 200));
  }
}

/**
 * Console lines that are known and left open, each by its exact text and
 * named: Headlamp logs "WebSocket error: Event" when a watch socket is closed
 * while still connecting — every route mounts its own data provider, so
 * leaving a page early can do that (README, "Known limitations").
 */
export const KNOWN_CONSOLE_NOISE: Array<{ name: string; text: string }> = [
  { name: 'watch socket closed while connecting', text: 'WebSocket error: Event' },
  // The same in real Headlamp, as the socket's own error (its console stays quiet).
  {
    name: 'watch socket closed while connecting',
    text: 'WebSocket is closed before the connection is established.',
  },
];

export function isKnownConsoleNoise(text: string): boolean {
  return KNOWN_CONSOLE_NOISE.some(noise => noise.text === text);
}

/** The pages of one test, each watched: console, page errors, responses, watches, hosts. */
function testContext(
  demo: Demo,
  browser: Browser,
  test: string,
  frontend: Frontend,
  pages: Page[]
): TestContext {
  const responses: Array<{ url: string; status: number }> = [];
  const problem = (kind: BrowserProblem['kind'], text: string, location?: string) =>
    browser.problems.push({ test, kind, text, ...(location ? { location } : {}) });
  return {
    demo,
    browser,
    responses,
    frontend: frontend.label,
    open: async (path, backend) => {
      const page = await browser.context.newPage();
      pages.push(page);
      // Failed loads of Headlamp's own probes are logged without their URL: one line set aside each.
      let probes = 0;
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() !== 'error') return;
        if (probes > 0 && message.text().startsWith('Failed to load resource')) {
          probes--;
          return;
        }
        const location = message.location();
        problem(
          'console.error',
          message.text(),
          location.url ? `${location.url}:${location.lineNumber}` : undefined
        );
      });
      page.on('request', request => {
        if (!isLocal(request.url())) problem('off-machine request', request.url());
      });
      page.on('response', response => {
        responses.push({ url: response.url(), status: response.status() });
        if (response.status() < 400) return;
        const noise = knownHeadlampNoise(response.url(), response.status());
        if (noise) {
          probes++;
          browser.setAside.set(noise, (browser.setAside.get(noise) ?? 0) + 1);
          return;
        }
        problem(
          'console.error',
          `HTTP ${response.status()} ${response.request().method()} ${response.url()}`
        );
      });
      page.on('websocket', socket =>
        socket.on('socketerror', error => problem('failed watch', error, socket.url()))
      );
      page.on('pageerror', error => problem('pageerror', String(error)));
      await page.goto(new URL(path.replace(/^\//, ''), backend ?? demo.url).toString());
      return page;
    },
    screenshot: async (page, name) => {
      await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`) });
    },
  };
}

/** What went wrong in the browser during one test, known noise aside ('' when nothing). */
function problemsOf(browser: Browser, test: string): string {
  return browser.problems
    .filter(problem => problem.test === test && !isKnownConsoleNoise(problem.text))
    .map(
      problem =>
        `${problem.kind}: ${problem.text}${problem.location ? ` (${problem.location})` : ''}`
    )
    .join('\n');
}

/**
 * Runs the tests one after the other in each frontend of the version matrix;
 * prints one line per test and `N passed, N failed`.
 */
export async function runTests(tests: E2eTest[], only?: string): Promise<number> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const selected = only ? tests.filter(test => test.name.includes(only)) : tests;
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const file of readdirSync(OUTPUT_DIR)) {
    if (file.startsWith('FAILED-')) rmSync(join(OUTPUT_DIR, file));
  }
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  let frontends: Frontend[] = [];
  try {
    frontends = await frontendsToTest(log);
  } catch (error) {
    failed++;
    log(
      `✘ choosing the Headlamp to test in: ${
        error instanceof Error ? error.message : String(error)
      }`
    );
  }
  for (const frontend of frontends) {
    activeFrontend = frontend;
    let demo: Demo | undefined;
    let browser: Browser | undefined;
    try {
      const demoStarted = Date.now();
      demo = await startDemo(log);
      log(
        `demo in ${frontend.label} at ${demo.url} (${((Date.now() - demoStarted) / 1000).toFixed(
          1
        )} s)`
      );
      browser = await launchBrowser();
      for (const test of selected) {
        const pages: Page[] = [];
        const context = testContext(demo, browser, test.name, frontend, pages);
        const label = `[${frontend.label}] ${test.name}`;
        const testStarted = Date.now();
        try {
          await demo.reset();
          let timer: ReturnType<typeof setTimeout> | undefined;
          await Promise.race([
            test.run(context),
            new Promise((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`no result after ${TEST_TIMEOUT_MS / 1000} s`)),
                TEST_TIMEOUT_MS
              );
            }),
          ]).finally(() => clearTimeout(timer));
          const problems = problemsOf(browser, test.name);
          if (problems) throw new Error(`the browser reported problems:\n${problems}`);
          passed++;
          log(`✔ ${label} (${((Date.now() - testStarted) / 1000).toFixed(1)} s)`);
        } catch (error) {
          failed++;
          log(`✘ ${label} (${((Date.now() - testStarted) / 1000).toFixed(1)} s)`);
          log(
            `    ${(error instanceof Error ? error.stack ?? error.message : String(error))
              .split('\n')
              .join('\n    ')}`
          );
          const page = pages[pages.length - 1];
          if (page && !page.isClosed()) {
            const file = `FAILED-${label.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
            await page.screenshot({ path: join(OUTPUT_DIR, `${file}.png`) }).catch(() => undefined);
            log(`    screenshot: test-output/e2e/${file}.png`);
          }
        } finally {
          for (const page of pages) await page.close().catch(() => undefined);
        }
      }
      const setAside = [...browser.setAside].map(([name, count]) => `${count}× ${name}`);
      if (setAside.length) log(`  set aside as Headlamp's own: ${setAside.join('; ')}`);
    } catch (error) {
      failed++;
      log(
        `✘ setting up the browser tests in ${frontend.label}: ${
          error instanceof Error ? error.message : String(error)
        }`
      );
    } finally {
      await browser?.close().catch(() => undefined);
      await demo?.stop().catch(() => undefined);
      activeFrontend = SHELL;
    }
  }
  log(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
