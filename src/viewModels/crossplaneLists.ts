import { ClusterIndex } from '../model/clusterIndex';
import {
  activeRevisionOf,
  claimResourceRef,
  compositionMode,
  controllerOf,
  pipelineOf,
  providerConfigOf,
  providerForGroup,
  xrClaimRef,
  xrdTypes,
} from '../model/crossplane';
import {
  compositeTypeRefOf,
  currentRevisionOf,
  packageRefOf,
  revisionNumberOf,
} from '../model/crossplaneSpec';
import { compositionNameOf, ConditionCell, conditionCells } from '../model/crossplaneTree';
import { compareWorstFirst, Health, healthOf, healthRank, HealthSummary } from '../model/health';
import { ObjectRef, Resource } from '../model/resource';
import { VisibilityGap } from '../model/visibility';

/** What the Crossplane list pages show, decided once per index (the pages only lay it out). */

function byHealthThenName<T extends { resource: Resource; status: HealthSummary }>(a: T, b: T) {
  return compareWorstFirst(a.status.health, a.resource, b.status.health, b.resource);
}

// ---- XRDs ----------------------------------------------------------------------------------

export interface XrdRow {
  resource: Resource;
  status: HealthSummary;
  conditions: ConditionCell[];
  group: string;
  kind: string;
  claimKind?: string;
  scope: string;
  compositions: number;
  composites: number;
  claims: number;
  /** The XR or claim kind could not be listed. */
  gap?: VisibilityGap;
}

export function xrdRows(index: ClusterIndex): XrdRow[] {
  return index
    .withRole('xrd')
    .map(resource => {
      const types = xrdTypes(resource);
      const group = types.group ?? '';
      const kind = types.kind ?? '';
      return {
        resource,
        status: healthOf(index, resource),
        conditions: conditionCells(resource, 'xrd'),
        group,
        kind,
        claimKind: types.claimKind,
        scope: types.scope,
        compositions: index.compositionsFor(resource.cluster, group, kind).length,
        composites: index.list(resource.cluster, group, kind).length,
        claims: types.claimKind ? index.list(resource.cluster, group, types.claimKind).length : 0,
        gap:
          index.anyGapFor(resource.cluster, group, kind) ??
          (types.claimKind ? index.anyGapFor(resource.cluster, group, types.claimKind) : undefined),
      };
    })
    .sort(byHealthThenName);
}

// ---- Compositions --------------------------------------------------------------------------

export interface StepFact {
  step: string;
  functionName: string;
  function?: Resource;
  status: HealthSummary;
}

export interface RevisionFact {
  resource: Resource;
  number?: number;
  status: HealthSummary;
}

export interface CompositionRow {
  resource: Resource;
  status: HealthSummary;
  /** `apiVersion` and kind of the XRs it composes. */
  compositeType: string;
  xrd?: Resource;
  mode: string;
  steps: StepFact[];
  /** Worst health among the pipeline's Functions. */
  functionsHealth: Health;
  revisions: RevisionFact[];
  /** XRs of its type that select it by name. */
  usedBy: number;
}

export function compositionRows(index: ClusterIndex): CompositionRow[] {
  const usage = new Map<string, number>();
  for (const xr of index.withRole('composite')) {
    const name = compositionNameOf(index, xr);
    if (name) usage.set(`${xr.cluster}|${name}`, (usage.get(`${xr.cluster}|${name}`) ?? 0) + 1);
  }
  return index
    .withRole('composition')
    .map(resource => {
      const type = compositeTypeRefOf(resource.raw);
      const apiVersion = type.apiVersion ?? '';
      const kind = type.kind ?? '';
      const group = type.group;
      const steps = pipelineOf(index, resource).map(step => ({
        ...step,
        status: step.function
          ? healthOf(index, step.function)
          : { health: 'missing' as Health, reason: 'NotFound', message: '' },
      }));
      const revisions = index
        .revisionsOfComposition(resource.cluster, resource.name)
        .map(revision => ({
          resource: revision,
          number: revisionNumberOf(revision.raw),
          status: healthOf(index, revision),
        }))
        .sort((a, b) => (b.number ?? 0) - (a.number ?? 0));
      const worst = steps.reduce<Health>(
        (acc, step) =>
          healthRank(step.status.health) < healthRank(acc) ? step.status.health : acc,
        'healthy'
      );
      return {
        resource,
        status: healthOf(index, resource),
        compositeType: `${kind} (${apiVersion})`,
        xrd: index.xrdFor(resource.cluster, group, kind)?.xrd,
        mode: compositionMode(resource),
        steps,
        functionsHealth: steps.length ? worst : 'no-status',
        revisions,
        usedBy: usage.get(`${resource.cluster}|${resource.name}`) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        healthRank(a.functionsHealth) - healthRank(b.functionsHealth) ||
        a.resource.cluster.localeCompare(b.resource.cluster) ||
        a.resource.name.localeCompare(b.resource.name)
    );
}

// ---- composite resources and claims --------------------------------------------------------

export interface CompositeKindRow {
  cluster: string;
  xrd: Resource;
  group: string;
  kind: string;
  role: 'composite' | 'claim';
  scope: string;
  count: number;
  failing: number;
  gap?: VisibilityGap;
}

export interface CompositeRow {
  resource: Resource;
  role: 'composite' | 'claim';
  status: HealthSummary;
  conditions: ConditionCell[];
  scope: string;
  composition?: string;
  /** The claim's XR, or the XR's claim (legacy) / controller owner (nested). */
  related?: ObjectRef;
  relatedRelation?: 'xr' | 'claim' | 'parent';
}

/** One row per XR and claim kind the XRDs define (v1 and v2 XRDs; LegacyCluster, Cluster, Namespaced). */
export function compositeKindRows(index: ClusterIndex): CompositeKindRow[] {
  const rows: CompositeKindRow[] = [];
  for (const xrd of index.withRole('xrd')) {
    const types = xrdTypes(xrd);
    if (!types.group) continue;
    const kinds: Array<[string | undefined, 'composite' | 'claim']> = [
      [types.kind, 'composite'],
      [types.claimKind, 'claim'],
    ];
    for (const [kind, role] of kinds) {
      if (!kind) continue;
      const objects = index.list(xrd.cluster, types.group, kind);
      rows.push({
        cluster: xrd.cluster,
        xrd,
        group: types.group,
        kind,
        role,
        scope: role === 'claim' ? 'Namespaced' : types.scope,
        count: objects.length,
        failing: objects.filter(o => healthOf(index, o).health === 'failing').length,
        gap: index.anyGapFor(xrd.cluster, types.group, kind),
      });
    }
  }
  return rows.sort(
    (a, b) =>
      a.cluster.localeCompare(b.cluster) ||
      a.kind.localeCompare(b.kind) ||
      a.role.localeCompare(b.role)
  );
}

export function compositeRows(index: ClusterIndex): CompositeRow[] {
  const rows: CompositeRow[] = [];
  for (const role of ['claim', 'composite'] as const) {
    for (const resource of index.withRole(role)) {
      const xrd = index.xrdFor(resource.cluster, resource.group, resource.kind);
      const scope =
        role === 'claim'
          ? 'Namespaced'
          : xrd
          ? xrdTypes(xrd.xrd).scope
          : resource.namespace
          ? 'Namespaced'
          : 'Cluster';
      let related: ObjectRef | undefined;
      let relatedRelation: CompositeRow['relatedRelation'];
      if (role === 'claim') {
        const xr = claimResourceRef(index, resource);
        if (xr) {
          related = xr.ref;
          relatedRelation = 'xr';
        }
      } else {
        const parent = controllerOf(index, resource);
        const claim = parent ? undefined : xrClaimRef(index, resource);
        if (parent) {
          related = parent.ref;
          relatedRelation = 'parent';
        } else if (claim) {
          related = claim.ref;
          relatedRelation = 'claim';
        }
      }
      rows.push({
        resource,
        role,
        status: healthOf(index, resource),
        conditions: conditionCells(resource, role),
        scope,
        composition: compositionNameOf(index, resource),
        related,
        relatedRelation,
      });
    }
  }
  return rows.sort(byHealthThenName);
}

// ---- managed resources ---------------------------------------------------------------------

export interface ManagedRow {
  resource: Resource;
  status: HealthSummary;
  conditions: ConditionCell[];
  providerConfig?: ObjectRef;
  providerConfigFound: boolean;
  /** The XR that composed it. */
  owner?: ObjectRef;
  externalName?: string;
}

export interface ProviderGroup {
  /** `cluster|provider name`, or `cluster|group` when the Provider is not known. */
  key: string;
  cluster: string;
  provider?: Resource;
  providerStatus?: HealthSummary;
  /** API groups of the MRs in this group. */
  groups: string[];
  rows: ManagedRow[];
  failing: number;
}

export function managedByProvider(index: ClusterIndex): ProviderGroup[] {
  const groups = new Map<string, ProviderGroup>();
  for (const resource of index.withRole('managed')) {
    const provider = providerForGroup(index, resource.cluster, resource.group);
    const key = provider
      ? `${resource.cluster}|${provider.name}`
      : `${resource.cluster}|${resource.group}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        cluster: resource.cluster,
        provider,
        providerStatus: provider ? healthOf(index, provider) : undefined,
        groups: [],
        rows: [],
        failing: 0,
      };
      groups.set(key, group);
    }
    if (!group.groups.includes(resource.group)) group.groups.push(resource.group);
    const providerConfig = providerConfigOf(index, resource);
    const owner = controllerOf(index, resource);
    const status = healthOf(index, resource);
    if (status.health === 'failing') group.failing++;
    group.rows.push({
      resource,
      status,
      conditions: conditionCells(resource, 'managed'),
      providerConfig: providerConfig?.ref,
      providerConfigFound: !!providerConfig?.resource,
      owner: owner?.ref,
      externalName: resource.annotations['crossplane.io/external-name'],
    });
  }
  for (const group of groups.values()) group.rows.sort(byHealthThenName);
  return [...groups.values()].sort(
    (a, b) =>
      b.failing - a.failing ||
      a.cluster.localeCompare(b.cluster) ||
      (a.provider?.name ?? a.groups[0]).localeCompare(b.provider?.name ?? b.groups[0])
  );
}

// ---- packages ------------------------------------------------------------------------------

export interface PackageRow {
  resource: Resource;
  status: HealthSummary;
  conditions: ConditionCell[];
  package?: string;
  currentRevision?: string;
  active?: Resource;
  revisions: RevisionFact[];
}

export function packageRows(index: ClusterIndex): PackageRow[] {
  return index
    .withRole('package')
    .map(resource => ({
      resource,
      status: healthOf(index, resource),
      conditions: conditionCells(resource, 'package'),
      package: packageRefOf(resource.raw),
      currentRevision: currentRevisionOf(resource.raw),
      active: activeRevisionOf(index, resource),
      revisions: index
        .revisionsOfPackage(resource)
        .map(revision => ({
          resource: revision,
          number: revisionNumberOf(revision.raw),
          status: healthOf(index, revision),
        }))
        .sort((a, b) => (b.number ?? 0) - (a.number ?? 0)),
    }))
    .sort(
      (a, b) =>
        a.resource.kind.localeCompare(b.resource.kind) ||
        healthRank(a.status.health) - healthRank(b.status.health) ||
        a.resource.cluster.localeCompare(b.resource.cluster) ||
        a.resource.name.localeCompare(b.resource.name)
    );
}
