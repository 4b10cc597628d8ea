/**
 * What the browser tests run on: the demo backend (started by the test run
 * itself, on a free port, with its test-only endpoints), Debian's Chromium
 * driven by playwright-core with a fresh profile, and a small sequential
 * runner that ends with the plain `N passed, N failed` line CI reads.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';

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

export interface RecordedRequest {
  time: string;
  method: string;
  cluster: string;
  path: string;
  query: string;
  contentType?: string;
  body?: unknown;
  user?: string;
  websocket?: boolean;
  status?: number;
}

export interface Demo {
  url: string;
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  /** Puts every cluster back to the scenario's start (through watch events). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `demo/main.ts` (building what is stale, unless told otherwise) and waits for its URL. */
export async function startDemo(
  log: (line: string) => void,
  args: string[] = ['--test-endpoints']
): Promise<Demo> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'demo', 'main.ts'), '--port', '0', ...args],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo did not start in 6 min:\n${output}`)),
      360_000
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(`  demo| ${line}`);
      const found = /Headlamp with [^:]+: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolveUrl(found[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before serving:\n${output}`));
    });
  });
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => log(`  demo| ${chunk.toString().trimEnd()}`));
  const call = async (path: string, method = 'GET') => {
    const response = await fetch(new URL(path, url), { method });
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
  kind: 'console.error' | 'pageerror';
  text: string;
  location?: string;
}

export interface Browser {
  context: BrowserContext;
  problems: BrowserProblem[];
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
  return {
    context,
    problems: [],
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

/** Runs the tests one after the other; prints one line per test and `N passed, N failed`. */
export async function runTests(tests: E2eTest[], only?: string): Promise<number> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const selected = only ? tests.filter(test => test.name.includes(only)) : tests;
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const file of readdirSync(OUTPUT_DIR)) {
    if (file.startsWith('FAILED-')) rmSync(join(OUTPUT_DIR, file));
  }
  let passed = 0;
  let failed = 0;
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  const started = Date.now();
  try {
    demo = await startDemo(log);
    log(`demo backend at ${demo.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    browser = await launchBrowser();
    for (const test of selected) {
      const pages: Page[] = [];
      const responses: Array<{ url: string; status: number }> = [];
      const current = test.name;
      const context: TestContext = {
        demo,
        browser,
        responses,
        open: async (path, backend) => {
          const page = await (browser as Browser).context.newPage();
          pages.push(page);
          // Headlamp's own sidebar still probes CRDs at apiextensions.k8s.io/v1beta1 (gone since
          // Kubernetes 1.22): those 404s, and the console lines the browser logs for them, are the
          // shell's, not the plugin's.
          let shellProbes = 0;
          page.on('console', (message: ConsoleMessage) => {
            if (message.type() !== 'error') return;
            if (shellProbes > 0 && message.text().startsWith('Failed to load resource')) {
              shellProbes--;
              return;
            }
            const location = message.location();
            (browser as Browser).problems.push({
              test: current,
              kind: 'console.error',
              text: message.text(),
              location: location.url ? `${location.url}:${location.lineNumber}` : undefined,
            });
          });
          page.on('response', response => {
            responses.push({ url: response.url(), status: response.status() });
            // The browser logs failed loads without their URL: keep it for the report.
            if (response.status() === 404 && isShellCrdProbe(response.url())) {
              shellProbes++;
              return;
            }
            if (response.status() >= 400) {
              (browser as Browser).problems.push({
                test: current,
                kind: 'console.error',
                text: `HTTP ${response.status()} ${response.request().method()} ${response.url()}`,
              });
            }
          });
          page.on('pageerror', error =>
            (browser as Browser).problems.push({
              test: current,
              kind: 'pageerror',
              text: String(error),
            })
          );
          await page.goto(
            new URL(path.replace(/^\//, ''), backend ?? (demo as Demo).url).toString()
          );
          return page;
        },
        screenshot: async (page, name) => {
          await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`) });
        },
      };
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
        passed++;
        log(`✔ ${test.name} (${((Date.now() - testStarted) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        log(`✘ ${test.name} (${((Date.now() - testStarted) / 1000).toFixed(1)} s)`);
        log(
          `    ${(error instanceof Error ? error.stack ?? error.message : String(error))
            .split('\n')
            .join('\n    ')}`
        );
        const page = pages[pages.length - 1];
        if (page && !page.isClosed()) {
          const file = `FAILED-${test.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
          await page.screenshot({ path: join(OUTPUT_DIR, `${file}.png`) }).catch(() => undefined);
          log(`    screenshot: test-output/e2e/${file}.png`);
        }
      } finally {
        for (const page of pages) await page.close().catch(() => undefined);
      }
    }
  } catch (error) {
    failed++;
    log(
      `✘ setting up the browser tests: ${error instanceof Error ? error.message : String(error)}`
    );
  } finally {
    await browser?.close().catch(() => undefined);
    await demo?.stop().catch(() => undefined);
  }
  log(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
