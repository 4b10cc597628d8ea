import { ClusterIndex, ObjectRole } from '../clusterIndex';
import { activeRevisionOf, providerForGroup } from '../crossplane';
import {
  FLUX_HELM_GROUP,
  FLUX_KUSTOMIZE_GROUP,
  FLUX_NOTIFICATION_GROUP,
  isCrossplaneGroup,
  XP_PKG_GROUP,
} from '../kinds';
import { ObjectRef, Resource } from '../resource';
import { Controller, ControllerKind, FLUX_COMPONENTS } from './controller';
import { RuntimePod } from './pods';
import { runtimeOf } from './runtimeOf';

/** Who reconciles what: the controller behind an object, and the objects behind a controller. */

function pick(controllers: Controller[]): Controller | undefined {
  // Prefer the unsharded Deployment (named like its component), then the first.
  return (
    controllers.find(controller => controller.deploymentRef.name === controller.name) ??
    controllers[0]
  );
}

/** The runtime of a Provider or Function: its active revision's Deployment and pods. */
export function packageRuntimeOf(index: ClusterIndex, pkg: Resource): Controller | undefined {
  if (pkg.group !== XP_PKG_GROUP || (pkg.kind !== 'Provider' && pkg.kind !== 'Function'))
    return undefined;
  const kind: ControllerKind = pkg.kind === 'Function' ? 'function' : 'provider';
  const revision = activeRevisionOf(index, pkg);
  const controllers = runtimeOf(index, pkg.cluster).controllers.filter(c => c.kind === kind);
  return (
    (revision && controllers.find(c => c.revisionName === revision.name)) ||
    controllers.find(c => c.name === pkg.name && !c.revisionName)
  );
}

export function fluxController(index: ClusterIndex, cluster: string, component: string) {
  return pick(
    runtimeOf(index, cluster).controllers.filter(c => c.kind === 'flux' && c.name === component)
  );
}

const IMAGE_KINDS: Record<string, string> = {
  ImageRepository: 'image-reflector-controller',
  ImagePolicy: 'image-reflector-controller',
  ImageUpdateAutomation: 'image-automation-controller',
};

/**
 * The controller that reconciles an object (whose logs talk about it): the
 * Flux controller of its kind, Crossplane's core for Crossplane's own kinds,
 * composites and claims, the provider's runtime for managed resources and
 * ProviderConfigs. Undefined when that controller was not found.
 */
export function reconcilerOf(index: ClusterIndex, ref: ObjectRef): Controller | undefined {
  const { cluster, group, kind } = ref;
  if (group === 'source.toolkit.fluxcd.io' && kind !== 'ExternalArtifact')
    return fluxController(index, cluster, 'source-controller');
  if (group === FLUX_KUSTOMIZE_GROUP) return fluxController(index, cluster, 'kustomize-controller');
  if (group === FLUX_HELM_GROUP) return fluxController(index, cluster, 'helm-controller');
  if (group === FLUX_NOTIFICATION_GROUP)
    return fluxController(index, cluster, 'notification-controller');
  if (group === 'image.toolkit.fluxcd.io' && IMAGE_KINDS[kind])
    return fluxController(index, cluster, IMAGE_KINDS[kind]);
  const resource = index.get(ref);
  const role = resource ? index.role(resource) : 'other';
  if (resource && (role === 'managed' || role === 'provider-config')) {
    const provider = providerForGroup(index, cluster, resource.group);
    return provider ? packageRuntimeOf(index, provider) : undefined;
  }
  if (
    isCrossplaneGroup(group) ||
    role === 'composite' ||
    role === 'claim' ||
    role === 'xrd' ||
    role === 'composition'
  ) {
    return pick(runtimeOf(index, cluster).controllers.filter(c => c.kind === 'crossplane'));
  }
  return undefined;
}

/** Whether a controller keeps what it reconciles from being reconciled (or reconciled reliably). */
export function isInTrouble(controller: Controller): boolean {
  return (
    controller.state === 'down' || controller.state === 'degraded' || controller.state === 'missing'
  );
}

/**
 * The controller of an object when it is down, degraded or missing: while it
 * is, nothing keeps the object's status current (its Ready is stale).
 */
export function troubledReconcilerOf(index: ClusterIndex, ref: ObjectRef): Controller | undefined {
  const controller = reconcilerOf(index, ref);
  return controller && isInTrouble(controller) ? controller : undefined;
}

/** The pod whose logs explain the controller: one in trouble first, else a ready one. */
export function logsPod(controller: Controller): RuntimePod | undefined {
  return controller.pods[0];
}

/** Objects in one cluster that a controller reconciles (for "what is not reconciled while it is down"). */
export function reconciledBy(index: ClusterIndex, controller: Controller): Resource[] {
  const inCluster = (resource: Resource) => resource.cluster === controller.cluster;
  if (controller.kind === 'flux') {
    const roles = FLUX_COMPONENTS.find(item => item.component === controller.name)?.roles ?? [];
    return roles.flatMap(role => index.withRole(role).filter(inCluster));
  }
  if (controller.kind === 'crossplane') {
    return (['composite', 'claim'] as ObjectRole[]).flatMap(role =>
      index.withRole(role).filter(inCluster)
    );
  }
  if (controller.kind === 'provider' && controller.package) {
    const pkg = controller.package;
    return index
      .withRole('managed')
      .filter(
        resource =>
          inCluster(resource) && providerForGroup(index, resource.cluster, resource.group) === pkg
      );
  }
  return [];
}
