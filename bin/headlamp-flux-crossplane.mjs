#!/usr/bin/env node
// Command-line entry point: `headlamp-flux-crossplane diagnose …` (see --help).
// Runs the bundled JavaScript that `npm run build` (and `prepare`, at npm ci) writes with
// scripts/build-cli.mjs from src/cli; all logic is in src/cli/main.ts.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist-cli/headlamp-flux-crossplane.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'headlamp-flux-crossplane: the CLI is not built (no dist-cli/headlamp-flux-crossplane.mjs): run "npm run build:cli"\n'
  );
  process.exit(2);
}
await import(bundle.href);
