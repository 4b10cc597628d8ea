#!/usr/bin/env node
// Runs a vitest suite and ends with the plain line `N passed, N failed` that
// CI reads. `--config FILE` picks the suite (default: headlamp-plugin.config.js,
// everything under test/); other arguments go to vitest (e.g. a file filter).
// Exit code: vitest's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const configAt = args.indexOf('--config');
const config = configAt >= 0 ? args.splice(configAt, 2)[1] : 'headlamp-plugin.config.js';

const reportDir = mkdtempSync(join(tmpdir(), 'hfc-vitest-'));
const reportFile = join(reportDir, 'report.json');
const vitest = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...args,
  ],
  { stdio: 'inherit' }
);

/**
 * Counts from vitest's JSON report. A file that failed to load, or whose
 * beforeAll failed (its tests then only show as skipped), counts once.
 * @param {{numPassedTests?: number, numFailedTests?: number, testResults?: Array<{status?: string, assertionResults?: Array<{status?: string}>}>}} report
 */
function count(report) {
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const assertions = file.assertionResults ?? [];
    if (file.status === 'failed' && !assertions.some(assertion => assertion.status === 'failed'))
      failed++;
  }
  return { passed: report.numPassedTests ?? 0, failed };
}

let result = { passed: 0, failed: 1 };
try {
  result = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  if (vitest.status !== 0 && result.failed === 0) result.failed = 1;
} catch {
  // No report: vitest did not run; counted as one failure.
}
rmSync(reportDir, { recursive: true, force: true });
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(vitest.status ?? 1);
