// The differential render stage's own vitest run (test/engines/run.sh): only
// test/engines/**/*.engines.ts, which the unit run (test/**/*.test.ts) never picks up.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/engines/**/*.engines.ts'],
    environment: 'node',
    testTimeout: 600_000,
    pool: 'forks',
    // No 60 s deadline on a fork's calls to the main process (see scripts/vitestWorkerRpc.mjs).
    poolOptions: {
      forks: {
        execArgv: ['--import', new URL('../../scripts/vitestWorkerRpc.mjs', import.meta.url).href],
      },
    },
  },
});
