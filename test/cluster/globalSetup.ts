import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { clusterEnv, LOCAL_CRDS, REPO_ROOT, SCENARIO_FILE, UPSTREAM_CRDS } from './lib/env';
import { applyScenario, installCrds, installRbac, readManifests } from './lib/install';
import { Kube } from './lib/kube';
import { Resources } from './lib/resources';

/**
 * Once per stage, on the main API server: the real Flux, Crossplane and
 * provider-nop CRDs from test/fixtures/crds plus the XR and claim CRDs of the
 * scenario's XRD, the users' RBAC, then test/fixtures/platform.yaml as real
 * objects. The test files get what the scenario needed changed (inject('scenario')).
 */

export interface ScenarioInfo {
  adaptations: string[];
  /** The live objects as written (status included), for read-back comparisons. */
  objects: Record<string, unknown>[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    scenario: ScenarioInfo;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const env = clusterEnv();
  // The tests run the CLI's bundle (bin/ → dist-cli/): built from the current sources.
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const kube = new Kube(env.server, env.tokens.admin, env.ca);
  const started = Date.now();

  const crds = [...readManifests(UPSTREAM_CRDS), ...readManifests(LOCAL_CRDS)];
  await installCrds(kube, crds);
  const crdsDone = Date.now();
  await installRbac(kube, env.teamNamespace);
  const scenario = await applyScenario(
    kube,
    new Resources(kube),
    readManifests(SCENARIO_FILE),
    crds
  );
  const done = Date.now();

  console.log(
    `cluster setup: ${crds.length} CRDs in ${((crdsDone - started) / 1000).toFixed(1)} s, ` +
      `RBAC and ${scenario.objects.length} scenario objects in ${((done - crdsDone) / 1000).toFixed(
        1
      )} s`
  );
  if (scenario.adaptations.length) {
    console.log(
      `cluster setup: the scenario file needed ${scenario.adaptations.length} change(s) to go into a real API server:\n` +
        scenario.adaptations.map(line => `  - ${line}`).join('\n')
    );
  }
  project.provide('scenario', scenario);
}
