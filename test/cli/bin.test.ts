import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixture, parseDiagnoses } from './helpers';

const ROOT = resolve(__dirname, '../..');
const BIN = 'bin/headlamp-flux-crossplane.mjs';

describe('bin/headlamp-flux-crossplane.mjs (end to end, a real node process)', () => {
  it('prints pure JSON on stdout and exits 1 on errors; bad input exits 2 with one line', () => {
    expect(readFileSync(resolve(ROOT, BIN), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(resolve(ROOT, BIN), constants.X_OK);

    const run = spawnSync(
      process.execPath,
      [BIN, 'diagnose', '--snapshot', fixture('source-auth-failure.yaml'), '--output', 'json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      }
    );
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const diagnoses = parseDiagnoses(run.stdout); // throws unless stdout is exactly one JSON value
    expect(
      diagnoses.map(d => `${d.ruleId} ${d.subject.kind}/${d.subject.namespace}/${d.subject.name}`)
    ).toEqual([
      'FLUX-SOURCE-AUTH GitRepository/flux-system/crossplane-configs',
      'FLUX-ARTIFACT Kustomization/flux-system/crossplane-apis',
    ]);

    // Invalid YAML from stdin ("-"): exit 2, one line naming where.
    const bad = spawnSync(process.execPath, [BIN, 'diagnose', '--snapshot', '-'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: 'kind: Namespace\nmetadata:\n\tname: tabbed\n',
      timeout: 60_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(
      /^<stdin>:3: invalid YAML: Tabs are not allowed as indentation \(column 1\)\n$/
    );
  });
});
