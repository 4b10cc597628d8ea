import { continueAfter, KubeApi } from '../../demo/server/kubeApi';
import { userForToken, USERS } from '../../demo/server/rbac';
import { RequestLog } from '../../demo/server/requestLog';

/**
 * The demo API's transport-free core and its test-only controls, which the
 * component and CLI tests drive: faults answered with the API server's
 * wording, per-kind page sizes, dropped watches, Role rules bound in a
 * namespace, and held requests.
 */

const admin = USERS.admin;
const objects = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'team' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'team' } },
];

function cluster(): KubeApi {
  const api = new KubeApi({ name: 'controls', defaultUser: 'admin' });
  api.reset(objects);
  return api;
}

function call(api: KubeApi, method: string, target: string, user = admin, body = '') {
  const url = new URL(target, 'https://controls.invalid');
  const answer = api.respond({
    method,
    path: url.pathname,
    query: url.searchParams,
    body: Buffer.from(body),
    contentType: 'application/merge-patch+json',
    user,
  });
  return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
}

describe('the demo API test controls', () => {
  it('answers a fault with the API server Status for its code, as many times as told', () => {
    const api = cluster();
    api.faults.add({ verbs: ['list'], resource: 'configmaps', clusterWide: true, code: 403 });
    const denied = call(api, 'GET', '/api/v1/configmaps');
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      message:
        'configmaps is forbidden: User "admin" cannot list resource "configmaps" in API group "" at the cluster scope',
    });
    // Per namespace, the list answers.
    expect(call(api, 'GET', '/api/v1/namespaces/team/configmaps').status).toBe(200);

    api.faults.add({ verbs: ['patch'], name: 'a', code: 409, times: 1 });
    const conflict = call(api, 'PATCH', '/api/v1/namespaces/team/configmaps/a', admin, '{}');
    expect(conflict.status).toBe(409);
    expect(String(conflict.body.message)).toContain('the object has been modified');
    expect(call(api, 'PATCH', '/api/v1/namespaces/team/configmaps/a', admin, '{}').status).toBe(
      200
    );
  });

  it('pages a kind at the size it is told when the client pages', () => {
    const api = cluster();
    api.pageSizes.set('/configmaps', 1);
    const first = call(api, 'GET', '/api/v1/configmaps?limit=500');
    expect((first.body.items as unknown[]).length).toBe(1);
    expect((first.body.metadata as { continue?: string }).continue).toBe(continueAfter('team/a'));
    // Without a limit, one page holds everything.
    expect((call(api, 'GET', '/api/v1/configmaps').body.items as unknown[]).length).toBe(2);
  });

  it('drops open watches from the server side', () => {
    const api = cluster();
    const closed: string[] = [];
    const events: string[] = [];
    api.watch('/api/v1/configmaps', new URLSearchParams({ watch: '1' }), admin, {
      send: event => events.push(event.type),
      close: () => closed.push('configmaps'),
    });
    expect(events).toEqual(['ADDED', 'ADDED']);
    expect(api.openWatches({ plural: 'configmaps' })).toBe(1);
    expect(api.dropWatches({ plural: 'configmaps' })).toBe(1);
    expect(closed).toEqual(['configmaps']);
    expect(api.openWatches()).toBe(0);
  });

  it('binds a Role rule in its namespaces only', () => {
    const api = cluster();
    const users = {
      team: {
        name: 'team',
        groups: ['system:authenticated'],
        rules: [{ verbs: ['list'], apiGroups: [''], resources: ['*'], namespaces: ['team'] }],
      },
    };
    const team = userForToken('team', '', users);
    if (!team) throw new Error('no team user');
    expect(call(api, 'GET', '/api/v1/namespaces/team/configmaps', team).status).toBe(200);
    expect(call(api, 'GET', '/api/v1/configmaps', team).status).toBe(403);
  });

  it('holds requests until released', async () => {
    const log = new RequestLog();
    const release = log.hold(({ path }) => path.endsWith('/configmaps'));
    let answered = false;
    const held = log.delay('GET', '/api/v1/configmaps').then(() => (answered = true));
    await log.delay('GET', '/api/v1/pods');
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(answered).toBe(false);
    release();
    await held;
    expect(answered).toBe(true);
  });
});
