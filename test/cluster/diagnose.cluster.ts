import { beforeAll, describe, expect, it } from 'vitest';
import {
  diagnoseJson,
  Diagnosis,
  runCli,
  subjectText,
  withoutCluster,
  withoutContext,
} from './lib/cli';
import { clusterEnv, SCENARIO_FILE, SCENARIO_NOW } from './lib/env';

/**
 * `diagnose --kubeconfig` against the real API server finds what the rules
 * find in the same objects loaded from the fixture file: the same diagnoses,
 * in the same order, with the same evidence and root-cause chains.
 */

describe('diagnose --kubeconfig against the real API server', () => {
  const env = clusterEnv();
  let snapshot: Diagnosis[];
  let live: Diagnosis[];

  beforeAll(async () => {
    [snapshot, live] = await Promise.all([
      diagnoseJson(['--snapshot', SCENARIO_FILE, '--now', SCENARIO_NOW]).then(r => r.diagnoses),
      diagnoseJson([
        '--kubeconfig',
        env.kubeconfig,
        '--context',
        'admin',
        '--now',
        SCENARIO_NOW,
      ]).then(r => r.diagnoses),
    ]);
  });

  it('lists the scenario diagnoses', () => {
    const ids = live.map(subjectText);
    expect(ids).toContain('XP-PROVIDERCONFIG-MISSING NopResource/ext-functions-x7k2p-bucket');
    expect(ids).toContain('FLUX-HEALTH-CHECK Kustomization/flux-system/crossplane-claims');
    expect(ids).toContain('XP-WAITING-ON-CHILDREN XNopResource/ext-functions-x7k2p');
    expect(ids).toContain('XP-CLAIM-WAITING NopResource/default/ext-functions');
    expect(live.some(d => d.ruleId === 'VISIBILITY')).toBe(false);
  });

  it('gives FLUX-HEALTH-CHECK on crossplane-claims the root-cause chain through the real objects', () => {
    const health = live.find(
      d => d.ruleId === 'FLUX-HEALTH-CHECK' && d.subject.name === 'crossplane-claims'
    );
    expect(health?.causes?.map(cause => `${cause.kind}/${cause.name}`)).toEqual([
      'NopResource/ext-functions-x7k2p-bucket',
      'XNopResource/ext-functions-x7k2p',
      'NopResource/ext-functions',
    ]);
  });

  it('uses the real Warning event as evidence for the managed resource', () => {
    const missing = live.find(d => d.ruleId === 'XP-PROVIDERCONFIG-MISSING');
    expect(JSON.stringify(missing?.evidence)).toContain('CannotConnectToProvider');
  });

  it('lists the same diagnoses as diagnose --snapshot test/fixtures/platform.yaml', () => {
    expect(live.map(subjectText)).toEqual(snapshot.map(subjectText));
    expect(withoutCluster(live)).toEqual(withoutCluster(snapshot));
  });

  it('prints the same table and exits 1 on errors, as for the snapshot', async () => {
    const [fromFile, fromCluster] = await Promise.all([
      runCli(['diagnose', '--snapshot', SCENARIO_FILE, '--now', SCENARIO_NOW]),
      runCli([
        'diagnose',
        '--kubeconfig',
        env.kubeconfig,
        '--context',
        'admin',
        '--now',
        SCENARIO_NOW,
      ]),
    ]);
    expect(fromCluster.code).toBe(1);
    expect(fromCluster.code).toBe(fromFile.code);
    expect(withoutContext(fromCluster.stdout)).toBe(fromFile.stdout);
  });

  it('prints the same tree of crossplane-claims', async () => {
    const args = [
      '--output',
      'tree',
      '--kustomization',
      'flux-system/crossplane-claims',
      '--fail-on',
      'never',
    ];
    const [fromFile, fromCluster] = await Promise.all([
      runCli(['diagnose', '--snapshot', SCENARIO_FILE, '--now', SCENARIO_NOW, ...args]),
      runCli([
        'diagnose',
        '--kubeconfig',
        env.kubeconfig,
        '--context',
        'admin',
        '--now',
        SCENARIO_NOW,
        ...args,
      ]),
    ]);
    expect(fromCluster.stderr).toBe('');
    expect(fromCluster.stdout).toBe(fromFile.stdout);
  });

  it('reads the current context when --context is not given', async () => {
    const { diagnoses } = await diagnoseJson([
      '--kubeconfig',
      env.kubeconfig,
      '--now',
      SCENARIO_NOW,
    ]);
    expect(withoutCluster(diagnoses)).toEqual(withoutCluster(live));
  });
});
