import { MANY_KINDS } from '../../bench/generateManyKinds';
import { manyKindsCluster } from '../../demo/scenario/manyKinds';
import { KubeApi } from '../../demo/server/kubeApi';
import { userForToken } from '../../demo/server/rbac';

/**
 * The demo API server on the bench's cluster of many kinds: what a client
 * reads from it — discovery naming every XR, claim and managed-resource kind,
 * lists selected by Flux's owner labels, and lists paged with limit/continue.
 */

const api = new KubeApi({ name: 'kinds', defaultUser: 'admin' });
api.reset(manyKindsCluster(300));
const admin = userForToken(undefined, 'admin');

function get(path: string): { status: number; body: Record<string, unknown> } {
  const url = new URL(path, 'https://kinds.invalid');
  if (!admin) throw new Error('no admin user');
  const answer = api.respond({
    method: 'GET',
    path: url.pathname,
    query: url.searchParams,
    body: Buffer.alloc(0),
    user: admin,
  });
  return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
}

type ResourceList = { resources: Array<{ name: string; kind: string; categories?: string[] }> };

describe('the demo API server with 500 XRDs and 1,000 managed-resource kinds', () => {
  it('serves discovery for every XR, claim and managed-resource kind', () => {
    const groups = (get('/apis').body.groups as Array<{ name: string }>).map(group => group.name);
    let managed = 0;
    let composite = 0;
    let claims = 0;
    for (const group of groups.filter(name => name.endsWith('.acme.io'))) {
      const version = group.endsWith('platform.acme.io') ? 'v1' : 'v1beta1';
      const list = get(`/apis/${group}/${version}`).body as unknown as ResourceList;
      for (const resource of list.resources) {
        if (resource.categories?.includes('managed')) managed++;
        if (resource.categories?.includes('composite')) composite++;
        if (resource.categories?.includes('claim')) claims++;
      }
    }
    expect({ managed, composite, claims }).toEqual({
      managed: MANY_KINDS.managedKinds,
      composite: MANY_KINDS.xrds,
      claims: MANY_KINDS.xrds,
    });
  });

  it('lists only what one Kustomization applied, by its owner labels', () => {
    const selector = encodeURIComponent(
      'kustomize.toolkit.fluxcd.io/name=platform,kustomize.toolkit.fluxcd.io/namespace=flux-system'
    );
    const all = get('/api/v1/configmaps').body.items as unknown[];
    const owned = get(`/api/v1/configmaps?labelSelector=${selector}`).body.items as Array<{
      metadata: { labels: Record<string, string> };
    }>;
    expect(owned.length).toBe(12);
    expect(
      owned.every(item => item.metadata.labels['kustomize.toolkit.fluxcd.io/name'] === 'platform')
    ).toBe(true);
    const none = get(
      `/api/v1/configmaps?labelSelector=${encodeURIComponent(
        'kustomize.toolkit.fluxcd.io/name=other'
      )}`
    ).body.items as unknown[];
    expect(none).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(owned.length);
  });

  it('pages a list with limit and continue: every object once, in order', () => {
    const whole = (
      get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions').body.items as Array<{
        metadata: { name: string };
      }>
    ).map(item => item.metadata.name);
    const paged: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = `limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const { status, body } = get(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions?${query}`
      );
      expect(status).toBe(200);
      const items = body.items as Array<{ metadata: { name: string } }>;
      expect(items.length).toBeLessThanOrEqual(500);
      paged.push(...items.map(item => item.metadata.name));
      const metadata = body.metadata as { continue?: string; remainingItemCount?: number };
      if (metadata.continue) expect(metadata.remainingItemCount).toBe(whole.length - paged.length);
      token = metadata.continue;
      pages++;
    } while (token);
    expect(whole.length).toBeGreaterThan(2000);
    expect(pages).toBe(Math.ceil(whole.length / 500));
    expect(paged).toEqual(whole);
  });

  it('refuses a continue token it did not give', () => {
    const { status, body } = get('/api/v1/configmaps?limit=5&continue=not-a-token');
    expect(status).toBe(400);
    expect(body.reason).toBe('BadRequest');
  });
});
