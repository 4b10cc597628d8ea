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

/** diagnose over a recorded step, read `hours` after it was recorded: what is said about one object. */
async function readLater(step: string, hours: number, kind: string, name: string) {
  const file = join(REAL_FIXTURES, `${step}.yaml`);
  const header = parseHeader(readFileSync(file, 'utf8'));
  const later = new Date(Date.parse(header.now) + hours * 3_600_000).toISOString();
  const run = await runCli([
    'diagnose',
    '--snapshot',
    file,
    '--now',
    later,
    '--output',
    'json',
    '--fail-on',
    'never',
  ]);
  expect(run.stderr).toBe('');
  return parseDiagnoses(run.stdout)
    .filter(d => d.subject.kind === kind && d.subject.name === name)
    .map(d => `${d.ruleId}: ${d.title}`);
}

describe('quiet is stale only where the controller records every reconcile', () => {
  it('a HelmRelease helm-controller gave up on (Stalled=True beside Ready=Unknown) is stuck, not "reconciling without finishing", an hour later', async () => {
    const said = await readLater('06-upgrade-failed', 1, 'HelmRelease', 'settings');
    expect(said).toContainEqual(expect.stringMatching(/^FLUX-HELM-STUCK: /));
    expect(said).not.toContainEqual(expect.stringMatching(/^FLUX-STALE/));
  });

  it('a healthy HelmRelease is not stale three hours on: helm-controller writes nothing when nothing changed', async () => {
    expect(await readLater('06-fixed', 3, 'HelmRelease', 'settings')).toEqual([]);
  });

  it('a Kustomization is: kustomize-controller records every reconcile in status.history', async () => {
    expect(await readLater('06-fixed', 3, 'Kustomization', 'crossplane-apis')).toEqual([
      'FLUX-STALE: Kustomization crossplane-apis has not been reconciled when it should have been',
    ]);
  });
});
