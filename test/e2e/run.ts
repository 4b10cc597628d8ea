/**
 * `npm run test:e2e [-- NAME-PART]`: the browser tests of the built plugin.
 * Starts the demo backend on a free port (building the plugin and the shell
 * when stale), drives /usr/bin/chromium (CHROMIUM_PATH to override) and
 * ends with `N passed, N failed`. Screenshots go to test-output/e2e/.
 */
import { runTests } from './harness';
import { TESTS } from './plugin.e2e';

process.exitCode = await runTests(TESTS, process.argv[2]);
