import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  listTarGz,
  metadataProblems,
  PackageJson,
  rewriteChecksum,
  sha256File,
  tarballName,
} from '../../scripts/packaging';
import { runProcess } from '../childProcess';

/**
 * The plugin package: the Artifact Hub metadata in step with package.json,
 * and the tarball `npm run package` makes holds `<folder>/main.js` and
 * `<folder>/package.json`, is the same byte for byte each time (so anyone can rebuild the
 * checksum the metadata announces), and has that checksum.
 */

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const artifactHubPkg = readFileSync(join(ROOT, 'artifacthub-pkg.yml'), 'utf8');
const artifactHubRepo = readFileSync(join(ROOT, 'artifacthub-repo.yml'), 'utf8');
const TARBALL = join(ROOT, tarballName(pkg.name, pkg.version));
/** A clean checkout builds dist/main.js in the first packaging test (minutes on a loaded machine). */
const BUILD_TIMEOUT = 600_000;

function checksumOf(metadata: string): string {
  const annotations = (parse(metadata) as { annotations: Record<string, string> }).annotations;
  return annotations['headlamp/plugin/archive-checksum'].replace(/^SHA256:/, '');
}

function expectPluginLayout(tarball: string): void {
  const entries = listTarGz(tarball);
  const files = entries.filter(entry => entry.type === 'file').map(entry => entry.path);
  const folders = new Set(files.map(path => path.split('/')[0]));
  expect([...folders]).toEqual([pkg.name]);
  expect(files).toEqual(
    expect.arrayContaining([`${pkg.name}/main.js`, `${pkg.name}/package.json`])
  );
  for (const path of files) expect(path.split('/').length, path).toBe(2);
  expect(entries.find(entry => entry.path === `${pkg.name}/main.js`)?.size).toBeGreaterThan(1000);
}

describe('plugin packaging', () => {
  it('artifacthub-pkg.yml and artifacthub-repo.yml are in step with package.json', () => {
    expect(metadataProblems(pkg, artifactHubPkg, artifactHubRepo)).toEqual([]);
  });

  it('metadataProblems catches a version, name or archive URL out of step', () => {
    const stale = artifactHubPkg
      .replace(`version: ${pkg.version}`, 'version: 0.0.1')
      .replace(/^name: .*$/m, 'name: other');
    expect(metadataProblems(pkg, stale, artifactHubRepo)).toEqual([
      'name is "other", expected "headlamp-flux-crossplane"',
      `version is "0.0.1", expected "${pkg.version}"`,
    ]);
    expect(metadataProblems({ ...pkg, version: '9.9.9' }, artifactHubPkg, artifactHubRepo)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /archive-url .* does not end with \/headlamp-flux-crossplane-9\.9\.9\.tar\.gz/
        ),
      ])
    );
  });

  it('rewriteChecksum replaces only the checksum', () => {
    const sha = 'a'.repeat(64);
    const rewritten = rewriteChecksum(artifactHubPkg, sha);
    expect(checksumOf(rewritten)).toBe(sha);
    expect(rewritten.replace(sha, '')).toBe(artifactHubPkg.replace(checksumOf(artifactHubPkg), ''));
    expect(() => rewriteChecksum('version: 1\n', sha)).toThrow(
      /no headlamp\/plugin\/archive-checksum/
    );
  });

  it.skipIf(!existsSync(TARBALL))(
    'the packaged tarball has the checksum artifacthub-pkg.yml announces',
    () => {
      expectPluginLayout(TARBALL);
      expect(
        sha256File(TARBALL),
        `${TARBALL} is not the one artifacthub-pkg.yml describes: run npm run package:metadata`
      ).toBe(checksumOf(artifactHubPkg));
    }
  );

  it(
    'npm run package twice gives the same sha256: sorted entries, one mtime, no owner, fixed modes',
    async () => {
      const outs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'hfc-package-twice-')));
      try {
        const tarballs: string[] = [];
        for (const [i, out] of outs.entries()) {
          // The second run under another umask: modes in the tarball must not follow it.
          const run = await runProcess(
            '/bin/sh',
            [
              '-c',
              `umask ${
                i === 0 ? '022' : '077'
              } && exec "$0" --import tsx scripts/package.ts --skip-build --out "$1"`,
              process.execPath,
              out,
            ],
            { cwd: ROOT }
          );
          expect(run.status, run.stderr).toBe(0);
          tarballs.push(join(out, tarballName(pkg.name, pkg.version)));
        }
        const [first, second] = tarballs.map(sha256File);
        expect(second).toBe(first);
        const entries = listTarGz(tarballs[0]);
        expect(entries.map(entry => entry.path)).toEqual([
          pkg.name,
          `${pkg.name}/main.js`,
          `${pkg.name}/package.json`,
        ]);
        for (const entry of entries) {
          expect(entry.mode, entry.path).toBe(entry.type === 'dir' ? 0o755 : 0o644);
          expect([entry.uid ?? 0, entry.gid ?? 0, entry.uname ?? '', entry.gname ?? '']).toEqual([
            0,
            0,
            '',
            '',
          ]);
          if (entry.type === 'file')
            expect(entry.mtime?.toISOString()).toBe('2000-01-01T00:00:00.000Z');
        }
        // gzip header: no modification time (bytes 4-7), OS "unknown" (byte 9).
        const gzip = readFileSync(tarballs[0]);
        expect([...gzip.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
        expect(gzip[9]).toBe(255);
      } finally {
        for (const out of outs) rmSync(out, { recursive: true, force: true });
      }
    },
    BUILD_TIMEOUT
  );

  it(
    'npm run package:metadata packages the plugin (headlamp-plugin package layout) and writes its checksum',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'hfc-package-test-'));
      try {
        const metadata = join(out, 'artifacthub-pkg.yml');
        copyFileSync(join(ROOT, 'artifacthub-pkg.yml'), metadata);
        // --skip-build reuses dist/main.js when it exists (a clean checkout builds it first).
        const run = await runProcess(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/package.ts',
            '--skip-build',
            '--out',
            out,
            '--metadata',
            metadata,
          ],
          { cwd: ROOT }
        );
        expect(run.status, run.stderr).toBe(0);
        const tarball = join(out, tarballName(pkg.name, pkg.version));
        expect(run.stdout).toContain(`Created tarball: "${tarball}"`);
        expectPluginLayout(tarball);
        const sha = sha256File(tarball);
        expect(run.stdout).toContain(`Tarball checksum (sha256): ${sha}`);
        expect(checksumOf(readFileSync(metadata, 'utf8'))).toBe(sha);
        expect(readFileSync(join(ROOT, 'artifacthub-pkg.yml'), 'utf8')).toBe(artifactHubPkg);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    BUILD_TIMEOUT
  );
});
