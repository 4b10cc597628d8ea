/**
 * A seeded generator of a Crossplane-sized cluster, where the number of kinds,
 * not of objects, is what grows: 500 XRDs (each defining an XR kind and a
 * claim kind) and 1,000 managed-resource kinds in five provider families
 * (most with no instances, three with thousands), and one big Kustomization
 * (`flux-system/platform`) whose inventory names claims, XRs, managed
 * resources and plain Kubernetes objects (ConfigMaps, Deployments, Services,
 * ServiceAccounts, Namespaces) that carry Flux's owner labels, as
 * kustomize-controller leaves them. The same size always gives the same
 * objects; the number of kinds does not depend on the size.
 * The CRDs of the managed-resource kinds come with the objects (the XR and
 * claim CRDs follow from the XRDs, as Crossplane creates them).
 */
import { random } from './generate';

export const MANY_KINDS = {
  xrds: 500,
  managedKinds: 1000,
  families: ['aws', 'gcp', 'azure', 'k8s', 'helm'],
  /** Managed-resource kinds with thousands of objects (at bench sizes). */
  heavyKinds: 3,
  /** Managed-resource kinds with a handful of objects; the rest have none. */
  lightKinds: 40,
  /** XRDs with claims. */
  xrdsInUse: 60,
} as const;

type Json = Record<string, unknown>;

export interface ManyKindsCluster {
  objects: Json[];
  counts: Record<string, number>;
  /** The big Kustomization: `flux-system/platform`. */
  inventoryEntries: number;
}

const TIME = '2026-11-26T09:00:00Z';
const REVISION = `main@sha1:${'5eed'.repeat(10)}`;
const FLUX_NAME = 'kustomize.toolkit.fluxcd.io/name';
const FLUX_NAMESPACE = 'kustomize.toolkit.fluxcd.io/namespace';

function condition(type: string, ok: boolean, reason: string, message = ''): Json {
  return { type, status: ok ? 'True' : 'False', reason, message, lastTransitionTime: TIME };
}

/** The managed-resource kind number `k` (0…999): its family, group and kind. */
export function managedKind(k: number): { family: string; group: string; kind: string } {
  const families = MANY_KINDS.families;
  const perFamily = MANY_KINDS.managedKinds / families.length;
  const family = families[Math.floor(k / perFamily)];
  const inFamily = k % perFamily;
  // Ten service groups per family, twenty kinds each, as provider families split them.
  return {
    family,
    group: `s${Math.floor(inFamily / 20)}.${family}.acme.io`,
    kind: `Resource${inFamily % 20}x${Math.floor(inFamily / 20)}`,
  };
}

/** XRD number `x` (0…499): its group, XR kind and claim kind. */
export function xrdKinds(x: number): { group: string; xr: string; claim: string } {
  return { group: `t${x % 25}.platform.acme.io`, xr: `XApp${x}`, claim: `App${x}` };
}

function managedCrd(group: string, kind: string, categories: string[], scope = 'Cluster'): Json {
  const plural = `${kind.toLowerCase()}s`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), categories },
      scope,
      versions: [
        {
          name: 'v1beta1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
          subresources: { status: {} },
        },
      ],
    },
  };
}

function inventoryId(namespace: string, name: string, group: string, kind: string): string {
  return `${namespace}_${name}_${group}_${kind}`;
}

/**
 * About `size` objects beyond the fixed definitions (500 XRDs, 2,000 XR,
 * claim and managed-resource CRDs, 500 Compositions and their revisions).
 */
export function generateManyKinds(size: number, seed = 7): ManyKindsCluster {
  const rand = random(seed);
  const objects: Json[] = [];
  const counts: Record<string, number> = {};
  const add = (object: Json) => {
    objects.push(object);
    const kind = String(object.kind);
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  const platformEntries: Array<{ id: string; v: string }> = [];
  const apisEntries: Array<{ id: string; v: string }> = [];
  const owned = (name: string, namespace?: string, extra: Json = {}): Json => ({
    name,
    ...(namespace ? { namespace } : {}),
    generation: 1,
    ...extra,
    labels: {
      ...((extra.labels as Record<string, string> | undefined) ?? {}),
      [FLUX_NAME]: 'platform',
      [FLUX_NAMESPACE]: 'flux-system',
    },
  });
  const inPlatform = (namespace: string, name: string, group: string, kind: string, v: string) =>
    platformEntries.push({ id: inventoryId(namespace, name, group, kind), v });

  // Packages: one provider family each, with its ProviderConfig kind and a `default` config.
  for (const family of MANY_KINDS.families) {
    const group = `${family}.acme.io`;
    add(managedCrd(group, 'ProviderConfig', ['crossplane', 'providerconfig']));
    add({
      apiVersion: 'pkg.crossplane.io/v1',
      kind: 'Provider',
      metadata: { name: `provider-${family}` },
      spec: { package: `xpkg.acme.io/provider-${family}:v1.0.0` },
      status: {
        currentRevision: `provider-${family}-r1`,
        conditions: [
          condition('Installed', true, 'ActivePackageRevision'),
          condition('Healthy', true, 'HealthyPackageRevision'),
        ],
      },
    });
    add({
      apiVersion: 'pkg.crossplane.io/v1',
      kind: 'ProviderRevision',
      metadata: {
        name: `provider-${family}-r1`,
        labels: { 'pkg.crossplane.io/package': `provider-${family}` },
      },
      spec: { desiredState: 'Active', revision: 1 },
      status: { conditions: [condition('Healthy', true, 'HealthyPackageRevision')] },
    });
    add({
      apiVersion: `${group}/v1beta1`,
      kind: 'ProviderConfig',
      metadata: { name: 'default' },
      spec: { credentials: { source: 'Secret' } },
    });
  }
  add({
    apiVersion: 'pkg.crossplane.io/v1',
    kind: 'Function',
    metadata: { name: 'function-patch-and-transform' },
    status: {
      conditions: [
        condition('Installed', true, 'ActivePackageRevision'),
        condition('Healthy', true, 'HealthyPackageRevision'),
      ],
    },
  });

  for (let k = 0; k < MANY_KINDS.managedKinds; k++) {
    const { group, kind } = managedKind(k);
    add(managedCrd(group, kind, ['crossplane', 'managed']));
  }

  const managed = (k: number, name: string, broken: boolean, extra: Json = {}): Json => {
    const { family, group, kind } = managedKind(k);
    return {
      apiVersion: `${group}/v1beta1`,
      kind,
      metadata: { name, annotations: { 'crossplane.io/external-name': name }, ...extra },
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
                `connect failed: cannot get referenced ProviderConfig: ProviderConfig.${family}.acme.io "missing" not found`
              ),
              condition('Ready', false, 'Creating'),
            ]
          : [condition('Synced', true, 'ReconcileSuccess'), condition('Ready', true, 'Available')],
      },
    };
  };

  // XRDs and one Composition (with its revision) each: all 500 defined, the first ones in use.
  for (let x = 0; x < MANY_KINDS.xrds; x++) {
    const { group, xr, claim } = xrdKinds(x);
    const xrdName = `${xr.toLowerCase()}s.${group}`;
    add({
      apiVersion: 'apiextensions.crossplane.io/v1',
      kind: 'CompositeResourceDefinition',
      metadata: { name: xrdName, generation: 1 },
      spec: {
        group,
        scope: 'LegacyCluster',
        names: { kind: xr, plural: `${xr.toLowerCase()}s` },
        claimNames: { kind: claim, plural: `${claim.toLowerCase()}s` },
        versions: [{ name: 'v1', served: true, referenceable: true }],
      },
      status: {
        conditions: [
          condition('Established', true, 'WatchingCompositeResource'),
          condition('Offered', true, 'WatchingCompositeResourceClaim'),
        ],
      },
    });
    apisEntries.push({
      id: inventoryId('', xrdName, 'apiextensions.crossplane.io', 'CompositeResourceDefinition'),
      v: 'v1',
    });
    const compositionName = `${xr.toLowerCase()}-default`;
    add({
      apiVersion: 'apiextensions.crossplane.io/v1',
      kind: 'Composition',
      metadata: { name: compositionName },
      spec: {
        compositeTypeRef: { apiVersion: `${group}/v1`, kind: xr },
        mode: 'Pipeline',
        pipeline: [{ step: 'render', functionRef: { name: 'function-patch-and-transform' } }],
      },
    });
    apisEntries.push({
      id: inventoryId('', compositionName, 'apiextensions.crossplane.io', 'Composition'),
      v: 'v1',
    });
    add({
      apiVersion: 'apiextensions.crossplane.io/v1',
      kind: 'CompositionRevision',
      metadata: {
        name: `${compositionName}-r1`,
        labels: { 'crossplane.io/composition-name': compositionName },
      },
      spec: { revision: 1 },
      status: { conditions: [condition('ValidPipeline', true, 'ValidPipeline')] },
    });
  }

  // Namespaces, and per namespace a ServiceAccount; ConfigMaps, Deployments and Services spread over them.
  const namespaceCount = Math.max(4, Math.min(50, Math.round(size / 400)));
  const plainCount = Math.max(12, Math.round(size * 0.02));
  const namespaces = Array.from({ length: namespaceCount }, (_, n) => `team-${n}`);
  for (const namespace of namespaces) {
    add({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: owned(namespace),
      status: { phase: 'Active' },
    });
    inPlatform('', namespace, '', 'Namespace', 'v1');
    add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: owned('app', namespace) });
    inPlatform(namespace, 'app', '', 'ServiceAccount', 'v1');
  }
  for (let c = 0; c < plainCount; c++) {
    const namespace = namespaces[c % namespaceCount];
    const name = `app-${c}`;
    add({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: owned(`${name}-config`, namespace),
      data: { 'settings.yaml': `replicas: ${1 + (c % 3)}\n` },
    });
    inPlatform(namespace, `${name}-config`, '', 'ConfigMap', 'v1');
    // One Deployment in ten is rolling out (kstatus: InProgress), the rest are available.
    const rolling = c % 10 === 3;
    const replicas = 1 + (c % 3);
    add({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: owned(name, namespace, { labels: { app: name } }),
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'app', image: `registry.acme.io/app:${c % 7}` }] },
        },
      },
      status: {
        observedGeneration: 1,
        replicas,
        updatedReplicas: rolling ? replicas - 1 : replicas,
        readyReplicas: rolling ? replicas - 1 : replicas,
        availableReplicas: rolling ? replicas - 1 : replicas,
        conditions: [
          {
            type: 'Available',
            status: rolling && replicas === 1 ? 'False' : 'True',
            reason:
              rolling && replicas === 1 ? 'MinimumReplicasUnavailable' : 'MinimumReplicasAvailable',
            lastTransitionTime: TIME,
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: rolling ? 'ReplicaSetUpdated' : 'NewReplicaSetAvailable',
            lastTransitionTime: TIME,
          },
        ],
      },
    });
    inPlatform(namespace, name, 'apps', 'Deployment', 'v1');
    add({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: owned(name, namespace),
      spec: {
        type: 'ClusterIP',
        clusterIP: `10.96.${Math.floor(c / 250) % 250}.${(c % 250) + 1}`,
        selector: { app: name },
        ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
      },
      status: { loadBalancer: {} },
    });
    inPlatform(namespace, name, '', 'Service', 'v1');
  }

  // Heavy managed-resource kinds: thousands applied directly by the big Kustomization.
  const heavyPerKind = Math.max(10, Math.round(size * 0.15));
  for (let h = 0; h < MANY_KINDS.heavyKinds; h++) {
    const k = h * 200; // one in each of the first three families
    const { group, kind } = managedKind(k);
    for (let n = 0; n < heavyPerKind; n++) {
      const name = `${kind.toLowerCase()}-${n}`;
      add(managed(k, name, rand() < 0.03, owned(name)));
      inPlatform('', name, group, kind, 'v1beta1');
    }
  }

  // Claims of the XRDs in use, each with its XR composing two managed resources of light kinds.
  const claimCount = Math.max(MANY_KINDS.xrdsInUse, Math.round(size * 0.05));
  for (let i = 0; i < claimCount; i++) {
    const x = i % MANY_KINDS.xrdsInUse;
    const { group, xr, claim } = xrdKinds(x);
    const namespace = namespaces[i % namespaceCount];
    const name = `${claim.toLowerCase()}-${i}`;
    const xrName = `${name}-${(i * 7919).toString(36).slice(-5).padStart(5, 'x')}`;
    const failing = rand() < 0.05;
    const refs: Json[] = [];
    for (let m = 0; m < 2; m++) {
      const k = 1 + ((x * 2 + m) % MANY_KINDS.lightKinds) * 23; // light kinds spread over families
      const { group: mrGroup, kind } = managedKind(k);
      const mrName = `${xrName}-${m}`;
      add(
        managed(k, mrName, failing && m === 0, {
          labels: { 'crossplane.io/composite': xrName },
          ownerReferences: [
            {
              apiVersion: `${group}/v1`,
              kind: xr,
              name: xrName,
              uid: `uid-${xrName}`,
              controller: true,
            },
          ],
        })
      );
      refs.push({ apiVersion: `${mrGroup}/v1beta1`, kind, name: mrName });
    }
    add({
      apiVersion: `${group}/v1`,
      kind: xr,
      metadata: {
        name: xrName,
        uid: `uid-${xrName}`,
        labels: {
          'crossplane.io/claim-name': name,
          'crossplane.io/claim-namespace': namespace,
          'crossplane.io/composite': xrName,
        },
      },
      spec: {
        compositionRef: { name: `${xr.toLowerCase()}-default` },
        claimRef: { apiVersion: `${group}/v1`, kind: claim, namespace, name },
        resourceRefs: refs,
      },
      status: {
        conditions: [
          condition('Synced', true, 'ReconcileSuccess'),
          failing
            ? condition('Ready', false, 'Creating', 'Unready resources: resource-0')
            : condition('Ready', true, 'Available'),
        ],
      },
    });
    add({
      apiVersion: `${group}/v1`,
      kind: claim,
      metadata: owned(name, namespace),
      spec: {
        compositionRef: { name: `${xr.toLowerCase()}-default` },
        resourceRef: { apiVersion: `${group}/v1`, kind: xr, name: xrName },
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
    inPlatform(namespace, name, group, claim, 'v1');
  }

  // XRs applied directly (no claim), of XRDs beyond those with claims.
  const directXrs = Math.max(10, Math.round(size * 0.005));
  for (let d = 0; d < directXrs; d++) {
    const x = MANY_KINDS.xrdsInUse + (d % 20);
    const { group, xr } = xrdKinds(x);
    const name = `${xr.toLowerCase()}-direct-${d}`;
    add({
      apiVersion: `${group}/v1`,
      kind: xr,
      metadata: owned(name),
      spec: { compositionRef: { name: `${xr.toLowerCase()}-default` }, resourceRefs: [] },
      status: {
        conditions: [
          condition('Synced', true, 'ReconcileSuccess'),
          condition('Ready', true, 'Available'),
        ],
      },
    });
    inPlatform('', name, group, xr, 'v1');
  }

  add({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'platform', namespace: 'flux-system', generation: 1 },
    spec: { interval: '1m', url: 'https://git.acme.io/platform.git', ref: { branch: 'main' } },
    status: {
      observedGeneration: 1,
      artifact: { revision: REVISION, lastUpdateTime: TIME },
      conditions: [
        condition('Ready', true, 'Succeeded', `stored artifact for revision '${REVISION}'`),
      ],
    },
  });
  const kustomization = (
    name: string,
    entries: Array<{ id: string; v: string }>,
    dependsOn?: string
  ) =>
    add({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name, namespace: 'flux-system', generation: 1 },
      spec: {
        interval: '10m',
        path: `./${name}`,
        prune: true,
        wait: true,
        sourceRef: { kind: 'GitRepository', name: 'platform' },
        ...(dependsOn ? { dependsOn: [{ name: dependsOn }] } : {}),
      },
      status: {
        observedGeneration: 1,
        lastAppliedRevision: REVISION,
        lastAttemptedRevision: REVISION,
        conditions: [
          condition('Ready', true, 'ReconciliationSucceeded', `Applied revision: ${REVISION}`),
        ],
        history: [
          {
            digest: 'sha256:5eed',
            firstReconciled: TIME,
            lastReconciled: TIME,
            lastReconciledDuration: '4s',
            lastReconciledStatus: 'ReconciliationSucceeded',
            totalReconciliations: 12,
            metadata: { revision: REVISION },
          },
        ],
        inventory: { entries },
      },
    });
  kustomization('apis', apisEntries);
  kustomization('platform', platformEntries, 'apis');
  return { objects, counts, inventoryEntries: platformEntries.length };
}
