import fc from 'fast-check';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseRender } from '../../src/cli/renderEngines';
import { strategicMergeRefusal } from '../../src/validate/exactness';
import { runCli, tempDir } from '../cli/helpers';
import { caseDir, UPSTREAM_CRDS, validateJson } from './helpers';

/**
 * The built-in renderer is exact or it refuses (on the render fixtures, whose
 * real renders test/engines compares), and `--renderer` hands units to a real
 * engine: here a stand-in executable on PATH that records how it was run.
 */

const notExact = (
  diagnoses: Array<{ ruleId: string; title: string; evidence: Array<{ text: string }> }>
) =>
  diagnoses
    .filter(item => item.ruleId === 'VISIBILITY' && item.title.startsWith('not rendered exactly: '))
    .map(item => item.evidence[0].text);

describe('the built-in renderer refuses what it does not render as kustomize does', () => {
  it('strategic-merge patches of containers, env, ports, volumes: "not rendered exactly" at the patch', async () => {
    const dir = caseDir('render/list-merge-keys');
    const run = await validateJson(dir);
    expect(notExact(run.diagnoses)).toEqual([
      `${dir}/apps/kustomization.yaml:6: strategic-merge patch of Deployment/web touches list spec.template.spec.containers (kustomize merges lists of built-in kinds by their merge keys)`,
      `${dir}/apps/kustomization.yaml:19: strategic-merge patch of Deployment/web touches list spec.template.spec.containers (kustomize merges lists of built-in kinds by their merge keys)`,
    ]);
    expect(run.diagnoses.filter(item => item.severity !== 'info')).toEqual([]);
  });

  it('`$patch: delete` inside a list is refused; on a whole object it is rendered', async () => {
    const dir = caseDir('render/patch-delete-in-list');
    const run = await validateJson(dir);
    expect(notExact(run.diagnoses)).toEqual([
      `${dir}/apps/kustomization.yaml:6: strategic-merge patch of Deployment/web touches the directive in list spec.template.spec.containers (kustomize merges lists of built-in kinds by their merge keys)`,
    ]);
  });

  it('commonLabels on a Deployment and a Service are refused (selectors); on a ConfigMap they are exact', async () => {
    const dir = caseDir('render/common-labels');
    const run = await validateJson(dir);
    expect(notExact(run.diagnoses)).toEqual([
      `${dir}/apps/kustomization.yaml:5: commonLabels in ${dir}/apps/kustomization.yaml on Deployment/web (kustomize also writes them into its selectors and pod templates)`,
    ]);
  });

  it.each(['render/components', 'render/custom-resource-lists', 'render/flux-spec', 'valid'])(
    '%s renders exactly: no refusal, nothing above info',
    async name => {
      const run = await validateJson(caseDir(name));
      expect(notExact(run.diagnoses)).toEqual([]);
      expect(run.diagnoses.filter(item => item.severity !== 'info')).toEqual([]);
    }
  );

  it('strategicMergeRefusal: lists of custom resources are replaced (exact); lists a built-in target already has are merged by key (refused)', () => {
    const alert = {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: { name: 'a' },
      spec: { eventSources: [{ kind: 'Kustomization', name: 'x' }] },
    };
    expect(
      strategicMergeRefusal(
        { spec: { eventSources: [{ kind: 'Kustomization', name: '*' }] } },
        alert
      )
    ).toBeUndefined();
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [{ name: 'app', image: 'x' }] } } },
    };
    expect(
      strategicMergeRefusal(
        { spec: { template: { spec: { containers: [{ name: 'app' }] } } } },
        deployment
      )
    ).toMatch(/touches list spec\.template\.spec\.containers/);
    // A list the target does not have yet is the patch's list, as in a JSON merge patch.
    expect(
      strategicMergeRefusal(
        { spec: { template: { spec: { tolerations: [{ key: 'a' }] } } } },
        deployment
      )
    ).toBeUndefined();
    expect(strategicMergeRefusal({ metadata: { $patch: 'replace' } }, alert)).toMatch(
      /the directive metadata\.\$patch/
    );
    expect(strategicMergeRefusal({ $patch: 'delete' }, deployment)).toBeUndefined();
  });
});

describe('parseRender (what an engine printed)', () => {
  it('reads multi-document YAML into objects', () => {
    expect(
      parseRender('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\nkind: X\n')
    ).toEqual({
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { kind: 'X' }],
    });
  });

  it('any text gives objects or an error message, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), text => {
        const result = parseRender(text);
        if ('error' in result)
          expect(result.error).toMatch(/^the engine's output is not valid YAML: /);
        else expect(Array.isArray(result.objects)).toBe(true);
      }),
      { numRuns: 300 }
    );
  });
});

describe('--renderer hands units to the real engine on PATH', () => {
  const dir = tempDir();
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });
  afterAll(() => dir.cleanup());

  /** An executable `kustomize` that records its arguments and environment, then prints `output`. */
  function standIn(output: string, status = 0): { log: string } {
    const log = dir.path('calls.log');
    rmSync(log, { force: true });
    dir.write('out.yaml', output);
    const script = dir.write(
      'kustomize',
      [
        '#!/bin/sh',
        `if [ "$1" = version ]; then echo v9.9.9; exit 0; fi`,
        `echo "ARGS $* | HTTPS_PROXY=$HTTPS_PROXY | KUBECONFIG=$(cat "$KUBECONFIG" | tr '\\n' ' ')" >> '${log}'`,
        status === 0
          ? `cat '${dir.path('out.yaml')}'`
          : `echo 'Error: boom at line 3' >&2; exit ${status}`,
        '',
      ].join('\n')
    );
    chmodSync(script, 0o755);
    // The stand-in first; the shell tools it uses after it.
    process.env.PATH = `${dir.path('')}:/usr/bin:/bin`;
    return { log };
  }

  const components = caseDir('render/components');

  it('renders each unit with a kustomization.yaml by the engine, says so, and runs it without network or cluster', async () => {
    const { log } = standIn(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-the-engine\n  namespace: shop\ndata:\n  a: "1"\n'
    );
    const run = await runCli([
      'validate',
      components,
      '--crds',
      UPSTREAM_CRDS,
      '--renderer',
      'kustomize',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Rendered by:\n');
    expect(run.stdout).toContain(
      '  clusters/test: Kustomization/flux-system/app: kustomize build (kustomize v9.9.9) + built-in Flux spec\n'
    );
    // The bootstrap directory has no kustomization.yaml: kustomize build cannot build it, Flux would generate one.
    expect(run.stdout).toContain('  clusters/test: bootstrap:clusters/test: built-in\n');
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toEqual([
      `ARGS build ${components}/app/overlay | HTTPS_PROXY=http://127.0.0.1:9 | KUBECONFIG=apiVersion: v1 kind: Config`,
    ]);
    expect(run.code).toBe(0);
  });

  it("a failing engine is a build failure with the engine's own message", async () => {
    standIn('', 1);
    const run = await runCli([
      'validate',
      components,
      '--crds',
      UPSTREAM_CRDS,
      '--renderer',
      'kustomize',
      '--output',
      'json',
    ]);
    const failures = (
      JSON.parse(run.stdout) as Array<{
        ruleId: string;
        title: string;
        evidence: Array<{ text: string }>;
      }>
    ).filter(item => item.ruleId === 'FLUX-INVALID-MANIFESTS');
    expect(
      failures.map(item => [item.title, item.evidence.map(evidence => evidence.text)])
    ).toEqual([
      [
        expect.stringMatching(/^kustomize build \(kustomize v9\.9\.9\) of .*app\/overlay fails$/),
        [expect.stringMatching(/clusters\/test\/app\.yaml:\d+: Error: boom at line 3$/)],
      ],
    ]);
    expect(run.code).toBe(1);
  });

  it('a unit with a remote base is never given to the engine', async () => {
    const { log } = standIn('');
    const tree = tempDir();
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(tree.path(''), path)), { recursive: true });
      writeFileSync(join(tree.path(''), path), text);
    };
    try {
      write(
        'clusters/test/apps.yaml',
        readFileSync(join(caseDir('render/list-merge-keys'), 'clusters/test/apps.yaml'), 'utf8')
      );
      write(
        'apps/kustomization.yaml',
        'resources:\n  - https://github.com/org/repo//base?ref=v1\n'
      );
      const run = await runCli([
        'validate',
        tree.path(''),
        '--renderer',
        'kustomize',
        '--output',
        'json',
      ]);
      expect(run.stdout).toContain(
        'not rendered exactly: remote resource https://github.com/org/repo//base?ref=v1'
      );
      expect(() => readFileSync(log, 'utf8')).toThrow();
    } finally {
      tree.cleanup();
    }
  });

  it('--renderer NAME that is not on PATH is bad input (exit 2, one line)', async () => {
    process.env.PATH = dir.path('');
    const run = await runCli(['validate', components, '--renderer', 'flux']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(/--renderer flux: flux is not on PATH$/);
    const bad = await runCli(['validate', components, '--renderer', 'helm']);
    expect(bad.stderr).toMatch(
      /--renderer must be one of auto, flux, kustomize, kubectl, builtin, not "helm"/
    );
  });
});
