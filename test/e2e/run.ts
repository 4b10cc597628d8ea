/**
 * `npm run test:e2e [-- NAME-PART]`: the browser tests of the built plugin.
 * Starts the demo backend on a free port (building the plugin and the shell
 * when stale), drives /usr/bin/chromium (CHROMIUM_PATH to override) and
 * ends with `N passed, N failed`. Screenshots go to test-output/e2e/.
 */
import { runTests } from './harness';
import { LAYOUT_TESTS } from './layout.e2e';
import { TESTS } from './plugin.e2e';
import { TRUTH_TESTS } from './truth.e2e';

// The truth tests first: the console check that ends TESTS covers them too.
process.exitCode = await runTests([...TRUTH_TESTS, ...LAYOUT_TESTS, ...TESTS], process.argv[2]);
