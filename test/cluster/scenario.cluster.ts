import { beforeAll, describe, expect, inject, it } from 'vitest';
import { clusterEnv, SCENARIO_FILE } from './lib/env';
import { readManifests } from './lib/install';
import { at, Kube } from './lib/kube';
import { describeKey, keyOf, Resources } from './lib/resources';

/**
 * The scenario went in as written: every field of test/fixtures/platform.yaml
 * (spec, metadata, status) reads back from the real API server with the same
 * value, i.e. the real CRD schemas neither pruned nor rewrote any of it.
 * Setup's strict field validation already refuses unknown fields; this also
 * catches defaulting and type coercion.
 */

const SERVER_OWNED = new Set(['uid', 'generation', 'resourceVersion', 'creationTimestamp']);

/** Paths where `expected` differs from `actual` (actual may have more). */
function differences(expected: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    }
    return expected.flatMap((item, i) => differences(item, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) {
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    }
    return Object.entries(expected).flatMap(([key, value]) => {
      const here = path ? `${path}.${key}` : key;
      if (path === 'metadata' && SERVER_OWNED.has(key)) return [];
      if (key === 'observedGeneration') return []; // compared as a distance below
      if (key === 'uid' && path.startsWith('metadata.ownerReferences')) return [];
      return differences(value, (actual as Record<string, unknown>)[key], here);
    });
  }
  return expected === actual
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

describe('the scenario on a real API server', () => {
  const env = clusterEnv();
  const kube = new Kube(env.server, env.tokens.admin, env.ca);
  const resources = new Resources(kube);
  const manifests = readManifests(SCENARIO_FILE).filter(manifest => manifest.kind !== 'Event');
  const live = new Map<string, unknown>();

  beforeAll(async () => {
    for (const manifest of manifests) {
      const key = keyOf(manifest);
      live.set(describeKey(key), (await kube.get(await resources.path(key))).body);
    }
  });

  it.each(manifests.map(manifest => [describeKey(keyOf(manifest)), manifest] as const))(
    '%s reads back as written',
    (label, manifest) => {
      const object = live.get(label);
      expect(differences(manifest, object)).toEqual([]);
      // observedGeneration keeps its distance from generation (up to date stays up to date).
      const fileGap =
        Number(at(manifest, 'metadata', 'generation') ?? 1) -
        Number(at(manifest, 'status', 'observedGeneration') ?? NaN);
      if (!Number.isNaN(fileGap)) {
        const liveGap =
          Number(at(object, 'metadata', 'generation')) -
          Number(at(object, 'status', 'observedGeneration'));
        expect(liveGap).toBe(fileGap);
      }
    }
  );

  it('needed only the known kinds of change: server-owned metadata and required condition times', () => {
    const adaptations = inject('scenario').adaptations;
    for (const line of adaptations) {
      expect(line).toMatch(
        /metadata\.generation is \d+ on the server|the CRD requires a field the file leaves out: (spec\.image|status\.(conditions\[\d+\]\.lastTransitionTime|artifact\.(digest|path|url))) = |metadata\.\w+ is set by the server/
      );
    }
  });

  it('ownerReferences point at the real owner uid', async () => {
    const mr = manifests.find(
      manifest => at(manifest, 'metadata', 'ownerReferences') !== undefined
    );
    expect(mr).toBeDefined();
    const object = live.get(describeKey(keyOf(mr)));
    const owner = (at(object, 'metadata', 'ownerReferences') as unknown[])[0];
    const ownerObject = await kube.get(
      await resources.path({
        apiVersion: at(owner, 'apiVersion') as string,
        kind: at(owner, 'kind') as string,
        name: at(owner, 'name') as string,
      })
    );
    expect(at(owner, 'uid')).toBe(at(ownerObject.body, 'metadata', 'uid'));
  });
});

describe('XRD versions on the real Crossplane CRD', () => {
  const env = clusterEnv();
  const kube = new Kube(env.server, env.tokens.admin, env.ca);
  const XRDS = '/apis/apiextensions.crossplane.io';
  const NAME = 'xnopresources.nop.example.org';

  it('serves an XRD made at v1 unchanged at v2 (no conversion): claimNames and scope LegacyCluster included', async () => {
    const [v1, v2] = await Promise.all([
      kube.get(`${XRDS}/v1/compositeresourcedefinitions/${NAME}`),
      kube.get(`${XRDS}/v2/compositeresourcedefinitions/${NAME}`),
    ]);
    expect(at(v2.body, 'apiVersion')).toBe('apiextensions.crossplane.io/v2');
    expect(at(v2.body, 'spec')).toEqual(at(v1.body, 'spec'));
    expect(at(v2.body, 'spec', 'scope')).toBe('LegacyCluster');
    expect(at(v2.body, 'spec', 'claimNames', 'kind')).toBe('NopResource');
  });

  it('refuses claims and connection secrets on an XRD made at v2', async () => {
    const response = await kube.request(
      'POST',
      `${XRDS}/v2/compositeresourcedefinitions?dryRun=All`,
      {
        check: false,
        body: {
          apiVersion: 'apiextensions.crossplane.io/v2',
          kind: 'CompositeResourceDefinition',
          metadata: { name: 'xpostgres.example.org' },
          spec: {
            scope: 'Cluster',
            group: 'example.org',
            names: { kind: 'XPostgres', plural: 'xpostgres' },
            claimNames: { kind: 'Postgres', plural: 'postgreses' },
            connectionSecretKeys: ['password'],
            versions: [
              {
                name: 'v1alpha1',
                served: true,
                referenceable: true,
                schema: { openAPIV3Schema: { type: 'object' } },
              },
            ],
          },
        },
      }
    );
    expect(response.status).toBe(422);
    expect(response.text).toContain("Claims aren't supported in apiextensions.crossplane.io/v2");
    expect(response.text).toContain("XR connection secrets aren't supported");
  });
});
