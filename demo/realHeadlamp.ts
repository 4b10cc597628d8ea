/**
 * Runs the real Headlamp (its Go backend `headlamp-server` and its built
 * `frontend/`, e.g. unpacked by headlampArchive.ts) with the plugin laid out
 * as Headlamp's plugin manager lays it out —
 * `<plugins>/<package name>/{main.js,package.json,locales/}` — an empty user
 * plugins folder, a kubeconfig, and HOME in a scratch folder so that it keeps
 * nothing between runs. Listens on 127.0.0.1 only.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HeadlampPlugin {
  /** The package name: the plugin's folder under the plugins folder. */
  name: string;
  /** The built plugin: `main.js` and `locales/`. */
  distDir: string;
  packageJson: string;
}

export interface RealHeadlamp {
  url: string;
  /** `headlamp-server --version`, e.g. `Headlamp 0.45.0 (linux/amd64)`. */
  version: string;
  stop(): Promise<void>;
}

/** The version line of the Headlamp in `dir`, or a clear error when `dir` holds none. */
export function headlampVersion(dir: string): string {
  const server = join(dir, 'headlamp-server');
  if (!existsSync(server) || !existsSync(join(dir, 'frontend', 'index.html'))) {
    throw new Error(`${dir} is not a Headlamp build (no headlamp-server and frontend/index.html)`);
  }
  const result = spawnSync(server, ['--version'], { encoding: 'utf8' });
  const line = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n')[0] ?? '';
  if (result.status !== 0 || !line.startsWith('Headlamp ')) {
    throw new Error(`${server} --version failed: ${result.error?.message ?? line}`);
  }
  return line;
}

/** A port free on 127.0.0.1: `preferred` when it is free (0: any). */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(preferred, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : preferred;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`headlamp-server exited (${child.exitCode}):\n${output()}`);
    }
    try {
      const response = await fetch(new URL('config', url));
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`headlamp-server did not serve in 60 s:\n${output()}`);
    await new Promise(resolveWait => setTimeout(resolveWait, 200));
  }
}

export async function startRealHeadlamp(options: {
  dir: string;
  kubeconfig: string;
  plugin: HeadlampPlugin;
  port: number;
  log: (line: string) => void;
}): Promise<RealHeadlamp> {
  const dir = resolve(options.dir);
  const version = headlampVersion(dir);
  const scratch = mkdtempSync(join(tmpdir(), 'hfc-headlamp-'));
  const home = join(scratch, 'home');
  const plugins = join(scratch, 'plugins');
  const userPlugins = join(scratch, 'user-plugins');
  const pluginDir = join(plugins, options.plugin.name);
  for (const folder of [home, userPlugins, pluginDir]) mkdirSync(folder, { recursive: true });
  cpSync(join(options.plugin.distDir, 'main.js'), join(pluginDir, 'main.js'));
  cpSync(options.plugin.packageJson, join(pluginDir, 'package.json'));
  const locales = join(options.plugin.distDir, 'locales');
  if (existsSync(locales)) cpSync(locales, join(pluginDir, 'locales'), { recursive: true });

  const port = options.port;
  const child = spawn(
    join(dir, 'headlamp-server'),
    [
      '-kubeconfig',
      resolve(options.kubeconfig),
      '-plugins-dir',
      plugins,
      '-user-plugins-dir',
      userPlugins,
      '-html-static-dir',
      join(dir, 'frontend'),
      '-listen-addr',
      '127.0.0.1',
      '-port',
      String(port),
    ],
    { cwd: scratch, env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  // Headlamp logs every request: keep the recent lines for a failure report, print none.
  const recent: string[] = [];
  const keep = (chunk: Buffer) => {
    recent.push(...chunk.toString().split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/`;
  const stop = () =>
    new Promise<void>(resolveStop => {
      const done = () => {
        rmSync(scratch, { recursive: true, force: true });
        resolveStop();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  try {
    await waitUntilServing(url, child, () => recent.join('\n'));
  } catch (error) {
    await stop();
    throw error;
  }
  options.log(`${version} from ${dir}`);
  return { url, version, stop };
}
