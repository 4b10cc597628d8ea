import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterEnv } from './lib/env';
import { at, Kube } from './lib/kube';

/**
 * Event lists by field selector, as the plugin asks for them: the events
 * section lists `involvedObject.kind=K,involvedObject.name=N` in the object's
 * namespace (cluster-wide for a cluster-scoped object), and the rules' feed
 * lists `type=Warning` cluster-wide. Events are created with the core API.
 */

const NS = 'default';
const MR = {
  apiVersion: 'nop.crossplane.io/v1alpha1',
  kind: 'NopResource',
  name: 'ext-functions-x7k2p-bucket',
};
const CLAIM = {
  apiVersion: 'nop.example.org/v1alpha1',
  kind: 'NopResource',
  namespace: NS,
  name: 'ext-functions',
};

function event(name: string, involvedObject: Record<string, string>, type: string, reason: string) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: NS },
    involvedObject,
    type,
    reason,
    message: `${reason} for ${involvedObject.kind} ${involvedObject.name}`,
    count: 1,
    firstTimestamp: '2026-11-26T09:10:00Z',
    lastTimestamp: '2026-11-26T09:10:00Z',
    source: { component: 'hfc-cluster-test' },
  };
}

const CREATED = [
  event('hfc-claim-waiting', CLAIM, 'Normal', 'ComposeResources'),
  event('hfc-other-object', { ...CLAIM, name: 'someone-else' }, 'Warning', 'Unrelated'),
  // The same kind and name in the other NopResource group: a field selector on kind and name matches both.
  event('hfc-same-name-other-group', { ...MR, name: 'ext-functions' }, 'Normal', 'OtherGroup'),
];

describe('events by field selector on the real API server', () => {
  const env = clusterEnv();
  const kube = new Kube(env.server, env.tokens.admin, env.ca);
  const names = (body: unknown) =>
    ((at(body, 'items') as unknown[]) ?? []).map(item => at(item, 'metadata', 'name')).sort();
  const selector = (parts: Record<string, string>) =>
    encodeURIComponent(
      Object.entries(parts)
        .map(([key, value]) => `${key}=${value}`)
        .join(',')
    );

  beforeAll(async () => {
    for (const body of CREATED) {
      await kube.request('POST', `/api/v1/namespaces/${NS}/events`, { body });
    }
  });

  afterAll(async () => {
    for (const body of CREATED) {
      await kube.request('DELETE', `/api/v1/namespaces/${NS}/events/${body.metadata.name}`, {
        check: false,
      });
    }
  });

  it("returns a cluster-scoped managed resource's events from a cluster-wide list", async () => {
    const response = await kube.get(
      `/api/v1/events?fieldSelector=${selector({
        'involvedObject.kind': MR.kind,
        'involvedObject.name': MR.name,
      })}`
    );
    const items = at(response.body, 'items') as unknown[];
    expect(items).toHaveLength(1);
    expect(at(items[0], 'reason')).toBe('CannotConnectToProvider');
    expect(at(items[0], 'count')).toBe(12);
    expect(at(items[0], 'involvedObject', 'uid')).toBeTruthy();
  });

  it("returns a namespaced object's events from its namespace, and only those", async () => {
    const response = await kube.get(
      `/api/v1/namespaces/${NS}/events?fieldSelector=${selector({
        'involvedObject.kind': CLAIM.kind,
        'involvedObject.name': CLAIM.name,
      })}`
    );
    // Kind and name alone also match the same name in the other NopResource group.
    expect(names(response.body)).toEqual(['hfc-claim-waiting', 'hfc-same-name-other-group']);
  });

  it('can tell the two NopResource groups apart with involvedObject.apiVersion', async () => {
    const response = await kube.get(
      `/api/v1/namespaces/${NS}/events?fieldSelector=${selector({
        'involvedObject.apiVersion': CLAIM.apiVersion,
        'involvedObject.kind': CLAIM.kind,
        'involvedObject.name': CLAIM.name,
      })}`
    );
    expect(names(response.body)).toEqual(['hfc-claim-waiting']);
  });

  it('lists Warning events cluster-wide with type=Warning (the rules feed)', async () => {
    const response = await kube.get(
      `/api/v1/events?fieldSelector=${selector({ type: 'Warning' })}`
    );
    const items = at(response.body, 'items') as unknown[];
    expect(items.every(item => at(item, 'type') === 'Warning')).toBe(true);
    expect(names(response.body)).toEqual(
      expect.arrayContaining(['ext-functions-x7k2p-bucket.17f0', 'hfc-other-object'])
    );
    expect(names(response.body)).not.toContain('hfc-claim-waiting');
  });

  it('refuses a field selector the server does not index', async () => {
    const response = await kube.get(
      `/api/v1/events?fieldSelector=${selector({ 'involvedObject.group': 'nop.example.org' })}`,
      false
    );
    expect(response.status).toBe(400);
  });
});
