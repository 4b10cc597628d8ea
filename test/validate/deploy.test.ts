import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadCrdFiles, nodeFileTree } from '../../src/cli/validate';
import { JsonObject } from '../../src/model/json';
import { validateTree } from '../../src/validate/validate';
import { REPO, UPSTREAM_CRDS, validateJson } from './helpers';

/**
 * The shipped GitOps layout (deploy/) passes clean against the real CRDs, and
 * holds what the runbook needs: ordered layers, the reference names, health
 * checks that work for Crossplane kinds, Headlamp installed with this plugin,
 * error alerts, no secrets.
 */

const DEPLOY = join(REPO, 'deploy');
const CONFIGS = join(DEPLOY, 'examples/crossplane-configs');
const SOURCE = `GitRepository/flux-system/crossplane-configs=${CONFIGS}`;
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

const report = validateTree({
  root: nodeFileTree(DEPLOY, [CONFIGS]),
  sources: [{ key: 'GitRepository/flux-system/crossplane-configs', tree: nodeFileTree(CONFIGS) }],
  crds: loadCrdFiles([UPSTREAM_CRDS]),
});

type Obj = JsonObject & { metadata: { name: string; namespace?: string } };
const objectsOf = (cluster: string): Obj[] =>
  (report.rendered.find(item => item.cluster === cluster)?.objects ?? []) as Obj[];
const find = (cluster: string, kind: string, name: string): Obj => {
  const found = objectsOf(cluster).find(
    object => object.kind === kind && object.metadata.name === name
  );
  if (!found) throw new Error(`${kind} ${name} not rendered in ${cluster}`);
  return found;
};
const spec = (object: Obj): Record<string, unknown> => object.spec as Record<string, unknown>;
const CLUSTERS = ['clusters/production', 'clusters/staging'];

describe('deploy/', () => {
  it('validates clean against test/fixtures/crds, with the crossplane-configs example as its source', async () => {
    expect(report.diagnoses).toEqual([]);
    expect(report.clusters).toEqual(CLUSTERS);
    const run = await validateJson(DEPLOY, ['--source', SOURCE, '--fail-on', 'info']);
    expect(run.diagnoses).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('without the crossplane-configs checkout it only says what it could not check', async () => {
    const run = await validateJson(DEPLOY, ['--fail-on', 'warning']);
    expect(run.code).toBe(0);
    expect(
      new Set(run.diagnoses.map(diagnosis => `${diagnosis.ruleId}:${diagnosis.severity}`))
    ).toEqual(new Set(['VISIBILITY:info']));
    expect(run.diagnoses.map(diagnosis => diagnosis.title)).toContain(
      'Manifests from GitRepository/flux-system/crossplane-configs are not validated'
    );
  });

  it.each(CLUSTERS)('%s: layers ordered, definitions before claims, reference names', cluster => {
    const dependsOn = (name: string): string[] =>
      ((spec(find(cluster, 'Kustomization', name)).dependsOn ?? []) as Array<{ name: string }>).map(
        item => item.name
      );
    expect(dependsOn('platform')).toEqual(['crossplane', 'notifications']);
    expect(dependsOn('crossplane-claims')).toEqual(['crossplane-apis']);
    expect(find(cluster, 'GitRepository', 'crossplane-configs').metadata.namespace).toBe(
      'flux-system'
    );
    const apis = find(cluster, 'Kustomization', 'crossplane-apis');
    expect(apis.metadata.namespace).toBe('flux-system');
    expect(spec(apis).sourceRef).toEqual({ kind: 'GitRepository', name: 'crossplane-configs' });
    expect(spec(apis).wait).toBe(true);
    // Every object the layers apply carries the owner labels Flux sets.
    const xrd = objectsOf(cluster).find(object => object.kind === 'CompositeResourceDefinition');
    expect((xrd?.metadata as { labels?: Record<string, string> }).labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'crossplane-apis',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    });
  });

  it('health checks that work for Crossplane kinds: XRD Established, packages Healthy, XRs Ready', () => {
    const cluster = 'clusters/staging';
    type Expr = {
      apiVersion: string;
      kind: string;
      current: string;
      failed?: string;
      inProgress?: string;
    };
    const exprs = (name: string): Expr[] =>
      spec(find(cluster, 'Kustomization', name)).healthCheckExprs as Expr[];
    for (const expr of [...exprs('crossplane-apis'), ...exprs('crossplane-claims')])
      for (const key of Object.keys(expr))
        expect(['apiVersion', 'kind', 'current', 'inProgress', 'failed']).toContain(key);
    const xrd = exprs('crossplane-apis').find(
      expr => expr.apiVersion === 'apiextensions.crossplane.io/v2'
    );
    expect(xrd?.kind).toBe('CompositeResourceDefinition');
    expect(xrd?.current).toContain("e.type == 'Established' && e.status == 'True'");
    expect(exprs('crossplane-apis').map(expr => expr.kind)).toEqual(
      expect.arrayContaining(['Provider', 'Function'])
    );
    // One entry per XR kind crossplane-claims applies.
    const xrKinds = objectsOf(cluster)
      .filter(
        object =>
          (object.metadata as { labels?: Record<string, string> }).labels?.[
            'kustomize.toolkit.fluxcd.io/name'
          ] === 'crossplane-claims'
      )
      .map(object => `${object.apiVersion as string}|${object.kind as string}`);
    expect(xrKinds.length).toBeGreaterThan(0);
    for (const kind of xrKinds) {
      const expr = exprs('crossplane-claims').find(
        item => `${item.apiVersion}|${item.kind}` === kind
      );
      expect(expr?.current, kind).toContain("e.type == 'Ready' && e.status == 'True'");
      expect(expr?.failed, kind).toContain("e.type == 'Synced' && e.status == 'False'");
    }
  });

  it('Headlamp: pinned chart, plugin manager installing this plugin at the package version, no secrets', () => {
    const cluster = 'clusters/production';
    const release = find(cluster, 'HelmRelease', 'headlamp');
    const chart = (
      spec(release).chart as {
        spec: { chart: string; version: string; sourceRef: { name: string } };
      }
    ).spec;
    expect(chart.chart).toBe('headlamp');
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(spec(find(cluster, 'HelmRepository', chart.sourceRef.name)).url).toBe(
      'https://kubernetes-sigs.github.io/headlamp/'
    );
    const values = spec(release).values as {
      config: { pluginsDir: string; watchPlugins: boolean };
      pluginsManager: {
        enabled: boolean;
        version: string;
        baseImage: string;
        configContent: string;
      };
    };
    expect(values.pluginsManager.enabled).toBe(true);
    expect(values.pluginsManager.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(values.pluginsManager.baseImage).toMatch(/:\d+\.\d+\.\d+-alpine$/);
    expect(values.config.watchPlugins).toBe(true);
    const plugins = (
      parse(values.pluginsManager.configContent) as { plugins: Array<Record<string, string>> }
    ).plugins;
    expect(plugins).toEqual([
      {
        name: pkg.name,
        source: `https://artifacthub.io/packages/headlamp/${pkg.name}/${pkg.name}`,
        version: pkg.version,
      },
    ]);
    for (const name of CLUSTERS)
      for (const object of objectsOf(name)) {
        expect(object.kind).not.toBe('Secret');
        expect(JSON.stringify(object)).not.toMatch(/hooks\.slack\.com|ghp_|password:/i);
      }
  });

  it('alerts: Slack Provider with its secret by reference, error Alerts for the key objects and the HelmReleases', () => {
    const cluster = 'clusters/staging';
    const provider = find(cluster, 'Provider', 'slack');
    expect(spec(provider).type).toBe('slack');
    expect(spec(provider).secretRef).toEqual({ name: 'slack-webhook' });
    expect(spec(provider).address).toBeUndefined();
    const alerts = objectsOf(cluster).filter(object => object.kind === 'Alert');
    expect(alerts.map(alert => spec(alert).eventSeverity)).toEqual(alerts.map(() => 'error'));
    const selected = alerts.flatMap(alert =>
      (spec(alert).eventSources as Array<{ kind: string; name: string }>).map(
        source => `${source.kind}/${source.name}`
      )
    );
    expect(selected).toEqual(
      expect.arrayContaining(['GitRepository/crossplane-configs', 'Kustomization/crossplane-apis'])
    );
    for (const release of objectsOf(cluster).filter(object => object.kind === 'HelmRelease'))
      expect(
        selected.some(
          item => item === `HelmRelease/${release.metadata.name}` || item === 'HelmRelease/*'
        )
      ).toBe(true);
    // Post-build substitution names the cluster in every alert.
    expect(
      alerts.map(alert => (spec(alert).eventMetadata as Record<string, string>).cluster)
    ).toEqual(alerts.map(() => 'staging'));
  });

  it('staging follows main, production the production branch', () => {
    const branch = (cluster: string): unknown =>
      (spec(find(cluster, 'GitRepository', 'crossplane-configs')).ref as { branch: string }).branch;
    expect(branch('clusters/staging')).toBe('main');
    expect(branch('clusters/production')).toBe('production');
  });

  it('the pull-request workflow validates the fleet repository with the validator', () => {
    const workflow = parseAllDocuments(
      readFileSync(join(DEPLOY, 'ci/validate.yaml'), 'utf8')
    )[0].toJS() as {
      on: Record<string, unknown>;
      jobs: Record<string, { steps: Array<{ run?: string }> }>;
    };
    expect(Object.keys(workflow.on)).toContain('pull_request');
    const runs = Object.values(workflow.jobs).flatMap(job => job.steps.map(step => step.run ?? ''));
    expect(
      runs.some(text => /headlamp-flux-crossplane@\$\{VALIDATOR_VERSION\}" validate \. /.test(text))
    ).toBe(true);
    expect(runs.join('\n')).toContain('--source GitRepository/flux-system/crossplane-configs=');
  });

  it('the workflow installs the flux CLI before it validates, and renders with it', () => {
    const workflow = parseAllDocuments(
      readFileSync(join(DEPLOY, 'ci/validate.yaml'), 'utf8')
    )[0].toJS() as { jobs: Record<string, { steps: Array<{ uses?: string; run?: string }> }> };
    const steps = Object.values(workflow.jobs).flatMap(job => job.steps);
    const install = steps.findIndex(step => (step.uses ?? '').startsWith('fluxcd/flux2/action@'));
    const validate = steps.findIndex(step => /validate \./.test(step.run ?? ''));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(validate);
    expect(steps[validate].run).toContain('--renderer flux');
  });
});
