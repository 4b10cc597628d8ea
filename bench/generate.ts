/**
 * A seeded generator of realistic Flux + Crossplane clusters for the
 * benchmark: Kustomizations with large inventories, XRDs, Compositions with
 * revisions, claims, XRs nested two deep, managed resources, ProviderConfigs,
 * Providers, Functions and events, with a share of everything failing.
 * The same seed and size always give the same objects.
 */

export interface GeneratedCluster {
  objects: Array<Record<string, unknown>>;
  counts: Record<string, number>;
}

/** Mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHA = (n: number) => n.toString(16).padStart(8, '0').repeat(5);
const TIME = '2026-11-26T09:00:00Z';

function condition(
  type: string,
  ok: boolean,
  reason: string,
  message = ''
): Record<string, string> {
  return { type, status: ok ? 'True' : 'False', reason, message, lastTransitionTime: TIME };
}

function inventoryId(namespace: string, name: string, group: string, kind: string): string {
  return `${namespace}_${name}_${group}_${kind}`;
}

/**
 * About `size` objects in one cluster. Per claim: one claim, one XR, one
 * nested XR for a third of them, and three managed resources per XR; the
 * rest (definitions, packages, configs, sources, events) scales along.
 */
export function generateCluster(size: number, seed = 42, cluster = 'bench'): GeneratedCluster {
  const rand = random(seed);
  const objects: Array<Record<string, unknown>> = [];
  const counts: Record<string, number> = {};
  const add = (object: Record<string, unknown>) => {
    objects.push({ ...object, cluster });
    const kind = String(object.kind);
    counts[kind] = (counts[kind] ?? 0) + 1;
  };

  const xrdCount = Math.max(3, Math.round(size / 5000));
  const claimCount = Math.max(5, Math.round(size / 6.45));
  const sourceCount = Math.max(1, Math.round(size / 20000));
  const providerCount = 5;

  for (let s = 0; s < sourceCount; s++) {
    add({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: `configs-${s}`, namespace: 'flux-system', generation: 1 },
      spec: {
        interval: '1m',
        url: `https://github.com/acme/configs-${s}.git`,
        ref: { branch: 'main' },
      },
      status: {
        observedGeneration: 1,
        artifact: { revision: `main@sha1:${SHA(s + 1)}`, lastUpdateTime: TIME },
        conditions: [
          s % 7 === 3
            ? condition(
                'Ready',
                false,
                'GitOperationFailed',
                'failed to checkout and determine revision: unable to clone: authentication required'
              )
            : condition('Ready', true, 'Succeeded'),
        ],
      },
    });
  }

  for (let p = 0; p < providerCount; p++) {
    const group = `p${p}.acme.io`;
    add({
      apiVersion: 'pkg.crossplane.io/v1',
      kind: 'Provider',
      metadata: { name: `provider-${p}` },
      status: {
        currentRevision: `provider-${p}-r1`,
        conditions: [
          condition('Installed', true, 'ActivePackageRevision'),
          condition(
            'Healthy',
            p !== 4,
            p !== 4 ? 'HealthyPackageRevision' : 'UnhealthyPackageRevision',
            p !== 4 ? '' : 'deployment is unavailable'
          ),
        ],
      },
    });
    add({
      apiVersion: 'pkg.crossplane.io/v1',
      kind: 'ProviderRevision',
      metadata: {
        name: `provider-${p}-r1`,
        labels: { 'pkg.crossplane.io/package': `provider-${p}` },
      },
      spec: { desiredState: 'Active', revision: 1 },
      status: {
        objectRefs: [
          {
            apiVersion: 'apiextensions.k8s.io/v1',
            kind: 'CustomResourceDefinition',
            name: `buckets.${group}`,
          },
        ],
        conditions: [condition('Healthy', true, 'HealthyPackageRevision')],
      },
    });
    add({
      apiVersion: `${group}/v1beta1`,
      kind: 'ProviderConfig',
      metadata: { name: 'default' },
      spec: { credentials: { source: 'Secret' } },
    });
  }
  for (let f = 0; f < 3; f++) {
    add({
      apiVersion: 'pkg.crossplane.io/v1',
      kind: 'Function',
      metadata: { name: `function-${f}` },
      status: {
        conditions: [
          condition('Installed', true, 'ActivePackageRevision'),
          condition('Healthy', true, 'HealthyPackageRevision'),
        ],
      },
    });
  }

  const definitionEntries: string[][] = Array.from({ length: sourceCount }, () => []);
  for (let x = 0; x < xrdCount; x++) {
    const group = `x${x}.platform.acme.io`;
    const xrdName = `xdbs.${group}`;
    add({
      apiVersion: 'apiextensions.crossplane.io/v1',
      kind: 'CompositeResourceDefinition',
      metadata: { name: xrdName },
      spec: {
        group,
        scope: 'LegacyCluster',
        names: { kind: 'XDatabase', plural: 'xdbs' },
        claimNames: { kind: 'Database', plural: 'databases' },
        versions: [{ name: 'v1', served: true, referenceable: true }],
      },
      status: {
        conditions: [
          condition('Established', x % 11 !== 5, 'WatchingCompositeResource'),
          condition('Offered', true, 'WatchingCompositeResourceClaim'),
        ],
      },
    });
    definitionEntries[x % sourceCount].push(
      inventoryId('', xrdName, 'apiextensions.crossplane.io', 'CompositeResourceDefinition')
    );
    for (let c = 0; c < 2; c++) {
      const compositionName = `xdb-${x}-${c}`;
      add({
        apiVersion: 'apiextensions.crossplane.io/v1',
        kind: 'Composition',
        metadata: { name: compositionName },
        spec: {
          compositeTypeRef: { apiVersion: `${group}/v1`, kind: 'XDatabase' },
          mode: 'Pipeline',
          pipeline: [
            { step: 'render', functionRef: { name: `function-${c}` } },
            { step: 'ready', functionRef: { name: 'function-2' } },
          ],
        },
      });
      definitionEntries[x % sourceCount].push(
        inventoryId('', compositionName, 'apiextensions.crossplane.io', 'Composition')
      );
      for (let r = 1; r <= 3; r++) {
        add({
          apiVersion: 'apiextensions.crossplane.io/v1',
          kind: 'CompositionRevision',
          metadata: {
            name: `${compositionName}-r${r}`,
            labels: { 'crossplane.io/composition-name': compositionName },
          },
          spec: { revision: r },
          status: { conditions: [condition('ValidPipeline', true, 'ValidPipeline')] },
        });
      }
    }
  }

  // Claims, XRs, nested XRs and MRs; claims are spread over claim Kustomizations of at most 5,000 entries.
  const claimEntries: string[][] = [];
  for (let i = 0; i < claimCount; i++) {
    const x = i % xrdCount;
    const group = `x${x}.platform.acme.io`;
    const namespace = `team-${i % 50}`;
    const name = `db-${i}`;
    const xrName = `${name}-x`;
    const failing = rand() < 0.05;
    const provider = i % providerCount;
    const mrGroup = `p${provider}.acme.io`;
    const composed: Array<Record<string, unknown>> = [];
    const xrUid = `uid-xr-${i}`;
    const makeMrs = (owner: string, ownerUid: string, ownerKind: string, count: number) => {
      for (let m = 0; m < count; m++) {
        const mrName = `${owner}-mr${m}`;
        const broken = failing && m === 0;
        add({
          apiVersion: `${mrGroup}/v1beta1`,
          kind: 'Bucket',
          metadata: {
            name: mrName,
            uid: `uid-${mrName}`,
            annotations: { 'crossplane.io/composition-resource-name': `bucket-${m}` },
            labels: { 'crossplane.io/composite': xrName },
            ownerReferences: [
              {
                apiVersion: `${group}/v1`,
                kind: ownerKind,
                name: owner,
                uid: ownerUid,
                controller: true,
              },
            ],
          },
          spec: {
            providerConfigRef: { name: broken ? 'missing' : 'default' },
            forProvider: { region: 'eu-west-1' },
          },
          status: {
            conditions: broken
              ? [
                  condition(
                    'Synced',
                    false,
                    'ReconcileError',
                    `connect failed: cannot get referenced ProviderConfig: ProviderConfig.${mrGroup} "missing" not found`
                  ),
                  condition('Ready', false, 'Creating'),
                ]
              : [
                  condition('Synced', true, 'ReconcileSuccess'),
                  condition('Ready', true, 'Available'),
                ],
          },
        });
        composed.push({ apiVersion: `${mrGroup}/v1beta1`, kind: 'Bucket', name: mrName });
      }
    };
    makeMrs(xrName, xrUid, 'XDatabase', 3);
    if (i % 3 === 0) {
      const nestedName = `${xrName}-nested`;
      const nestedUid = `uid-nested-${i}`;
      const nestedRefs: Array<Record<string, unknown>> = [];
      const before = composed.length;
      makeMrs(nestedName, nestedUid, 'XDatabase', 3);
      nestedRefs.push(...composed.splice(before));
      add({
        apiVersion: `${group}/v1`,
        kind: 'XDatabase',
        metadata: {
          name: nestedName,
          uid: nestedUid,
          labels: { 'crossplane.io/composite': xrName },
          ownerReferences: [
            {
              apiVersion: `${group}/v1`,
              kind: 'XDatabase',
              name: xrName,
              uid: xrUid,
              controller: true,
            },
          ],
        },
        spec: { compositionRef: { name: `xdb-${x}-0` }, resourceRefs: nestedRefs },
        status: {
          conditions: [
            condition('Synced', true, 'ReconcileSuccess'),
            condition('Ready', true, 'Available'),
          ],
        },
      });
      composed.push({ apiVersion: `${group}/v1`, kind: 'XDatabase', name: nestedName });
    }
    add({
      apiVersion: `${group}/v1`,
      kind: 'XDatabase',
      metadata: {
        name: xrName,
        uid: xrUid,
        labels: {
          'crossplane.io/claim-name': name,
          'crossplane.io/claim-namespace': namespace,
          'crossplane.io/composite': xrName,
        },
      },
      spec: {
        compositionRef: { name: `xdb-${x}-0` },
        claimRef: { apiVersion: `${group}/v1`, kind: 'Database', namespace, name },
        resourceRefs: composed,
      },
      status: {
        conditions: [
          condition('Synced', true, 'ReconcileSuccess'),
          failing
            ? condition('Ready', false, 'Creating', 'Unready resources: bucket-0')
            : condition('Ready', true, 'Available'),
        ],
      },
    });
    const kustomizationIndex = Math.floor(i / 5000);
    add({
      apiVersion: `${group}/v1`,
      kind: 'Database',
      metadata: {
        name,
        namespace,
        labels: {
          'kustomize.toolkit.fluxcd.io/name': `claims-${kustomizationIndex}`,
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        },
      },
      spec: {
        compositionRef: { name: `xdb-${x}-0` },
        resourceRef: { apiVersion: `${group}/v1`, kind: 'XDatabase', name: xrName },
      },
      status: {
        conditions: [
          condition('Synced', true, 'ReconcileSuccess'),
          failing
            ? condition(
                'Ready',
                false,
                'Waiting',
                'Claim is waiting for composite resource to become Ready'
              )
            : condition('Ready', true, 'Available'),
        ],
      },
    });
    (claimEntries[kustomizationIndex] ??= []).push(inventoryId(namespace, name, group, 'Database'));
    if (rand() < 0.1) {
      add({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${name}.e`, namespace },
        type: 'Warning',
        reason: 'ComposeResources',
        message: 'cannot compose resources',
        involvedObject: { kind: 'XDatabase', name: xrName, apiVersion: `${group}/v1` },
        lastTimestamp: TIME,
        count: 3,
      });
    }
  }

  const kustomization = (
    name: string,
    entries: string[],
    source: number,
    dependsOn?: string,
    failing = false
  ) =>
    add({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name, namespace: 'flux-system', generation: 1 },
      spec: {
        interval: '10m',
        path: `./${name}`,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: `configs-${source}` },
        ...(dependsOn ? { dependsOn: [{ name: dependsOn }] } : {}),
      },
      status: {
        observedGeneration: 1,
        lastAppliedRevision: `main@sha1:${SHA(source + 1)}`,
        lastAttemptedRevision: `main@sha1:${SHA(source + 1)}`,
        conditions: [
          failing
            ? condition(
                'Ready',
                false,
                'HealthCheckFailed',
                `health check failed after 5m0s: timeout waiting for: [Database/team-0/db-0 status: 'InProgress']`
              )
            : condition('Ready', true, 'ReconciliationSucceeded', 'Applied revision'),
        ],
        history: [
          {
            digest: 'sha256:aa',
            firstReconciled: TIME,
            lastReconciled: TIME,
            lastReconciledDuration: '2s',
            lastReconciledStatus: 'ReconciliationSucceeded',
            totalReconciliations: 3,
            metadata: { revision: `main@sha1:${SHA(source + 1)}` },
          },
        ],
        inventory: { entries: entries.map(id => ({ id, v: 'v1' })) },
      },
    });
  definitionEntries.forEach((entries, source) => kustomization(`apis-${source}`, entries, source));
  claimEntries.forEach((entries, k) =>
    kustomization(`claims-${k}`, entries, k % sourceCount, `apis-${k % sourceCount}`, k % 4 === 1)
  );
  return { objects, counts };
}
