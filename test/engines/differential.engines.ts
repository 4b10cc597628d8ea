import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngines } from '../../src/cli/renderEngines';
import { loadCrdFiles, nodeFileTree } from '../../src/cli/validate';
import { asArray, asString, field, JsonObject } from '../../src/model/json';
import { BOOTSTRAP_SOURCE } from '../../src/validate/units';
import { RenderedUnit, ValidateReport, validateTree } from '../../src/validate/validate';
import { CASES, UPSTREAM_CRDS } from '../validate/helpers';

/**
 * Differential render test: every fixture tree under test/fixtures/validate/
 * is rendered by the built-in renderer and by the real engines (kustomize and
 * the flux CLI, built from Go modules by test/engines/build.sh). Per unit, the
 * built-in render equals the real one object for object, or it carries the
 * refusal ("not rendered exactly"); a build failure is a failure for both.
 */

const ENGINES_DIR = process.env.HFC_ENGINES_DIR ?? '';
const available =
  ENGINES_DIR !== '' &&
  existsSync(join(ENGINES_DIR, 'flux')) &&
  existsSync(join(ENGINES_DIR, 'kustomize'));
// run.sh passes HFC_ENGINES_DIR after building: then the binaries must be there.
if (ENGINES_DIR !== '' && !available)
  throw new Error(`HFC_ENGINES_DIR=${ENGINES_DIR} lacks kustomize or flux (test/engines/build.sh)`);
if (!available)
  console.log(
    'differential render tests skipped: no kustomize and flux in HFC_ENGINES_DIR (npm run test:engines builds them)'
  );

/** Every fixture tree: a directory with a clusters/ entry (the cases and render/*). */
function fixtureTrees(dir: string): string[] {
  if (existsSync(join(dir, 'clusters'))) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => fixtureTrees(join(dir, entry.name)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(key => [key, sortKeys((value as Record<string, unknown>)[key])])
    );
  return value;
}

function identity(object: JsonObject): string {
  return [
    asString(object.apiVersion),
    asString(object.kind),
    asString(field(object, 'metadata', 'namespace')) ?? '',
    asString(field(object, 'metadata', 'name')),
  ].join('/');
}

/** Objects as a comparable list: keys sorted, objects in identity order. */
function canonical(objects: readonly JsonObject[]): string[] {
  return [...objects]
    .sort((a, b) => identity(a).localeCompare(identity(b)))
    .map(object => JSON.stringify(sortKeys(object)));
}

type Outcome = 'equal' | 'refused' | 'both-fail' | 'not-run' | 'divergent';

interface Compared {
  tree: string;
  unit: string;
  outcome: Outcome;
  objects: number;
  detail?: string;
}

/** The built-in run found what makes the build fail: a build error, a YAML error, or an invalid Kustomization (flux build decodes it first). */
function buildFailed(report: ValidateReport): boolean {
  return report.diagnoses.some(
    diagnosis =>
      diagnosis.severity === 'error' &&
      ['FLUX-INVALID-MANIFESTS', 'VALIDATE-YAML', 'VALIDATE-SCHEMA'].includes(diagnosis.ruleId)
  );
}

function compareUnit(
  tree: string,
  builtin: RenderedUnit,
  real: RenderedUnit | undefined,
  builtinReport: ValidateReport
): Compared {
  const base = { tree, unit: `${builtin.cluster} ${builtin.id}`, objects: builtin.objects.length };
  if (!real)
    return { ...base, outcome: 'divergent', detail: 'the unit is missing in the real render' };
  if (real.engineError !== undefined)
    return buildFailed(builtinReport)
      ? { ...base, outcome: 'both-fail', detail: real.engineError }
      : {
          ...base,
          outcome: 'divergent',
          detail: `only the real engine fails: ${real.engineError}`,
        };
  if (real.renderer === builtin.renderer) return { ...base, outcome: 'not-run' };
  if (builtin.refusals.length) return { ...base, outcome: 'refused', detail: builtin.refusals[0] };
  const want = canonical(real.objects);
  const got = canonical(builtin.objects);
  if (JSON.stringify(want) === JSON.stringify(got))
    return { ...base, outcome: 'equal', objects: want.length };
  const differing = got
    .filter(item => !want.includes(item))
    .concat(want.filter(item => !got.includes(item)));
  return { ...base, outcome: 'divergent', detail: differing.slice(0, 2).join('\n') };
}

const trees = fixtureTrees(CASES);
const crds = loadCrdFiles([UPSTREAM_CRDS]);

function renderBoth(dir: string, engineName: 'flux' | 'kustomize') {
  const root = nodeFileTree(dir);
  const builtin = validateTree({ root, crds });
  const engines = openEngines(engineName, [{ key: BOOTSTRAP_SOURCE, dir }], ENGINES_DIR);
  try {
    const real = validateTree({ root, crds, engine: engines.engine });
    return { builtin, real };
  } finally {
    engines.close();
  }
}

function summary(engine: string, results: Compared[]): string {
  const count = (outcome: Outcome): number =>
    results.filter(item => item.outcome === outcome).length;
  const objects = results
    .filter(item => item.outcome === 'equal')
    .reduce((sum, item) => sum + item.objects, 0);
  return `differential (${engine}): ${trees.length} trees, ${results.length} units: ${count(
    'equal'
  )} equal (${objects} objects), ${count('refused')} refused, ${count(
    'both-fail'
  )} failing in both, ${count('not-run')} not given to the engine, ${count('divergent')} divergent`;
}

describe.skipIf(!available)('built-in renderer against the real engines', () => {
  const results = new Map<string, Compared[]>();
  const reports = new Map<string, { builtin: ValidateReport; real: ValidateReport }>();

  for (const engine of ['flux', 'kustomize'] as const) {
    describe(engine, () => {
      const compared: Compared[] = [];
      results.set(engine, compared);
      // One test per tree: each runs the engine synchronously for a few seconds at most.
      it.each(trees.map(dir => [relative(CASES, dir), dir]))(
        '%s: each unit is equal object for object, refused, or failing in both',
        async (tree, dir) => {
          // The engines run synchronously: let vitest's messages through between trees.
          await new Promise(resolve => setTimeout(resolve, 0));
          const { builtin, real } = renderBoth(dir, engine);
          reports.set(`${engine}:${tree}`, { builtin, real });
          const here = builtin.units.map(unit =>
            compareUnit(
              tree,
              unit,
              real.units.find(item => item.cluster === unit.cluster && item.id === unit.id),
              builtin
            )
          );
          compared.push(...here);
          expect(here.filter(item => item.outcome === 'divergent')).toEqual([]);
        }
      );
      it('compared units and objects (the counts)', () => {
        console.log(summary(engine, compared));
        expect(compared).toHaveLength(
          trees.reduce(
            (sum, dir) =>
              sum + (reports.get(`${engine}:${relative(CASES, dir)}`)?.builtin.units.length ?? 0),
            0
          )
        );
        expect(compared.filter(item => item.outcome === 'equal').length).toBeGreaterThan(0);
        expect(compared.filter(item => item.outcome === 'refused').length).toBeGreaterThan(0);
      });
    });
  }

  it('deploy/ still validates clean when every unit is rendered by flux build', async () => {
    await new Promise(resolve => setTimeout(resolve, 0));
    const deploy = join(CASES, '../../../deploy');
    const configs = join(deploy, 'examples/crossplane-configs');
    const configsKey = 'GitRepository/flux-system/crossplane-configs';
    const engines = openEngines(
      'flux',
      [
        { key: BOOTSTRAP_SOURCE, dir: deploy },
        { key: configsKey, dir: configs },
      ],
      ENGINES_DIR
    );
    try {
      const report = validateTree({
        root: nodeFileTree(deploy, [configs]),
        sources: [{ key: configsKey, tree: nodeFileTree(configs) }],
        crds,
        engine: engines.engine,
      });
      expect(report.diagnoses.filter(item => item.severity !== 'info')).toEqual([]);
      expect(report.units.filter(unit => !unit.renderer.startsWith('flux build'))).toEqual([]);
      console.log(
        `deploy/ with flux build: ${report.units.length} units, ${report.objects} objects, ${report.diagnoses.length} info diagnoses`
      );
    } finally {
      engines.close();
    }
  });

  const unitOf = (engine: string, tree: string, id: string, side: 'builtin' | 'real') => {
    const report = reports.get(`${engine}:${tree}`);
    const unit = report?.[side].units.find(item => item.id === id);
    if (!unit) throw new Error(`no unit ${id} in ${tree} (${engine}, ${side})`);
    return unit;
  };
  const deployment = (unit: RenderedUnit): JsonObject => {
    const found = unit.objects.find(object => object.kind === 'Deployment');
    if (!found) throw new Error(`no Deployment in ${unit.id}`);
    return found;
  };

  it('a strategic-merge patch of containers: the real engines keep the image and the sidecar; the built-in one refuses', () => {
    for (const engine of ['flux', 'kustomize']) {
      const real = deployment(
        unitOf(engine, 'render/list-merge-keys', 'Kustomization/flux-system/apps', 'real')
      );
      const containers = asArray(field(real, 'spec', 'template', 'spec', 'containers'));
      expect(containers.map(item => [field(item, 'name'), field(item, 'image')])).toEqual([
        ['app', 'ghcr.io/acme/web:1.4.2'],
        ['sidecar', 'ghcr.io/acme/proxy:0.9.0'],
      ]);
      expect(field(containers[0], 'resources')).toEqual({ limits: { memory: '256Mi' } });
      // Strategic merge puts the patch's new elements first.
      expect(asArray(field(containers[0], 'env')).map(item => field(item, 'name'))).toEqual([
        'FEATURE_X',
        'LOG_LEVEL',
      ]);
      expect(
        asArray(field(real, 'spec', 'template', 'spec', 'volumes')).map(item => field(item, 'name'))
      ).toEqual(['tmp', 'cache']);
    }
    const builtin = unitOf(
      'flux',
      'render/list-merge-keys',
      'Kustomization/flux-system/apps',
      'builtin'
    );
    expect(builtin.refusals).toEqual([
      expect.stringMatching(
        /^strategic-merge patch of Deployment\/web touches list spec\.template\.spec\.containers/
      ),
      expect.stringMatching(
        /^strategic-merge patch of Deployment\/web touches list spec\.template\.spec\.containers/
      ),
    ]);
  });

  it('commonLabels: the real engines write selectors and pod template labels; the built-in one refuses there, and is exact on kinds without selectors', () => {
    const real = deployment(
      unitOf('flux', 'render/common-labels', 'Kustomization/flux-system/apps', 'real')
    );
    expect(field(real, 'spec', 'selector', 'matchLabels')).toEqual({
      app: 'web',
      team: 'storefront',
    });
    expect(field(real, 'spec', 'template', 'metadata', 'labels')).toEqual({
      app: 'web',
      team: 'storefront',
    });
    expect(
      unitOf('flux', 'render/common-labels', 'Kustomization/flux-system/apps', 'builtin').refusals
    ).toEqual([
      expect.stringMatching(/^commonLabels in .*apps\/kustomization\.yaml on Deployment\/web/),
    ]);
    expect(
      unitOf('flux', 'render/common-labels', 'Kustomization/flux-system/configs', 'builtin')
        .refusals
    ).toEqual([]);
  });
});
