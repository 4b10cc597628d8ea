// Preloaded into every vitest fork (poolOptions.forks.execArgv: --import): takes away the 60 s
// deadline that vitest 3's test workers put on each call to the main process.
//
// The cause of `Error: [vitest-worker]: Timeout calling "onTaskUpdate"` with every test passed:
// a worker reports "test started" to the main process (onTaskUpdate, over birpc with birpc's
// fixed 60 s DEFAULT_TIMEOUT), then runs the test. When the test computes synchronously (a
// property test's 1,000 runs, a big render) for more than 60 s of wall-clock time, which on a
// loaded 2-core machine is a few seconds of CPU, the answer has arrived but sits unread: Node
// runs expired timers before it reads its channel, so the 60 s timer fires first, rejects the
// call, and vitest counts that as an unhandled error: the run exits 1. Vitest 3 has no setting
// for that deadline; vitest 4 removed it (`timeout: -1`, vitest-dev/vitest#8297). This does the
// same here: the forks worker's RPC options gain `timeout: -1` (vitest spreads them over its
// own). Nothing is hidden by it: a test still ends by its testTimeout, a result still travels
// the same channel, and a worker that dies still fails its file.
// (Its types: scripts/vitestWorkerRpc.d.ts.)
import worker from 'vitest/dist/workers/forks.js';

const getRpcOptions = worker.getRpcOptions.bind(worker);
/** @param {...unknown} args */
worker.getRpcOptions = (...args) => ({ ...getRpcOptions(...args), timeout: -1 });
