import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHeader, REAL_FIXTURES } from '../cluster/lib/storySnapshot';
import { StepName, STEPS } from '../cluster/stories/expectations';
import { parseDiagnoses, runCli } from './helpers';

/**
 * The controller stories' steps as the real controllers left them
 * (test/fixtures/real/, recorded by the real-cluster stage with
 * HFC_CLUSTER_RECORD=1): diagnose over each step's objects reads what the
 * stage asserted live — the same expectations, test/cluster/stories/expectations.ts.
 */

const files = readdirSync(REAL_FIXTURES)
  .filter(name => name.endsWith('.yaml'))
  .sort();

describe("diagnose over real controllers' statuses (test/fixtures/real)", () => {
  it('has a fixture for every step of the stories', () => {
    expect(files.map(name => name.replace(/\.yaml$/, ''))).toEqual(Object.keys(STEPS).sort());
  });

  it.each(files)('%s', async name => {
    const file = join(REAL_FIXTURES, name);
    const header = parseHeader(readFileSync(file, 'utf8'));
    const run = await runCli([
      'diagnose',
      '--snapshot',
      file,
      '--now',
      header.now,
      '--output',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    STEPS[name.replace(/\.yaml$/, '') as StepName](parseDiagnoses(run.stdout), header.facts);
  });
});
