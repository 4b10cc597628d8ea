import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Before any test process starts: the plugin bundle the packaging tests pack (dist/main.js),
 * built when a fresh checkout has none. Built here rather than inside a test so that the
 * minutes a build takes on a loaded machine do not starve vitest's main process while test
 * workers wait on it (vitest gives a worker's RPC 60 s).
 */
const ROOT = resolve(__dirname, '..');

export default async function setup(): Promise<void> {
  if (existsSync(join(ROOT, 'dist', 'main.js'))) return;
  const started = Date.now();
  const cli = join(
    ROOT,
    'node_modules',
    '@kinvolk',
    'headlamp-plugin',
    'bin',
    'headlamp-plugin.js'
  );
  const output: string[] = [];
  const status = await new Promise<number | null>((done, fail) => {
    // The environment of `npm run build`: not vitest's NODE_ENV=test (a development bundle).
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')
      )
    );
    const child = spawn(process.execPath, [cli, 'build'], { cwd: ROOT, env });
    child.stdout.on('data', chunk => output.push(String(chunk)));
    child.stderr.on('data', chunk => output.push(String(chunk)));
    child.on('error', fail);
    child.on('close', done);
  });
  if (status !== 0)
    throw new Error(`building dist/main.js failed (exit ${status}):\n${output.join('')}`);
  console.log(`test setup: built dist/main.js in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
