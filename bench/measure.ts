/**
 * One benchmark size in a fresh process: generates the cluster, then times
 * index build, join (every Kustomization's tree), rollout and all rules,
 * median of several runs, plus the heap they hold. Prints one JSON line.
 * Run with `node --expose-gc --import tsx bench/measure.ts SIZE RUNS`.
 */
import { buildIndex } from '../src/model/clusterIndex';
import { joinTree } from '../src/model/join';
import { commitRollouts, sourceRollouts } from '../src/model/rollout';
import { diagnose } from '../src/rules';
import { generateCluster } from './generate';

const size = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(work: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const { objects, counts } = generateCluster(size);
const phases: Record<string, number[]> = {
  baseline: [],
  index: [],
  join: [],
  rollout: [],
  rules: [],
  total: [],
};
let peakHeap = 0;
let diagnoses = 0;
let treeNodes = 0;
let largestInventory = 0;
gc();
const heapBefore = process.memoryUsage().heapUsed;

for (let run = 0; run < runs; run++) {
  gc();
  // Baseline: one JSON round trip of every object, the least any reader of the cluster does.
  phases.baseline.push(time(() => JSON.parse(JSON.stringify(objects))).ms);
  gc();
  const index = time(() => buildIndex({ objects }));
  const join = time(() => {
    let nodes = 0;
    for (const kustomization of index.value.withRole('kustomization')) {
      largestInventory = Math.max(
        largestInventory,
        index.value.inventory(kustomization).entries.length
      );
      const stack = [joinTree(index.value, kustomization)];
      while (stack.length) {
        const node = stack.pop();
        if (!node) break;
        nodes++;
        stack.push(...node.children);
      }
    }
    return nodes;
  });
  const rollout = time(() =>
    commitRollouts(sourceRollouts(index.value, { now: Date.parse('2026-11-26T10:00:00Z') }))
  );
  const rules = time(() => diagnose(index.value, { now: Date.parse('2026-11-26T10:00:00Z') }));
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - heapBefore);
  treeNodes = join.value;
  diagnoses = rules.value.diagnoses.length;
  phases.index.push(index.ms);
  phases.join.push(join.ms);
  phases.rollout.push(rollout.ms);
  phases.rules.push(rules.ms);
  phases.total.push(index.ms + join.ms + rollout.ms + rules.ms);
}

console.log(
  JSON.stringify({
    size,
    objects: objects.length,
    runs,
    counts,
    largestInventory,
    treeNodes,
    diagnoses,
    medianMs: Object.fromEntries(
      Object.entries(phases).map(([phase, values]) => [phase, Math.round(median(values) * 10) / 10])
    ),
    heapMb: Math.round((peakHeap / 1024 / 1024) * 10) / 10,
  })
);
