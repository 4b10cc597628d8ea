import { ClusterIndex } from '../clusterIndex';
import { desiredStateOf } from '../crossplaneSpec';
import { field, stringMap } from '../json';
import {
  classifyDeployment,
  classifyPod,
  Draft,
  finishController,
  matchesSelector,
} from './assemble';
import {
  ClusterRuntime,
  Controller,
  controllerKey,
  ControllerKind,
  FLUX_COMPONENTS,
} from './controller';
import { parseVersion } from './image';
import { APPS_GROUP } from './labels';
import { missingFluxControllers, missingPackageRuntimes } from './missing';
import { fluxVersionFromCrds, mostCommon } from './versions';

const ORDER: Record<ControllerKind, number> = {
  flux: 0,
  crossplane: 1,
  'rbac-manager': 2,
  provider: 3,
  function: 4,
};

function fluxOrder(name: string): number {
  const position = FLUX_COMPONENTS.findIndex(item => item.component === name);
  return position < 0 ? FLUX_COMPONENTS.length : position;
}

function computeRuntime(
  index: ClusterIndex,
  cluster: string,
  crds: readonly unknown[] | undefined
): ClusterRuntime {
  const drafts = new Map<string, Draft>();
  const deploymentSelectors: Array<{ draft: Draft; selector: Readonly<Record<string, string>> }> =
    [];
  for (const deployment of index.list(cluster, APPS_GROUP, 'Deployment')) {
    const classified = classifyDeployment(deployment);
    if (!classified) continue;
    const draft: Draft = { ...classified, pods: [] };
    // Sharded or duplicated controllers keep one row per Deployment.
    const key = `${controllerKey(cluster, draft)}|${deployment.name}`;
    if (drafts.has(key)) continue;
    drafts.set(key, draft);
    deploymentSelectors.push({
      draft,
      selector: stringMap(field(deployment.raw, 'spec', 'selector', 'matchLabels')),
    });
  }
  for (const pod of index.list(cluster, '', 'Pod')) {
    const owner = deploymentSelectors.find(
      ({ draft, selector }) => draft.namespace === pod.namespace && matchesSelector(pod, selector)
    );
    if (owner) {
      owner.draft.pods.push(pod);
      continue;
    }
    const classified = classifyPod(pod);
    if (!classified) continue;
    // No Deployment read for it: group pods by what they run.
    const key = `${controllerKey(cluster, classified)}|pods`;
    const draft = drafts.get(key) ?? { ...classified, pods: [] };
    draft.pods.push(pod);
    drafts.set(key, draft);
  }

  const controllers: Controller[] = [];
  for (const draft of drafts.values()) {
    const controller = finishController(cluster, draft, index);
    // Runtimes of inactive revisions are on their way out: not the package's runtime.
    if (controller.revision && desiredStateOf(controller.revision.raw) === 'Inactive') continue;
    controllers.push(controller);
  }

  const deploymentGaps = index.visibility.filter(
    gap => gap.cluster === cluster && gap.group === APPS_GROUP && gap.kind === 'Deployment'
  );
  const podGaps = index.visibility.filter(
    gap => gap.cluster === cluster && gap.group === '' && gap.kind === 'Pod'
  );
  const deploymentsReadEverywhere = !deploymentGaps.some(gap => gap.namespace === undefined);
  const fluxControllers = controllers.filter(controller => controller.kind === 'flux');
  const core = controllers.find(controller => controller.kind === 'crossplane');
  const fluxFound = fluxControllers.length > 0;
  const crossplaneFound = controllers.some(controller => controller.kind !== 'flux');

  // Missing: only where the lists were read and the install was found by its labels.
  if (fluxFound && deploymentsReadEverywhere)
    controllers.push(...missingFluxControllers(index, cluster, fluxControllers));
  if (core && deploymentsReadEverywhere)
    controllers.push(...missingPackageRuntimes(index, cluster, core, controllers));

  controllers.sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      (a.kind === 'flux' ? fluxOrder(a.name) - fluxOrder(b.name) : 0) ||
      a.name.localeCompare(b.name) ||
      a.namespace.localeCompare(b.namespace) ||
      a.deploymentRef.name.localeCompare(b.deploymentRef.name)
  );

  const runtime: ClusterRuntime = {
    cluster,
    controllers,
    deploymentGaps,
    podGaps,
    fluxFound,
    crossplaneFound,
  };
  const fluxVersion =
    mostCommon(fluxControllers.map(controller => controller.labelVersion)) ??
    fluxVersionFromCrds(crds);
  if (fluxVersion) runtime.fluxVersion = fluxVersion;
  const crossplaneVersion =
    core?.version && parseVersion(core.version)
      ? core.version
      : core?.labelVersion
      ? /^\d/.test(core.labelVersion)
        ? `v${core.labelVersion}`
        : core.labelVersion
      : core?.version;
  if (crossplaneVersion) runtime.crossplaneVersion = crossplaneVersion;
  return runtime;
}

const cache = new WeakMap<ClusterIndex, Map<string, ClusterRuntime>>();

/**
 * The controllers of one cluster and what they report. Memoized per index
 * (built once per data change) and cluster; `crds` (the cluster's CRD list,
 * when read) only adds the Flux version when no Deployment tells it.
 */
export function runtimeOf(
  index: ClusterIndex,
  cluster: string,
  crds?: readonly unknown[]
): ClusterRuntime {
  let perCluster = cache.get(index);
  if (!perCluster) {
    perCluster = new Map();
    cache.set(index, perCluster);
  }
  const key = crds ? `${cluster}|crds:${crds.length}` : cluster;
  let runtime = perCluster.get(key);
  if (!runtime) {
    runtime = computeRuntime(index, cluster, crds);
    perCluster.set(key, runtime);
  }
  return runtime;
}
