import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseJson, runCli, subjectText } from './lib/cli';
import { clusterEnv, LOCAL_CRDS, SCENARIO_FILE, SCENARIO_NOW, UPSTREAM_CRDS } from './lib/env';
import { applyScenario, deleteCrds, installCrds, Manifest, readManifests } from './lib/install';
import { at, Kube } from './lib/kube';
import { Resources } from './lib/resources';

/**
 * A second API server (same etcd, its own prefix) that this file owns: the
 * scenario goes in with every CRD, then the Crossplane CRDs (Crossplane's own,
 * provider-nop's and the XR/claim CRDs) are deleted, as when Crossplane is
 * uninstalled. diagnose must report each missing kind as VISIBILITY
 * (not-found), keep the Flux diagnoses, and not crash.
 */

const isCrossplane = (crd: Manifest) => !String(at(crd, 'spec', 'group')).endsWith('.fluxcd.io');
const crdName = (crd: Manifest) => String(at(crd, 'metadata', 'name'));

describe('a cluster whose Crossplane CRDs were deleted', () => {
  const env = clusterEnv();
  const kube = new Kube(env.secondServer, env.tokens.admin, env.ca);
  const crds = [...readManifests(UPSTREAM_CRDS), ...readManifests(LOCAL_CRDS)];
  const args = ['--kubeconfig', env.kubeconfig, '--context', 'second-admin', '--now', SCENARIO_NOW];

  beforeAll(async () => {
    await installCrds(kube, crds);
    await applyScenario(kube, new Resources(kube), readManifests(SCENARIO_FILE), crds);
    const before = await diagnoseJson(args);
    expect(before.diagnoses.map(d => d.ruleId)).toContain('XP-PROVIDERCONFIG-MISSING');
    await deleteCrds(kube, crds.filter(isCrossplane).map(crdName));
  });

  it('the API groups are gone from discovery', async () => {
    const groups = ((at((await kube.get('/apis')).body, 'groups') as unknown[]) ?? []).map(group =>
      at(group, 'name')
    );
    expect(groups).not.toContain('pkg.crossplane.io');
    expect(groups).not.toContain('apiextensions.crossplane.io');
    expect(groups).not.toContain('nop.crossplane.io');
    expect(groups).toContain('kustomize.toolkit.fluxcd.io');
    expect((await kube.get('/apis/pkg.crossplane.io/v1/providers', false)).status).toBe(404);
  });

  it('diagnose reports each Crossplane kind as not installed (VISIBILITY, not-found)', async () => {
    const { run, diagnoses } = await diagnoseJson(args);
    expect(run.stderr).toBe('');
    const visibility = diagnoses.filter(d => d.ruleId === 'VISIBILITY');
    expect(visibility.length).toBeGreaterThan(0);
    for (const kind of ['CompositeResourceDefinition', 'Composition', 'Provider', 'Function']) {
      const found = visibility.find(
        d => d.subject.kind === kind && String(d.subject.apiVersion ?? '').includes('crossplane.io')
      );
      expect(found, kind).toBeDefined();
      expect(found?.title).toMatch(/is not served.*its CRD is not installed/);
    }
    // No Flux kind is reported missing: only what was deleted.
    expect(
      visibility.filter(d => String(d.subject.apiVersion ?? '').includes('fluxcd.io'))
    ).toEqual([]);
  });

  it('concludes nothing about Crossplane objects and keeps the Flux diagnoses', async () => {
    const { diagnoses } = await diagnoseJson(args);
    const ids = diagnoses.map(subjectText);
    expect(ids.filter(id => id.startsWith('XP-'))).toEqual([]);
    expect(ids).toContain('FLUX-NO-ALERTS Kustomization/flux-system/crossplane-apis');
    expect(diagnoses.some(d => d.ruleId === 'FLUX-HEALTH-CHECK')).toBe(true);
  });

  it('prints the table and exits by its verdict, not with an error', async () => {
    const run = await runCli(['diagnose', ...args]);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('VISIBILITY');
  });
});
