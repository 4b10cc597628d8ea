/**
 * A Headlamp release archive (`headlamp-<version>-linux-amd64.tar.gz`, as in
 * ../shared/headlamp) unpacked once under
 * ~/.cache/headlamp-flux-crossplane/headlamp/<sha256 of the archive>/ by the
 * tar command; later runs reuse it. Nothing of it is ever in the repository.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HEADLAMP_CACHE = join(
  process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
  'headlamp-flux-crossplane',
  'headlamp'
);

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', chunk => hash.update(chunk))
      .on('end', () => resolveHash(hash.digest('hex')))
      .on('error', reject);
  });
}

/** The unpacked folder holding `headlamp-server` and `frontend/`. */
function headlampFolder(root: string): string | undefined {
  if (existsSync(join(root, 'headlamp-server'))) return root;
  for (const entry of readdirSync(root)) {
    if (existsSync(join(root, entry, 'headlamp-server'))) return join(root, entry);
  }
  return undefined;
}

/**
 * Unpacks `archive` (when not unpacked yet) and returns the folder with
 * `headlamp-server`. With `sha256`, an archive with another checksum is refused.
 */
export async function unpackHeadlamp(archive: string, sha256?: string): Promise<string> {
  const checksum = await sha256OfFile(archive);
  if (sha256 && checksum !== sha256) {
    throw new Error(`${archive} has sha256 ${checksum}, not the ${sha256} the version list names`);
  }
  const target = join(HEADLAMP_CACHE, checksum.slice(0, 16));
  const ready = existsSync(target) ? headlampFolder(target) : undefined;
  if (ready) return ready;
  mkdirSync(HEADLAMP_CACHE, { recursive: true });
  const temporary = `${target}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary);
  const result = spawnSync('tar', ['-xzf', archive, '-C', temporary], { encoding: 'utf8' });
  if (result.status !== 0) {
    rmSync(temporary, { recursive: true, force: true });
    throw new Error(
      `unpacking ${archive} failed: ${result.error?.message ?? result.stderr.trim()}`
    );
  }
  if (!headlampFolder(temporary)) {
    rmSync(temporary, { recursive: true, force: true });
    throw new Error(`${archive} holds no headlamp-server`);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(temporary, target);
  return headlampFolder(target) as string;
}
