/**
 * `npm run test:e2e [-- NAME-PART]`: the browser tests of the built plugin.
 * Starts the demo backend on a free port (building the plugin and the shell
 * when stale), drives /usr/bin/chromium (CHROMIUM_PATH to override) and
 * ends with `N passed, N failed`. Screenshots go to test-output/e2e/.
 */
import { runTests } from './harness';
import { LAYOUT_TESTS } from './layout.e2e';
import { TESTS } from './plugin.e2e';
import { SOCKET_CEILING_TESTS } from './socketCeiling.e2e';
import { TRUTH_TESTS } from './truth.e2e';

// The truth and layout tests first: the console check that ends TESTS covers them too. The
// socket ceiling last: it runs its own demo (a cluster of 2,000 kinds) and checks its own console.
process.exitCode = await runTests(
  [...TRUTH_TESTS, ...LAYOUT_TESTS, ...TESTS, ...SOCKET_CEILING_TESTS],
  process.argv[2]
);
