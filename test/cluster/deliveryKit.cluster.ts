import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterEnv, REPO_ROOT } from './lib/env';
import { ensureNamespace, Manifest, readManifestFiles } from './lib/install';
import { at, Kube } from './lib/kube';
import { describeKey, keyOf, Resources } from './lib/resources';

/**
 * The delivery kit (deploy/) passes a server-side dry-run against the real
 * CRDs: each object is server-side applied with dryRun=All and strict field
 * validation, as `kubectl apply --server-side --dry-run=server` would. Kustomize
 * build files and YAML that is no Kubernetes object are skipped; so are objects of kinds the
 * server cannot serve without Crossplane running (the XRs and claims of the
 * kit's own XRDs), which are listed instead.
 */

const KIT = resolve(REPO_ROOT, 'deploy');

describe.skipIf(!existsSync(KIT))('the delivery kit (deploy/) on the real API server', () => {
  const env = clusterEnv();
  const kube = new Kube(env.server, env.tokens.admin, env.ca);
  const resources = new Resources(kube);
  const files = existsSync(KIT) ? readManifestFiles(KIT) : [];
  // Kubernetes objects only: not kustomize build files, not other YAML (a CI workflow).
  const objects = files.filter(
    ({ object }) =>
      typeof object.apiVersion === 'string' &&
      typeof object.kind === 'string' &&
      !object.apiVersion.startsWith('kustomize.config.k8s.io/')
  );
  const served = new Map<Manifest, boolean>();

  beforeAll(async () => {
    const namespaces = new Set<string>();
    for (const { object } of objects) {
      const key = keyOf(object);
      if (key.kind === 'Namespace') namespaces.add(key.name);
      else if (key.namespace) namespaces.add(key.namespace);
    }
    // Real namespaces (a dry-run creates none), so namespaced objects can be checked.
    for (const namespace of namespaces) await ensureNamespace(kube, namespace);
    for (const { object } of objects) {
      const key = keyOf(object);
      served.set(
        object,
        await resources.info(key.apiVersion, key.kind).then(
          () => true,
          () => false
        )
      );
    }
  });

  it('has objects to check', () => {
    expect(objects.length).toBeGreaterThan(0);
  });

  it.each(
    objects.map(({ file, object }) => [
      `${relative(REPO_ROOT, file)}: ${describeKey(keyOf(object))}`,
      object,
    ])
  )('%s passes a server-side dry-run', async (_label, object) => {
    const key = keyOf(object);
    if (!served.get(object)) {
      // Only Crossplane, from the kit's own XRD, would serve this kind.
      const definedByKit = objects.some(
        ({ object: other }) =>
          other.kind === 'CompositeResourceDefinition' &&
          at(other, 'spec', 'group') === key.apiVersion.split('/')[0]
      );
      expect(definedByKit, `${key.apiVersion} ${key.kind} is not served`).toBe(true);
      return;
    }
    const query = new URLSearchParams({
      fieldManager: 'hfc-dry-run',
      force: 'true',
      fieldValidation: 'Strict',
      dryRun: 'All',
    });
    const response = await kube.request(
      'PATCH',
      `${await resources.path(key)}?${query.toString()}`,
      { body: object, contentType: 'application/apply-patch+yaml', check: false }
    );
    expect(response.status, response.text).toBeLessThan(300);
    expect(response.warnings).toEqual([]);
  });
});
