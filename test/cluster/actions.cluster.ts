import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CROSSPLANE_PAUSED,
  CROSSPLANE_RECONCILE_REQUESTED_AT,
  crossplanePausePatch,
  crossplaneReconcilePatch,
  FORCE_AT,
  forcePatch,
  reconcilePatch,
  REQUESTED_AT,
  RESET_AT,
  resetPatch,
  resumePatch,
  suspendPatch,
} from '../../src/actions/patches';
import { clusterEnv } from './lib/env';
import { ensureNamespace } from './lib/install';
import { at, Kube, sleep } from './lib/kube';
import { describeKey, ObjectKey, Resources } from './lib/resources';

/**
 * Every action's merge PATCH, built by src/actions/patches.ts, sent as the
 * plugin sends it (application/merge-patch+json to the object's own path,
 * never a PUT) to objects of the real CRDs: the server accepts it, warns
 * about no unknown field, and the field really changed when read back.
 * The objects live in their own namespace and are deleted afterwards, so the
 * scenario stays as the fixture file has it.
 */

const NS = 'hfc-actions';

interface Target {
  key: ObjectKey;
  spec: Record<string, unknown>;
}

const flux = (apiVersion: string, kind: string, spec: Record<string, unknown>): Target => ({
  key: { apiVersion, kind, namespace: NS, name: `action-${kind.toLowerCase()}` },
  spec,
});

/** One object of each Flux kind whose page shows the action bar (sources, Kustomization, HelmRelease). */
const FLUX_TARGETS: Target[] = [
  flux('source.toolkit.fluxcd.io/v1', 'GitRepository', {
    interval: '1m',
    url: 'https://git.example.com/acme/app.git',
    ref: { branch: 'main' },
  }),
  flux('source.toolkit.fluxcd.io/v1', 'OCIRepository', {
    interval: '5m',
    url: 'oci://registry.example.com/acme/manifests',
    ref: { tag: 'latest' },
  }),
  flux('source.toolkit.fluxcd.io/v1', 'Bucket', {
    interval: '5m',
    bucketName: 'manifests',
    endpoint: 'minio.example.com',
  }),
  flux('source.toolkit.fluxcd.io/v1', 'HelmRepository', {
    interval: '10m',
    url: 'https://charts.example.com',
  }),
  flux('source.toolkit.fluxcd.io/v1', 'HelmChart', {
    interval: '10m',
    chart: 'podinfo',
    sourceRef: { kind: 'HelmRepository', name: 'action-helmrepository' },
  }),
  flux('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
    interval: '10m',
    path: './deploy',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'action-gitrepository' },
  }),
  flux('helm.toolkit.fluxcd.io/v2', 'HelmRelease', {
    interval: '10m',
    chart: {
      spec: {
        chart: 'podinfo',
        sourceRef: { kind: 'HelmRepository', name: 'action-helmrepository' },
      },
    },
  }),
];

const EXTERNAL_ARTIFACT: Target = flux('source.toolkit.fluxcd.io/v1', 'ExternalArtifact', {
  sourceRef: { apiVersion: 'example.com/v1', kind: 'ArtifactGenerator', name: 'generator' },
});

/** Managed, composite and claim: the Crossplane kinds the pause and reconcile annotations are for. */
const CROSSPLANE_TARGETS: Target[] = [
  {
    key: { apiVersion: 'nop.crossplane.io/v1alpha1', kind: 'NopResource', name: 'action-managed' },
    spec: { forProvider: { conditionAfter: [] } },
  },
  {
    key: { apiVersion: 'nop.example.org/v1alpha1', kind: 'XNopResource', name: 'action-composite' },
    spec: { coolField: 'cool', compositionRef: { name: 'parent' } },
  },
  {
    key: {
      apiVersion: 'nop.example.org/v1alpha1',
      kind: 'NopResource',
      namespace: NS,
      name: 'action-claim',
    },
    spec: { coolField: 'cool', compositionRef: { name: 'parent' } },
  },
];

describe('action patches against the real CRD schemas', () => {
  const env = clusterEnv();
  const kube = new Kube(env.server, env.tokens.admin, env.ca);
  const resources = new Resources(kube);
  const all = [...FLUX_TARGETS, EXTERNAL_ARTIFACT, ...CROSSPLANE_TARGETS];
  let tick = 0;
  /** A fresh request token per patch (each differs from the one before). */
  const token = () => new Date(Date.UTC(2026, 10, 26, 10, 0, tick++)).toISOString();

  beforeAll(async () => {
    await ensureNamespace(kube, NS);
    for (const target of all) {
      await kube.apply(await resources.path(target.key), {
        apiVersion: target.key.apiVersion,
        kind: target.key.kind,
        metadata: { name: target.key.name, namespace: target.key.namespace },
        spec: target.spec,
      });
    }
  });

  afterAll(async () => {
    for (const target of all) {
      const path = await resources.path(target.key);
      await kube.request('DELETE', path, { check: false });
      for (let i = 0; i < 100 && (await kube.get(path, false)).status !== 404; i++)
        await sleep(100);
    }
  });

  /** Sends the patch as the plugin does and returns the object as read back afterwards. */
  async function patch(target: Target, body: unknown): Promise<unknown> {
    const path = await resources.path(target.key);
    const response = await kube.mergePatch(path, body, false);
    expect(response.status, response.text).toBe(200);
    // The default field validation only warns about a field the schema does not know.
    expect(response.warnings).toEqual([]);
    return (await kube.get(path)).body;
  }

  const annotation = (object: unknown, name: string) => at(object, 'metadata', 'annotations', name);
  const generation = (object: unknown) => Number(at(object, 'metadata', 'generation'));

  describe.each(FLUX_TARGETS.map(target => [describeKey(target.key), target] as const))(
    '%s',
    (_label, target) => {
      it('reconcile sets reconcile.fluxcd.io/requestedAt and leaves the generation alone', async () => {
        const before = (await kube.get(await resources.path(target.key))).body;
        const value = token();
        const after = await patch(target, reconcilePatch(value));
        expect(annotation(after, REQUESTED_AT)).toBe(value);
        expect(generation(after)).toBe(generation(before));
      });

      it('suspend sets spec.suspend: true (a spec change: the generation moves)', async () => {
        const before = (await kube.get(await resources.path(target.key))).body;
        const after = await patch(target, suspendPatch());
        expect(at(after, 'spec', 'suspend')).toBe(true);
        expect(generation(after)).toBe(generation(before) + 1);
      });

      it('resume sets spec.suspend: false and requests a reconcile', async () => {
        await patch(target, suspendPatch());
        const value = token();
        const after = await patch(target, resumePatch(value));
        expect(at(after, 'spec', 'suspend')).toBe(false);
        expect(annotation(after, REQUESTED_AT)).toBe(value);
      });
    }
  );

  describe('HelmRelease only', () => {
    const release = FLUX_TARGETS.find(target => target.key.kind === 'HelmRelease') as Target;

    it('force sets requestedAt and forceAt to the same token', async () => {
      const value = token();
      const after = await patch(release, forcePatch(value));
      expect(annotation(after, REQUESTED_AT)).toBe(value);
      expect(annotation(after, FORCE_AT)).toBe(value);
    });

    it('reset sets requestedAt and resetAt to the same token', async () => {
      const value = token();
      const after = await patch(release, resetPatch(value));
      expect(annotation(after, REQUESTED_AT)).toBe(value);
      expect(annotation(after, RESET_AT)).toBe(value);
    });
  });

  describe.each(CROSSPLANE_TARGETS.map(target => [describeKey(target.key), target] as const))(
    '%s',
    (_label, target) => {
      it('pause sets crossplane.io/paused: "true", resume removes it', async () => {
        const paused = await patch(target, crossplanePausePatch(true));
        expect(annotation(paused, CROSSPLANE_PAUSED)).toBe('true');
        const resumed = await patch(target, crossplanePausePatch(false));
        expect(annotation(resumed, CROSSPLANE_PAUSED)).toBeUndefined();
      });

      it('reconcile sets crossplane.io/reconcile-requested-at', async () => {
        const value = token();
        const after = await patch(target, crossplaneReconcilePatch(value));
        expect(annotation(after, CROSSPLANE_RECONCILE_REQUESTED_AT)).toBe(value);
      });
    }
  );

  describe('ExternalArtifact (its page is a source page with the same action bar)', () => {
    it('accepts the reconcile annotation', async () => {
      const value = token();
      const after = await patch(EXTERNAL_ARTIFACT, reconcilePatch(value));
      expect(annotation(after, REQUESTED_AT)).toBe(value);
    });

    it('has no spec.suspend: the suspend patch answers 200 but the schema prunes the field', async () => {
      // Documents the real server: Suspend/Resume must not be offered for ExternalArtifact.
      const path = await resources.path(EXTERNAL_ARTIFACT.key);
      const response = await kube.mergePatch(path, suspendPatch());
      expect(response.status).toBe(200);
      // e.g. `299 - "unknown field \"spec.suspend\""`
      expect(response.warnings.join(' ')).toMatch(/unknown field \\?"spec\.suspend\\?"/);
      expect(at((await kube.get(path)).body, 'spec', 'suspend')).toBeUndefined();
      const strict = await kube.mergePatch(`${path}?fieldValidation=Strict`, suspendPatch(), false);
      expect(strict.status).toBe(422);
      expect(strict.text).toContain('unknown field');
    });
  });

  it('a PATCH that breaks the schema is refused, not half-applied', async () => {
    const target = FLUX_TARGETS[0];
    const path = await resources.path(target.key);
    const response = await kube.mergePatch(path, { spec: { suspend: 'yes' } }, false);
    expect(response.status).toBe(422);
    expect(at((await kube.get(path)).body, 'spec', 'suspend')).not.toBe('yes');
  });
});
