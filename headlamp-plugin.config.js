// The project's build and test configuration. It extends the vite/vitest
// configuration that ships with @kinvolk/headlamp-plugin (the same one
// `headlamp-plugin build` uses) and adds what `headlamp-plugin test` cannot:
// a setup file and `test/**` as the test root.
import { mergeConfig } from 'vite';
import headlampConfig from '@kinvolk/headlamp-plugin/config/vite.config.mjs';

export default mergeConfig(headlampConfig, {
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Pure model, rules and CLI tests run in Node; component tests opt into
    // jsdom with a `@vitest-environment jsdom` docblock.
    environment: 'node',
    setupFiles: ['./test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
