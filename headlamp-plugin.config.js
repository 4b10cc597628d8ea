// The project's build and test configuration. It extends the vite/vitest
// configuration that ships with @kinvolk/headlamp-plugin (the same one
// `headlamp-plugin build` uses) and adds what `headlamp-plugin test` cannot:
// a setup file, `test/**` as the test root, and settings for a loaded 2-core machine.
import { mergeConfig } from 'vite';
import headlampConfig from '@kinvolk/headlamp-plugin/config/vite.config.mjs';

const WORKER_RPC = new URL('./scripts/vitestWorkerRpc.mjs', import.meta.url).href;

/**
 * headlamp-plugin's `plugin-name-injection` rewrites `useTranslation()` into
 * `useTranslation("<plugin name>")` in every module it transforms. A build only transforms
 * the plugin's sources (Headlamp's lib is external there), but tests run Headlamp's lib
 * through vite too, and there the rewrite sends Headlamp's own components to the plugin's
 * namespace (a locale import that cannot exist, then a missing key per string). Here it
 * transforms only the project's files, and without a console line per file.
 * @param {import('vite').Plugin} plugin
 * @returns {import('vite').Plugin}
 */
function projectOnly(plugin) {
  if (plugin?.name !== 'plugin-name-injection' || typeof plugin.transform !== 'function')
    return plugin;
  const transform = plugin.transform;
  const buildStart = plugin.buildStart;
  /** Runs a synchronous hook of the plugin with console.log muted (its progress lines). */
  const quietly = (hook, self, args) => {
    const log = console.log;
    console.log = () => undefined;
    try {
      return hook.apply(self, args);
    } finally {
      console.log = log;
    }
  };
  return {
    ...plugin,
    buildStart(...args) {
      return typeof buildStart === 'function' ? quietly(buildStart, this, args) : undefined;
    },
    transform(code, id, ...rest) {
      if (id.includes('/node_modules/')) return null;
      return quietly(transform, this, [code, id, ...rest]);
    },
  };
}

export default mergeConfig(
  { ...headlampConfig, plugins: headlampConfig.plugins.map(projectOnly) },
  {
    test: {
      include: ['test/**/*.test.{ts,tsx}'],
      // Pure model, rules and CLI tests run in Node; component tests opt into
      // jsdom with a `@vitest-environment jsdom` docblock.
      environment: 'node',
      setupFiles: ['./test/setup.ts'],
      // Builds dist/main.js for the packaging tests when a fresh checkout has none.
      globalSetup: ['./test/globalSetup.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      teardownTimeout: 60_000,
      // Half the cores for test processes (one on 2 cores): on a loaded machine, more workers
      // only starve vitest's main process, which transforms modules and answers the workers.
      pool: 'forks',
      maxWorkers: '50%',
      minWorkers: 1,
      // Each fork's calls to the main process wait as long as a test may take, not 60 s
      // (scripts/vitestWorkerRpc.mjs: the cause of "Timeout calling onTaskUpdate" under load).
      poolOptions: { forks: { execArgv: ['--import', WORKER_RPC] } },
    },
  }
);
