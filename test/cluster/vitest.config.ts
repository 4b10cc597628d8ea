// The real-cluster stage's own vitest run (test/cluster/run.sh): only
// test/cluster/**/*.cluster.ts, which the unit run (test/**/*.test.ts) never
// picks up. One file at a time: the files share one API server and each
// removes what it made, so the scenario stays exactly test/fixtures/platform.yaml.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/cluster/**/*.cluster.ts'],
    environment: 'node',
    globalSetup: ['test/cluster/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 420_000,
    pool: 'forks',
    // No 60 s deadline on a fork's calls to the main process (see scripts/vitestWorkerRpc.mjs).
    poolOptions: {
      forks: {
        execArgv: ['--import', new URL('../../scripts/vitestWorkerRpc.mjs', import.meta.url).href],
      },
    },
  },
});
