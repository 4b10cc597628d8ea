#!/usr/bin/env node
// Command-line entry point: `headlamp-flux-crossplane diagnose …` (see --help).
// The CLI is TypeScript run through tsx; all logic is in src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();

// Imported after register() so that tsx resolves the .ts sources.
const { main } = await import('../src/cli/main.ts');

// A closed pipe (`… | head`) is not an error worth a stack trace.
process.stdout.on('error', error => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
});
