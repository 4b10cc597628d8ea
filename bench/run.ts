/**
 * `npm run bench`: the model-and-rules benchmark (each size in a fresh
 * process), the scaling exponent between sizes, and the bundle's size.
 * Prints a table and writes the same figures as JSON to bench/results.json.
 * Figures are also given as ratios to a baseline measured in the same run
 * (a JSON round trip of the same objects), so runs on other machines compare.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleComposition } from './bundle';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);

interface SizeResult {
  size: number;
  objects: number;
  runs: number;
  largestInventory: number;
  treeNodes: number;
  diagnoses: number;
  medianMs: Record<'baseline' | 'index' | 'join' | 'rollout' | 'rules' | 'total', number>;
  heapMb: number;
}

function measure(size: number): SizeResult {
  const runs = size >= 100000 ? 3 : 5;
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'measure.ts'), String(size), String(runs)],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    }
  );
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as SizeResult;
}

function exponent(a: SizeResult, b: SizeResult): number {
  return Math.log(b.medianMs.total / a.medianMs.total) / Math.log(b.objects / a.objects);
}

function bundle(): { rawKb: number; gzipKb: number } | undefined {
  const file = join(root, 'dist', 'main.js');
  if (!existsSync(file)) return undefined;
  const content = readFileSync(file);
  return {
    rawKb: Math.round(content.length / 102.4) / 10,
    gzipKb: Math.round(gzipSync(content).length / 102.4) / 10,
  };
}

const results = sizes.map(measure);
const exponents = results.slice(1).map((result, position) => ({
  from: results[position].objects,
  to: result.objects,
  exponent: Math.round(exponent(results[position], result) * 100) / 100,
}));
const composition = existsSync(join(root, 'dist', 'main.js')) ? await bundleComposition() : [];
const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  },
  sizes: results,
  exponents,
  bundle: bundle(),
  /** Rendered (pre-minification) size per package or src/ folder; Headlamp's shared libraries are externals. */
  bundleComposition: composition,
};

const pad = (text: string | number, width: number) => String(text).padStart(width);
console.log(
  `machine: ${report.machine.cpus} cores, ${report.machine.memoryGb} GB, node ${report.machine.node}`
);
console.log(
  `${pad('objects', 8)} ${pad('index', 8)} ${pad('join', 8)} ${pad('rollout', 8)} ${pad(
    'rules',
    8
  )} ${pad('total', 8)} ${pad('baseline', 9)} ${pad('×base', 6)} ${pad('heap MB', 8)} ${pad(
    'nodes',
    8
  )} ${pad('diag.', 6)}`
);
for (const result of results) {
  const m = result.medianMs;
  console.log(
    `${pad(result.objects, 8)} ${pad(m.index, 8)} ${pad(m.join, 8)} ${pad(m.rollout, 8)} ${pad(
      m.rules,
      8
    )} ${pad(m.total, 8)} ${pad(m.baseline, 9)} ${pad((m.total / m.baseline).toFixed(2), 6)} ${pad(
      result.heapMb,
      8
    )} ${pad(result.treeNodes, 8)} ${pad(result.diagnoses, 6)}`
  );
}
for (const step of exponents)
  console.log(`time grows as n^${step.exponent} from ${step.from} to ${step.to} objects`);
if (report.bundle)
  console.log(`dist/main.js: ${report.bundle.rawKb} kB raw, ${report.bundle.gzipKb} kB gzip`);
else console.log('dist/main.js: not built (npm run build)');
writeFileSync(join(here, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
if (composition.length) {
  const top = composition.slice(0, 8).map(part => `${part.owner} ${part.kB} kB`);
  console.log(
    `bundled, before minification (Headlamp's libraries are externals): ${top.join(', ')}`
  );
}
console.log('figures written to bench/results.json');

// The browser half: needs Debian's Chromium and the built plugin (npm run bench builds it).
if (existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') && report.bundle) {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'browser.ts'),
      process.env.BENCH_BROWSER_SIZE ?? '20000',
      process.env.BENCH_KINDS_SIZE ?? '9000',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    }
  );
} else {
  console.log('browser benchmark skipped: /usr/bin/chromium or dist/main.js missing');
}
