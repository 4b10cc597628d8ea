import { accessSync, constants, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runProcess } from '../childProcess';
import { fixture, parseDiagnoses } from './helpers';

const ROOT = resolve(__dirname, '../..');
const BIN = 'bin/headlamp-flux-crossplane.mjs';
const BUNDLE = 'dist-cli/headlamp-flux-crossplane.mjs';

describe('bin/headlamp-flux-crossplane.mjs (end to end, a real node process)', () => {
  beforeAll(async () => {
    // The bundle of the current sources, as `npm run build` (and prepare) writes it.
    const build = await runProcess(process.execPath, ['scripts/build-cli.mjs'], {
      cwd: ROOT,
      timeoutMs: 120_000,
    });
    expect(build.status, build.stderr).toBe(0);
  });

  it('runs bundled JavaScript: package.json bin is this file, no TypeScript loader at run time', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ 'headlamp-flux-crossplane': BIN });
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    const bin = readFileSync(resolve(ROOT, BIN), 'utf8');
    expect(bin).toContain("'../dist-cli/headlamp-flux-crossplane.mjs'");
    expect(bin).not.toMatch(/\btsx\b|\.ts'/);
    // The bundle imports (statically or not) only Node built-ins and the runtime dependencies.
    const bundle = readFileSync(resolve(ROOT, BUNDLE), 'utf8');
    const imports = [...bundle.matchAll(/^import .* from "([^"]+)";$|\bimport\("([^"]+)"\)/gm)]
      .map(match => match[1] ?? match[2])
      .map(name => name.replace(/^(@[^/]+\/[^/]+|[^@/][^/]*).*$/, '$1'));
    expect(imports).toEqual(expect.arrayContaining(['yaml', '@kubernetes/client-node']));
    for (const name of imports) {
      if (!name.startsWith('node:')) expect(Object.keys(pkg.dependencies), name).toContain(name);
    }
  });

  it('prints pure JSON on stdout and exits 1 on errors; bad input exits 2 with one line', async () => {
    expect(readFileSync(resolve(ROOT, BIN), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(resolve(ROOT, BIN), constants.X_OK);

    const run = await runProcess(
      process.execPath,
      [BIN, 'diagnose', '--snapshot', fixture('source-auth-failure.yaml'), '--output', 'json'],
      { cwd: ROOT, timeoutMs: 60_000 }
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
    const bad = await runProcess(process.execPath, [BIN, 'diagnose', '--snapshot', '-'], {
      cwd: ROOT,
      input: 'kind: Namespace\nmetadata:\n\tname: tabbed\n',
      timeoutMs: 60_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(
      /^<stdin>:3: invalid YAML: Tabs are not allowed as indentation \(column 1\)\n$/
    );
  });
});
