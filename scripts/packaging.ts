/**
 * Plugin packaging helpers shared by scripts/package.ts and its test: a reproducible
 * tarball (the `tar` package), its entries and sha256, and the Artifact Hub metadata kept in
 * step with package.json.
 */
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { create as createTar, list as listTar } from 'tar';
import { parse } from 'yaml';

export interface TarEntry {
  path: string;
  type: 'file' | 'dir' | 'other';
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  mtime?: Date;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
}

/** The entries of a .tar.gz, in archive order, as tar reads their headers. */
export function listTarGz(file: string): TarEntry[] {
  const entries: TarEntry[] = [];
  listTar({
    file,
    sync: true,
    onReadEntry: entry => {
      const { header } = entry;
      entries.push({
        path: entry.path.replace(/\/$/, ''),
        type: entry.type === 'File' ? 'file' : entry.type === 'Directory' ? 'dir' : 'other',
        size: entry.size,
        mode: (header.mode ?? 0) & 0o7777,
        mtime: header.mtime,
        uid: header.uid,
        gid: header.gid,
        uname: header.uname,
        gname: header.gname,
      });
    },
  });
  return entries;
}

/** The one modification time every entry carries, so that the tarball depends on contents only. */
export const ENTRY_MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * Writes `cwd/folder` (files only, no subfolders) as a .tar.gz that depends only on the names
 * and contents of its files: the folder entry first and then its files in sorted order, modes
 * 0755/0644, no owner (tar's portable mode), one fixed mtime, and a gzip header with neither
 * time nor OS.
 */
export async function writeReproducibleTarGz(
  cwd: string,
  folder: string,
  tarball: string
): Promise<void> {
  const dir = join(cwd, folder);
  const files = readdirSync(dir).sort();
  for (const file of files) {
    if (!statSync(join(dir, file)).isFile())
      throw new Error(`${join(dir, file)} is not a file: the plugin folder holds files only`);
    chmodSync(join(dir, file), 0o644);
  }
  chmodSync(dir, 0o755);
  await createTar(
    {
      cwd,
      file: tarball,
      gzip: { level: 9 },
      portable: true,
      mtime: ENTRY_MTIME,
      noDirRecurse: true,
      strict: true,
    },
    [folder, ...files.map(file => `${folder}/${file}`)]
  );
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** `<name>-<version>.tar.gz`, the way `headlamp-plugin package` names it. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/@/g, '').replace(/\//g, '-')}-${version}.tar.gz`;
}

const CHECKSUM_LINE = /^(\s*headlamp\/plugin\/archive-checksum:\s*)(["']?)[^"'\n]*\2\s*$/m;

/** Replaces the archive checksum in artifacthub-pkg.yml, keeping every other line (and comment) as it is. */
export function rewriteChecksum(text: string, sha256: string): string {
  if (!CHECKSUM_LINE.test(text))
    throw new Error('artifacthub-pkg.yml has no headlamp/plugin/archive-checksum annotation');
  return text.replace(
    CHECKSUM_LINE,
    (_line, key: string, quote: string) => `${key}${quote}SHA256:${sha256}${quote}`
  );
}

export interface PackageJson {
  name: string;
  version: string;
  description?: string;
  license?: string;
}

/** What must agree between package.json and the Artifact Hub files; empty when they do. */
export function metadataProblems(
  pkg: PackageJson,
  artifactHubPkg: string,
  artifactHubRepo: string
): string[] {
  const problems: string[] = [];
  const meta = parse(artifactHubPkg) as Record<string, unknown>;
  const repo = parse(artifactHubRepo) as Record<string, unknown>;
  const annotations = (meta.annotations ?? {}) as Record<string, unknown>;
  const expect = (what: string, actual: unknown, wanted: unknown): void => {
    if (actual !== wanted)
      problems.push(`${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  expect('name', meta.name, pkg.name);
  expect('version', meta.version, pkg.version);
  if (pkg.description !== undefined) expect('description', meta.description, pkg.description);
  if (pkg.license !== undefined) expect('license', meta.license, pkg.license);
  const url = String(annotations['headlamp/plugin/archive-url'] ?? '');
  const file = tarballName(pkg.name, pkg.version);
  if (!url.startsWith('https://') || !url.endsWith(`/${file}`) || !url.includes(pkg.version))
    problems.push(`headlamp/plugin/archive-url ${JSON.stringify(url)} does not end with /${file}`);
  if (!/^SHA256:[0-9a-f]{64}$/.test(String(annotations['headlamp/plugin/archive-checksum'] ?? '')))
    problems.push('headlamp/plugin/archive-checksum is not SHA256:<64 hex digits>');
  if (!String(annotations['headlamp/plugin/version-compat'] ?? '').trim())
    problems.push('headlamp/plugin/version-compat is empty');
  const distros = String(annotations['headlamp/plugin/distro-compat'] ?? '')
    .split(',')
    .map(item => item.trim());
  for (const distro of ['in-cluster', 'web', 'desktop'])
    if (!distros.includes(distro)) problems.push(`headlamp/plugin/distro-compat lacks ${distro}`);
  for (const key of ['displayName', 'createdAt', 'logoURL', 'changes', 'links'])
    if (meta[key] === undefined) problems.push(`${key} is missing`);
  if (!Array.isArray(repo.owners) || repo.owners.length === 0)
    problems.push('artifacthub-repo.yml has no owners');
  return problems;
}
