// The one internal module of vitest 3 that scripts/vitestWorkerRpc.mjs patches: the forks pool's
// test-worker object (dist/workers/forks.js, whose default export vitest's worker.js asks for its
// RPC options). vitest ships no types for it.
declare module 'vitest/dist/workers/forks.js' {
  const worker: {
    getRpcOptions(...args: unknown[]): Record<string, unknown>;
  };
  export default worker;
}
