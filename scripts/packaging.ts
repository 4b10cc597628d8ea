/**
 * Plugin packaging helpers shared by scripts/package.ts and its test: the
 * tarball's entries, its sha256, and the Artifact Hub metadata kept in step
 * with package.json. Node built-ins only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';

export interface TarEntry {
  path: string;
  type: 'file' | 'dir' | 'other';
  size: number;
}

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

/** The entries of a .tar.gz (ustar and pax headers; enough for what `headlamp-plugin package` writes). */
export function listTarGz(file: string): TarEntry[] {
  const data = gunzipSync(readFileSync(file));
  const entries: TarEntry[] = [];
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every(byte => byte === 0)) break;
    const name = field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const typeFlag = String.fromCharCode(header[156] || 48);
    const prefix = field(header, 345, 155);
    const body = data.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (typeFlag === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = match?.[1];
      continue;
    }
    if (typeFlag === 'g') continue;
    const path = paxPath ?? (prefix ? `${prefix}/${name}` : name);
    paxPath = undefined;
    entries.push({
      path: path.replace(/\/$/, ''),
      type: typeFlag === '5' ? 'dir' : typeFlag === '0' || typeFlag === '\0' ? 'file' : 'other',
      size,
    });
  }
  return entries;
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
