#!/usr/bin/env node
// Bundles the command-line tool (src/cli/bin.ts and everything it imports from src/) into
// one JavaScript file, dist-cli/headlamp-flux-crossplane.mjs, that bin/ runs with plain node:
// no TypeScript at run time. The runtime `dependencies` of package.json stay imports
// resolved from node_modules. Run by `npm run build` and at `prepare` (npm ci / npm install).
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI_BUNDLE = join(root, 'dist-cli', 'headlamp-flux-crossplane.mjs');

// Written to a temporary name and renamed into place, so that a CLI started while this runs
// (CI runs the real-cluster stage beside the build) reads the old bundle or the new one,
// never a half-written file.
const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/bin.ts'],
  outfile: CLI_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const partial = `${file.path}.${process.pid}.partial`;
  writeFileSync(partial, file.contents);
  renameSync(partial, file.path);
}
