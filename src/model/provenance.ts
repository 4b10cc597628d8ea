import { ClusterIndex } from './clusterIndex';
import { commitLink, CommitLinkSettings } from './commitLink';
import { claimResourceRef, controllerOf } from './crossplane';
import { definedKinds } from './crossplaneSpec';
import {
  helmChartRefOf,
  helmChartStatusOf,
  lastAppliedOriginRevisionOf,
  lastAppliedRevisionOf,
  lastAttemptedRevisionOf,
  sourceUrlOf,
} from './fluxSpec';
import { sourceRefOf } from './join';
import { FLUX_HELM_GROUP, FLUX_KUSTOMIZE_GROUP } from './kinds';
import { ObjectRef, refOf, Resource } from './resource';
import { parseRevision, Revision } from './revision';

/**
 * Where an object came from: the Flux object that applied it (directly, or
 * the claim/XR it was composed for), that object's source, and the commit.
 */
export interface Provenance {
  /** The Kustomization or HelmRelease that applied the object or its nearest applied ancestor. */
  manager: ObjectRef;
  managerResource?: Resource;
  /** How the manager was found. */
  evidence: 'labels' | 'inventory';
  /** The object Flux applied: the object itself, or its nearest applied ancestor (a claim or an XR). */
  appliedObject: ObjectRef;
  /** The objects between: the object itself, then each Crossplane parent below the applied one (empty when applied directly). */
  via: ObjectRef[];
  source?: ObjectRef;
  sourceResource?: Resource;
  applied: Revision;
  attempted: Revision;
  /** For OCI sources: the Git commit the artifact was built from. */
  origin: Revision;
  /** A safe web link to the applied commit, when the source is a Git repository on a known host. */
  commitUrl?: string;
}

const MAX_PARENTS = 32;

type ManagerFacts = Pick<Provenance, 'manager' | 'managerResource' | 'evidence'>;

function managerOf(index: ClusterIndex, resource: Resource): ManagerFacts | undefined {
  const name = resource.labels['kustomize.toolkit.fluxcd.io/name'];
  const namespace = resource.labels['kustomize.toolkit.fluxcd.io/namespace'];
  if (name && namespace) {
    const manager = {
      cluster: resource.cluster,
      group: FLUX_KUSTOMIZE_GROUP,
      kind: 'Kustomization',
      namespace,
      name,
    };
    return { manager, managerResource: index.get(manager), evidence: 'labels' };
  }
  const helmName = resource.labels['helm.toolkit.fluxcd.io/name'];
  const helmNamespace = resource.labels['helm.toolkit.fluxcd.io/namespace'];
  if (helmName && helmNamespace) {
    const manager = {
      cluster: resource.cluster,
      group: FLUX_HELM_GROUP,
      kind: 'HelmRelease',
      namespace: helmNamespace,
      name: helmName,
    };
    return { manager, managerResource: index.get(manager), evidence: 'labels' };
  }
  const owner = index.inventoryOwnersOf(resource)[0];
  if (owner) {
    return {
      manager: {
        cluster: owner.cluster,
        group: owner.group,
        kind: owner.kind,
        namespace: owner.namespace,
        name: owner.name,
      },
      managerResource: owner,
      evidence: 'inventory',
    };
  }
  return undefined;
}

/** The next object up: the controller owner, or for a legacy XR its claim. */
function parentOf(index: ClusterIndex, resource: Resource): Resource | undefined {
  const controller = controllerOf(index, resource);
  if (controller?.resource) return controller.resource;
  const claimName = resource.labels['crossplane.io/claim-name'];
  const claimNamespace = resource.labels['crossplane.io/claim-namespace'];
  if (claimName && claimNamespace && index.role(resource) === 'composite') {
    // A legacy XR names its claim by labels; the claim kind comes from the XRD.
    const xrd = index.xrdFor(resource.cluster, resource.group, resource.kind);
    const claimKind = xrd ? definedKinds(xrd.xrd.raw).claimKind : undefined;
    if (claimKind) {
      const claim = index.get({
        cluster: resource.cluster,
        group: resource.group,
        kind: claimKind,
        namespace: claimNamespace,
        name: claimName,
      });
      if (claim && claimResourceRef(index, claim)?.resource === resource) return claim;
    }
  }
  return undefined;
}

export function provenanceOf(
  index: ClusterIndex,
  resource: Resource,
  links?: CommitLinkSettings
): Provenance | undefined {
  const via: ObjectRef[] = [];
  let current: Resource | undefined = resource;
  for (let step = 0; current && step < MAX_PARENTS; step++) {
    const found = managerOf(index, current);
    if (found) return complete(index, { ...found, appliedObject: refOf(current) }, via, links);
    via.push(current);
    current = parentOf(index, current);
  }
  return undefined;
}

function complete(
  index: ClusterIndex,
  found: ManagerFacts & Pick<Provenance, 'appliedObject'>,
  via: ObjectRef[],
  links?: CommitLinkSettings
): Provenance {
  const manager = found.managerResource;
  const source = manager ? sourceRefOf(manager) ?? helmReleaseSourceOf(manager) : undefined;
  const sourceResource = source ? index.get(source) : undefined;
  const applied = parseRevision(lastAppliedRevisionOf(manager?.raw), source?.kind);
  const attempted = parseRevision(lastAttemptedRevisionOf(manager?.raw), source?.kind);
  const origin = parseRevision(lastAppliedOriginRevisionOf(manager?.raw), 'GitRepository');
  const url = sourceUrlOf(sourceResource?.raw);
  const commit = applied.commit ?? origin.commit;
  const commitUrl =
    source?.kind === 'GitRepository' || origin.commit ? commitLink(url, commit, links) : undefined;
  return { ...found, via, source, sourceResource, applied, attempted, origin, commitUrl };
}

/** A HelmRelease's source: its `spec.chartRef` object, else its HelmChart (`status.helmChart`, `namespace/name`). */
export function helmReleaseSourceOf(release: Resource): ObjectRef | undefined {
  if (release.kind !== 'HelmRelease') return undefined;
  const chartRef = helmChartRefOf(release.raw, release.namespace);
  if (chartRef) {
    return {
      cluster: release.cluster,
      group: 'source.toolkit.fluxcd.io',
      kind: chartRef.kind,
      namespace: chartRef.namespace,
      name: chartRef.name,
    };
  }
  const helmChart = helmChartStatusOf(release.raw);
  if (!helmChart) return undefined;
  return {
    cluster: release.cluster,
    group: 'source.toolkit.fluxcd.io',
    kind: 'HelmChart',
    namespace: helmChart.namespace,
    name: helmChart.name,
  };
}
