import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureNamespace, installCrds, readManifests } from '../lib/install';
import { Kube } from '../lib/kube';

/**
 * Before the controllers start (controllers.sh setup): the real Flux,
 * Crossplane and provider-nop CRDs from test/fixtures/crds (the project's copies of the upstream CRDs) on the controllers' API
 * server, and the namespaces the controllers run in. No XR or claim CRD:
 * Crossplane makes those from the XRDs the stories commit.
 */
async function main(): Promise<void> {
  const server = process.env.HFC_CLUSTER_CONTROLLERS_SERVER;
  const token = process.env.HFC_CLUSTER_ADMIN_TOKEN;
  const caFile = process.env.HFC_CLUSTER_CA;
  if (!server || !token || !caFile)
    throw new Error('installCrds: run from controllers.sh (cluster.env)');
  const kube = new Kube(server, token, readFileSync(resolve(caFile), 'utf8'));
  const crdDir = process.argv[2];
  if (!crdDir) throw new Error('usage: installCrds.ts CRD_DIR');
  const crds = readManifests(resolve(crdDir));
  const started = Date.now();
  await installCrds(kube, crds);
  for (const namespace of ['flux-system', 'crossplane-system'])
    await ensureNamespace(kube, namespace);
  console.log(
    `installCrds: ${crds.length} CRDs in ${((Date.now() - started) / 1000).toFixed(1)} s`
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
