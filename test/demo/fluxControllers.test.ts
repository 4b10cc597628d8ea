import { demoClusters } from '../../demo/server/demoClusters';
import { REQUESTED_AT } from '../../demo/server/fluxControllers';
import type { KubeApi } from '../../demo/server/kubeApi';

/**
 * The demo's simulated Flux controllers against what the real ones do (the
 * real-cluster stage's stories): a controller that is down handles nothing.
 * In the demo's production cluster helm-controller crash-loops; staging's runs.
 */

const HANDLE_MS = 20;
const clusters = demoClusters({ handleAfterMs: HANDLE_MS });
afterAll(() => clusters.stop());

function api(name: string): KubeApi {
  const found = clusters.apis.get(name);
  if (!found) throw new Error(`no demo cluster ${name}`);
  return found;
}

async function requestReconcile(cluster: string, name: string, token: string) {
  const helm = api(cluster);
  const release = helm
    .list('helm.toolkit.fluxcd.io', 'helmreleases')
    .find(r => r.metadata.name === name);
  if (!release) throw new Error(`no HelmRelease ${name} in ${cluster}`);
  const before = structuredClone(release.status);
  helm.mutate('helm.toolkit.fluxcd.io', 'helmreleases', release.metadata.namespace, name, next => {
    next.metadata.annotations = { ...next.metadata.annotations, [REQUESTED_AT]: token };
  });
  await new Promise(resolve => setTimeout(resolve, HANDLE_MS * 5));
  const after = helm.get(
    'helm.toolkit.fluxcd.io',
    'helmreleases',
    release.metadata.namespace,
    name
  );
  return { before, after: after?.status as Record<string, unknown> | undefined };
}

describe('demo Flux controllers', () => {
  it('leave a HelmRelease unhandled while helm-controller crash-loops (production)', async () => {
    const { before, after } = await requestReconcile(
      'production',
      'kube-prometheus-stack',
      'req-prod'
    );
    expect(after?.lastHandledReconcileAt).not.toBe('req-prod');
    expect(after).toEqual(before);
  });

  it('handle the same request where helm-controller runs (staging)', async () => {
    const { after } = await requestReconcile('staging', 'kube-prometheus-stack', 'req-staging');
    expect(after?.lastHandledReconcileAt).toBe('req-staging');
  });
});
