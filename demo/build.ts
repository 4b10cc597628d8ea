/**
 * Builds what the demo serves, only when needed:
 * - the plugin (`npm run build` → dist/main.js) when dist/main.js is missing
 *   or older than a file under src/ or package.json;
 * - the Headlamp shell (vite) when no build exists for the hash of the
 *   shell's sources, its vite config and the installed headlamp-plugin and
 *   vite versions. Builds are kept under ~/.cache/headlamp-flux-crossplane/
 *   demo-shell/<hash> (or $XDG_CACHE_HOME), so a fresh clone on the same
 *   machine reuses them; the three newest are kept.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHELL_SOURCE = join(PROJECT_ROOT, 'demo', 'shell');
const SHELL_CACHE = join(
  process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
  'headlamp-flux-crossplane',
  'demo-shell'
);

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function pluginIsStale(): boolean {
  const bundle = join(PROJECT_ROOT, 'dist', 'main.js');
  if (!existsSync(bundle)) return true;
  const inputs = Math.max(
    newestMtime(join(PROJECT_ROOT, 'src')),
    newestMtime(join(PROJECT_ROOT, 'package.json'))
  );
  return statSync(bundle).mtimeMs < inputs;
}

function shellStamp(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(SHELL_SOURCE).sort()) {
    hash.update(file).update(readFileSync(join(SHELL_SOURCE, file)));
  }
  for (const pkg of ['@kinvolk/headlamp-plugin', 'vite']) {
    const manifest = join(PROJECT_ROOT, 'node_modules', pkg, 'package.json');
    hash
      .update(pkg)
      .update(
        existsSync(manifest) ? String(JSON.parse(readFileSync(manifest, 'utf8')).version) : ''
      );
  }
  return hash.digest('hex');
}

/** Where the shell built from the current sources lives (it may not exist yet). */
export function shellDir(): string {
  return join(SHELL_CACHE, shellStamp().slice(0, 16));
}

export function shellIsStale(): boolean {
  return !existsSync(join(shellDir(), 'index.html'));
}

/** How often a build that prints nothing says it is still running (at least every 30 s). */
export const PROGRESS_EVERY_MS = 15_000;

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(0)} s`;
}

/** Runs a build, saying every `everyMs` how long it has been running; rejects when it fails. */
export async function runWithProgress(
  command: string,
  args: string[],
  what: string,
  log: (line: string) => void,
  everyMs = PROGRESS_EVERY_MS
): Promise<void> {
  const started = Date.now();
  log(`Building ${what}…`);
  const progress = setInterval(() => log(`  still building ${what}: ${seconds(started)}`), everyMs);
  try {
    const status = await new Promise<number | string>((resolvePromise, reject) => {
      const child = spawn(command, args, {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolvePromise(code ?? signal ?? 'unknown'));
    });
    if (status !== 0) throw new Error(`building ${what} failed (exit ${status})`);
  } finally {
    clearInterval(progress);
  }
  log(`Built ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

export async function buildPlugin(log: (line: string) => void): Promise<void> {
  await runWithProgress(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['run', '--silent', 'build'],
    'the plugin (npm run build)',
    log
  );
}

export async function buildShell(log: (line: string) => void): Promise<void> {
  const target = shellDir();
  const temporary = `${target}.tmp-${process.pid}`;
  mkdirSync(SHELL_CACHE, { recursive: true });
  const viteBin = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  process.env.HFC_SHELL_OUT_DIR = temporary;
  try {
    await runWithProgress(
      process.execPath,
      [viteBin, 'build', '--config', join(SHELL_SOURCE, 'vite.config.mjs')],
      'the Headlamp shell (vite)',
      log
    );
  } finally {
    delete process.env.HFC_SHELL_OUT_DIR;
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(temporary, target);
  // Keep the three newest builds.
  const builds = readdirSync(SHELL_CACHE)
    .map(name => join(SHELL_CACHE, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const old of builds.slice(3)) rmSync(old, { recursive: true, force: true });
}

/** Builds what is missing or stale; `force` rebuilds; `shell: false` leaves the shell out (a real Headlamp serves). */
export async function ensureBuilt({
  force = false,
  shell = true,
  log,
}: {
  force?: boolean;
  shell?: boolean;
  log: (line: string) => void;
}): Promise<void> {
  if (force || pluginIsStale()) await buildPlugin(log);
  if (shell && (force || shellIsStale())) await buildShell(log);
}
