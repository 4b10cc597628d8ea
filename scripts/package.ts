/**
 * `npm run package` / `npm run package:metadata`: builds the plugin (unless
 * --skip-build and dist/main.js exists), then packs a staging folder named after
 * the package the way `headlamp-plugin package` lays it out —
 * `headlamp-flux-crossplane/main.js` and `headlamp-flux-crossplane/package.json`,
 * whatever the checkout directory is called — into a reproducible tarball: the
 * same sources give the same sha256 on any machine (see writeReproducibleTarGz).
 * Prints the tarball and its sha256.
 *
 *   tsx scripts/package.ts [--skip-build] [--out DIR] [--metadata [FILE]]
 *
 * --metadata rewrites the archive checksum in artifacthub-pkg.yml (or FILE)
 * to the new tarball's sha256: run it when cutting a release, then upload the
 * tarball to the release named in headlamp/plugin/archive-url.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PackageJson,
  rewriteChecksum,
  sha256File,
  tarballName,
  writeReproducibleTarGz,
} from './packaging';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'node_modules', '@kinvolk', 'headlamp-plugin', 'bin', 'headlamp-plugin.js');

function fail(message: string): never {
  process.stderr.write(`package: ${message}\n`);
  process.exit(1);
}

function run(args: string[], cwd: string): void {
  // A production build whatever NODE_ENV the caller has (a test runner sets `test`): the
  // tarball's checksum must depend on the sources only.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')
    )
  );
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, stdio: 'inherit', env });
  if (result.status !== 0) fail(`headlamp-plugin ${args[0]} exited with ${result.status}`);
}

const argv = process.argv.slice(2);
let outDir = root;
let metadataFile: string | undefined;
let skipBuild = false;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--skip-build') skipBuild = true;
  else if (arg === '--out') outDir = resolve(argv[++i] ?? fail('--out needs a directory'));
  else if (arg === '--metadata') {
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      metadataFile = resolve(next);
      i++;
    } else metadataFile = join(root, 'artifacthub-pkg.yml');
  } else fail(`unknown argument ${arg}`);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const mainJs = join(root, 'dist', 'main.js');
if (!skipBuild || !existsSync(mainJs)) run(['build'], root);
if (!existsSync(mainJs)) fail('dist/main.js was not built');

// Stage `<name>/{package.json,dist/main.js}`: headlamp-plugin names the tarball's folder after it.
const stage = mkdtempSync(join(tmpdir(), 'hfc-package-'));
try {
  const folder = join(stage, pkg.name.replace(/@/g, '').replace(/\//g, '-'));
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(folder, 'package.json'));
  copyFileSync(mainJs, join(folder, 'main.js'));
  mkdirSync(outDir, { recursive: true });
  const tarball = join(outDir, tarballName(pkg.name, pkg.version));
  await writeReproducibleTarGz(stage, basename(folder), tarball);
  const sha256 = sha256File(tarball);
  // The two lines `headlamp-plugin package` prints, for whoever reads them.
  process.stdout.write(`Created tarball: "${tarball}".\nTarball checksum (sha256): ${sha256}\n`);
  if (metadataFile) {
    writeFileSync(metadataFile, rewriteChecksum(readFileSync(metadataFile, 'utf8'), sha256));
    process.stdout.write(
      `Updated ${metadataFile}: headlamp/plugin/archive-checksum SHA256:${sha256}\n`
    );
  }
  process.stdout.write(`${tarball}\nsha256 ${sha256}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
