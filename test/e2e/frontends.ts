/**
 * Which Headlamp the browser tests run in. The version matrix is data
 * (headlampBuilds.json: each Headlamp build, its archive under ../shared and
 * its sha256); each build found is unpacked once into the cache and every
 * test runs inside it. Where none is found (a contributor's machine) the
 * stage says so in one line and runs in the home-made shell instead; under
 * CI=true a missing build fails the stage. HFC_E2E_SHELL=1 asks for the shell.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpackHeadlamp } from '../../demo/headlampArchive';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface HeadlampBuild {
  version: string;
  /** Relative to the shared folder (../shared beside the project). */
  archive: string;
  sha256: string;
}

export interface Frontend {
  /** What the test lines say, e.g. `Headlamp 0.45.0` or `shell`. */
  label: string;
  /** The unpacked real Headlamp (headlamp-server, frontend/); absent for the shell. */
  headlampDir?: string;
}

export const SHARED_DIR = resolve(PROJECT_ROOT, process.env.HFC_SHARED_DIR ?? '../shared');
export const HEADLAMP_BUILDS = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'test/e2e/headlampBuilds.json'), 'utf8')
) as HeadlampBuild[];

export const SHELL: Frontend = { label: 'shell' };

export async function frontendsToTest(log: (line: string) => void): Promise<Frontend[]> {
  if (process.env.HFC_E2E_SHELL === '1') {
    log('HFC_E2E_SHELL=1: the browser tests run in the home-made shell.');
    return [SHELL];
  }
  const found: Frontend[] = [];
  const missing: string[] = [];
  for (const build of HEADLAMP_BUILDS) {
    const archive = join(SHARED_DIR, build.archive);
    if (!existsSync(archive)) {
      missing.push(`Headlamp ${build.version} (${archive})`);
      continue;
    }
    found.push({
      label: `Headlamp ${build.version}`,
      headlampDir: await unpackHeadlamp(archive, build.sha256),
    });
  }
  if (missing.length && process.env.CI === 'true') {
    throw new Error(`CI=true needs the real Headlamp: not found: ${missing.join(', ')}`);
  }
  if (found.length === 0) {
    log(`Real Headlamp not found (${missing.join(', ')}): running in the home-made shell.`);
    return [SHELL];
  }
  if (missing.length) log(`Not found, not tested: ${missing.join(', ')}.`);
  return found;
}
