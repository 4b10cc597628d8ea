import { ClusterIndex } from './clusterIndex';
import {
  currentRevisionOf,
  definedKinds,
  desiredStateOf,
  legacyClaimRefOf,
  machineryField,
  managementPoliciesOf,
  pipelineStepsOf,
  providerConfigRefOf,
  writtenScopeOf,
} from './crossplaneSpec';
import { asArray, field, stringField } from './json';
import { XP_PKG_GROUP } from './kinds';
import { ObjectRef, Resource, splitApiVersion } from './resource';

/** Crossplane references, read the way Crossplane itself reads them. */

export interface ResolvedRef {
  ref: ObjectRef;
  resource?: Resource;
}

function refFrom(value: unknown, cluster: string, defaultNamespace: string): ObjectRef | undefined {
  const kind = stringField(value, 'kind');
  const name = stringField(value, 'name');
  if (!kind || !name) return undefined;
  const { group, version } = splitApiVersion(stringField(value, 'apiVersion'));
  return {
    cluster,
    group,
    kind,
    namespace: stringField(value, 'namespace') ?? defaultNamespace,
    name,
    ...(version ? { version } : {}),
  };
}

/** Finds a referenced object, trying the given namespace first, then cluster scope. */
export function resolve(index: ClusterIndex, ref: ObjectRef): ResolvedRef {
  const found =
    index.get(ref) ?? (ref.namespace ? index.get({ ...ref, namespace: '' }) : undefined);
  if (found && found.namespace !== ref.namespace)
    return { ref: { ...ref, namespace: found.namespace }, resource: found };
  return { ref, resource: found };
}

/** Where an XR keeps its machinery: `spec.crossplane.*` (v2 Namespaced/Cluster) or `spec.*` (LegacyCluster). */
function machinery(index: ClusterIndex, xr: Resource, ...path: string[]): unknown {
  return machineryField(xr.raw, index.xrLayout(xr) === 'modern', ...path);
}

/** The composed resources an XR lists (`resourceRefs`). Composed objects of a namespaced XR share its namespace. */
export function composedRefs(index: ClusterIndex, xr: Resource): ResolvedRef[] {
  const result: ResolvedRef[] = [];
  for (const item of asArray(machinery(index, xr, 'resourceRefs'))) {
    const ref = refFrom(item, xr.cluster, xr.namespace);
    if (ref) result.push(resolve(index, ref));
  }
  return result;
}

export function compositionRefOf(index: ClusterIndex, xr: Resource): string | undefined {
  return stringField(machinery(index, xr, 'compositionRef'), 'name');
}

export function compositionRevisionRefOf(index: ClusterIndex, xr: Resource): string | undefined {
  return stringField(machinery(index, xr, 'compositionRevisionRef'), 'name');
}

export function compositionUpdatePolicyOf(index: ClusterIndex, xr: Resource): string | undefined {
  return stringField(machinery(index, xr, 'compositionUpdatePolicy'));
}

/** A legacy claim's XR (`spec.resourceRef`). */
export function claimResourceRef(index: ClusterIndex, claim: Resource): ResolvedRef | undefined {
  const ref = refFrom(field(claim.raw, 'spec', 'resourceRef'), claim.cluster, '');
  return ref ? resolve(index, { ...ref, namespace: '' }) : undefined;
}

/** A legacy XR's claim (`spec.claimRef`). */
export function xrClaimRef(index: ClusterIndex, xr: Resource): ResolvedRef | undefined {
  const ref = refFrom(legacyClaimRefOf(xr.raw), xr.cluster, '');
  return ref ? resolve(index, ref) : undefined;
}

/** The direct parent of a composed resource: its controller ownerReference. */
export function controllerOf(index: ClusterIndex, resource: Resource): ResolvedRef | undefined {
  const owner = resource.ownerReferences.find(reference => reference.controller);
  if (!owner) return undefined;
  const byUid = owner.uid ? index.byUidIn(resource.cluster, owner.uid) : undefined;
  const ref: ObjectRef = {
    cluster: resource.cluster,
    group: owner.group,
    kind: owner.kind,
    namespace: byUid?.namespace ?? resource.namespace,
    name: owner.name,
  };
  return byUid ? { ref, resource: byUid } : resolve(index, ref);
}

/** The XRD's composite and claim kinds. */
export function xrdTypes(xrd: Resource): {
  group?: string;
  kind?: string;
  claimKind?: string;
  scope: string;
} {
  const scope =
    writtenScopeOf(xrd.raw) ??
    (xrd.version === 'v1' || xrd.version === '' ? 'LegacyCluster' : 'Namespaced');
  const { group, kind, claimKind } = definedKinds(xrd.raw);
  return { group, kind, claimKind, scope };
}

export function compositionsOfXrd(index: ClusterIndex, xrd: Resource): Resource[] {
  const { group, kind } = xrdTypes(xrd);
  return group && kind ? index.compositionsFor(xrd.cluster, group, kind) : [];
}

export interface PipelineStep {
  step: string;
  functionName: string;
  function?: Resource;
}

export function pipelineOf(index: ClusterIndex, composition: Resource): PipelineStep[] {
  const steps: PipelineStep[] = [];
  for (const item of pipelineStepsOf(composition.raw)) {
    const functionName = stringField(item, 'functionRef', 'name');
    if (!functionName) continue;
    steps.push({
      step: stringField(item, 'step') ?? '',
      functionName,
      function: index.get({
        cluster: composition.cluster,
        group: XP_PKG_GROUP,
        kind: 'Function',
        namespace: '',
        name: functionName,
      }),
    });
  }
  return steps;
}

export function compositionMode(composition: Resource): string {
  return (
    stringField(composition.raw, 'spec', 'mode') ??
    (field(composition.raw, 'spec', 'resources') ? 'Resources' : 'Pipeline')
  );
}

/** A package's active revision (`status.currentRevision`), else the revision with desiredState Active. */
export function activeRevisionOf(index: ClusterIndex, pkg: Resource): Resource | undefined {
  const revisions = index.revisionsOfPackage(pkg);
  const current = currentRevisionOf(pkg.raw);
  return (
    (current && revisions.find(revision => revision.name === current)) ||
    revisions.find(revision => desiredStateOf(revision.raw) === 'Active')
  );
}

/** The Provider that serves an API group, through the ProviderRevision that owns its CRDs. */
export function providerForGroup(
  index: ClusterIndex,
  cluster: string,
  group: string
): Resource | undefined {
  // Managed resources live in sub-groups of the provider's group (s3.aws.upbound.io → aws.upbound.io).
  let candidate = group;
  for (;;) {
    const revision = index.providerRevisionForGroup(cluster, candidate);
    if (revision) {
      const parent = revision.labels['pkg.crossplane.io/package'];
      return parent
        ? index.get({ cluster, group: XP_PKG_GROUP, kind: 'Provider', namespace: '', name: parent })
        : undefined;
    }
    const dot = candidate.indexOf('.');
    if (dot < 0) return undefined;
    candidate = candidate.slice(dot + 1);
    if (!candidate.includes('.')) return undefined;
  }
}

/**
 * A managed resource's ProviderConfig. Its group is the MR's group or a parent
 * of it (`s3.aws.upbound.io` → `aws.upbound.io`); the longest match wins.
 * Namespaced `ProviderConfig`s live in the MR's namespace; `ClusterProviderConfig`s are cluster-scoped.
 */
export function providerConfigOf(index: ClusterIndex, managed: Resource): ResolvedRef | undefined {
  const configRef = providerConfigRefOf(managed.raw);
  if (!configRef) return undefined;
  const { kind, name } = configRef;
  const namespace = kind === 'ProviderConfig' && managed.namespace ? managed.namespace : '';
  let group = managed.group;
  const candidates: string[] = [];
  for (;;) {
    candidates.push(group);
    const ref: ObjectRef = { cluster: managed.cluster, group, kind, namespace, name };
    const found = index.get(ref);
    if (found) return { ref, resource: found };
    const dot = group.indexOf('.');
    if (dot < 0 || !group.slice(dot + 1).includes('.')) break;
    group = group.slice(dot + 1);
  }
  // Not found: the group where the cluster has that kind (listed, or with other objects of it)…
  const known = candidates.find(
    candidate =>
      (index.listedWith(managed.cluster, candidate, kind)?.size ?? 0) > 0 ||
      index.list(managed.cluster, candidate, kind).length > 0
  );
  if (known) return { ref: { cluster: managed.cluster, group: known, kind, namespace, name } };
  // …else the parent group of the MR's group, where upstream providers put it.
  const dot = managed.group.indexOf('.');
  const guess =
    dot > 0 && managed.group.slice(dot + 1).includes('.')
      ? managed.group.slice(dot + 1)
      : managed.group;
  return { ref: { cluster: managed.cluster, group: guess, kind, namespace, name } };
}

/** Why Crossplane does not reconcile an object: `crossplane.io/paused: "true"`, and/or `spec.managementPolicies: []`. */
export function pauseOf(resource: Resource): {
  byAnnotation: boolean;
  byManagementPolicies: boolean;
} {
  const policies = managementPoliciesOf(resource.raw);
  return {
    byAnnotation: resource.annotations['crossplane.io/paused'] === 'true',
    byManagementPolicies: Array.isArray(policies) && policies.length === 0,
  };
}

export function isPaused(resource: Resource): boolean {
  const pause = pauseOf(resource);
  return pause.byAnnotation || pause.byManagementPolicies;
}
