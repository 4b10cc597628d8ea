// The real-cluster stage's own vitest run (test/cluster/run.sh): only
// test/cluster/**/*.cluster.ts, which the unit run (test/**/*.test.ts) never
// picks up. One file at a time: the files share one API server and each
// removes what it made, so the scenario stays exactly test/fixtures/platform.yaml.
//
// HFC_CLUSTER_FILES=stories runs only the controller stories (on the third API server, which
// controllers.sh sets up: no globalSetup), =others every other file; run.sh runs the two side by
// side. Unset: every file.
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const STORIES = 'test/cluster/controllerStories.cluster.ts';
const files = process.env.HFC_CLUSTER_FILES;

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: files === 'stories' ? [STORIES] : ['test/cluster/**/*.cluster.ts'],
    exclude: files === 'others' ? [...configDefaults.exclude, STORIES] : configDefaults.exclude,
    environment: 'node',
    globalSetup: files === 'stories' ? [] : ['test/cluster/globalSetup.ts'],
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
