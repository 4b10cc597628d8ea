import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (never an absolute path). */
export const REPO_ROOT = resolve(__dirname, '../../..');
/** The real upstream CRDs (Flux, Crossplane, provider-nop), kept in test/fixtures/crds. */
export const UPSTREAM_CRDS = resolve(REPO_ROOT, 'test/fixtures/crds');
/** CRDs this stage adds itself (the XR and claim CRDs Crossplane would generate from the XRD). */
export const LOCAL_CRDS = resolve(__dirname, '../crds');
export const SCENARIO_FILE = resolve(REPO_ROOT, 'test/fixtures/platform.yaml');
export const CLI = resolve(REPO_ROOT, 'bin/headlamp-flux-crossplane.mjs');

/** The moment the scenario's time-based rules are evaluated at (CLI --now), as in the fixture's story. */
export const SCENARIO_NOW = '2026-11-26T09:15:00Z';

export interface ClusterEnv {
  server: string;
  secondServer: string;
  ca: string;
  kubeconfig: string;
  tokens: { admin: string; reader: string; team: string };
  teamNamespace: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the real-cluster stage with "npm run test:cluster" (test/cluster/run.sh)`
    );
  }
  return value;
}

/** The running cluster, from the variables start.sh wrote to cluster.env (exported by run.sh). */
export function clusterEnv(): ClusterEnv {
  const ca = required('HFC_CLUSTER_CA');
  if (!existsSync(ca)) throw new Error(`HFC_CLUSTER_CA ${ca} does not exist`);
  return {
    server: required('HFC_CLUSTER_SERVER'),
    secondServer: required('HFC_CLUSTER_SECOND_SERVER'),
    ca: readFileSync(ca, 'utf8'),
    kubeconfig: required('HFC_CLUSTER_KUBECONFIG'),
    tokens: {
      admin: required('HFC_CLUSTER_ADMIN_TOKEN'),
      reader: required('HFC_CLUSTER_READER_TOKEN'),
      team: required('HFC_CLUSTER_TEAM_TOKEN'),
    },
    teamNamespace: required('HFC_TEAM_NAMESPACE'),
  };
}
