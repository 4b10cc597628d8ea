import { ClusterIndex } from '../clusterIndex';
import { findCondition } from '../conditions';
import { activeRevisionOf } from '../crossplane';
import { Controller, controllerKey, ControllerKind, FLUX_COMPONENTS } from './controller';
import { APPS_GROUP, FLUX_SELECTOR } from './labels';
import { ControllerProblem, problemFields } from './problem';
import { mostCommon } from './versions';

/** A controller that should exist (its objects do, its siblings were found) and was not found. */
export function missingController(
  cluster: string,
  kind: ControllerKind,
  name: string,
  namespace: string,
  problem: ControllerProblem,
  extra: Partial<Controller> = {}
): Controller {
  const controller: Controller = {
    key: controllerKey(cluster, { kind, namespace, name: extra.revisionName ?? name }),
    cluster,
    kind,
    name,
    namespace,
    deploymentRef: {
      cluster,
      group: APPS_GROUP,
      kind: 'Deployment',
      namespace,
      name: extra.revisionName ?? name,
      version: 'v1',
    },
    pods: [],
    container:
      kind === 'flux'
        ? 'manager'
        : kind === 'crossplane' || kind === 'rbac-manager'
        ? 'crossplane'
        : 'package-runtime',
    restarts: 0,
    state: 'missing',
    ...problemFields(problem),
    // Nothing was read to quote: the rule's evidence line is the problem itself (rules/runtime.ts).
    evidence: [],
    ...extra,
  };
  return controller;
}

/** Flux controllers not found although Flux was found and objects they reconcile exist. */
export function missingFluxControllers(
  index: ClusterIndex,
  cluster: string,
  fluxControllers: readonly Controller[]
): Controller[] {
  const missing: Controller[] = [];
  const namespace =
    mostCommon(fluxControllers.map(controller => controller.namespace)) ?? 'flux-system';
  for (const { component, roles } of FLUX_COMPONENTS) {
    if (fluxControllers.some(controller => controller.name === component)) continue;
    const count = roles.reduce(
      (sum, role) => sum + index.withRole(role).filter(r => r.cluster === cluster).length,
      0
    );
    if (count === 0) continue;
    missing.push(
      missingController(cluster, 'flux', component, namespace, {
        id: 'flux-missing',
        params: { component, selector: FLUX_SELECTOR, count },
      })
    );
  }
  return missing;
}

/** Runtimes of healthy active package revisions not found in Crossplane's (fully read) namespace. */
export function missingPackageRuntimes(
  index: ClusterIndex,
  cluster: string,
  core: Controller,
  controllers: readonly Controller[]
): Controller[] {
  const missing: Controller[] = [];
  for (const pkg of index.withRole('package')) {
    if (pkg.cluster !== cluster || (pkg.kind !== 'Provider' && pkg.kind !== 'Function')) continue;
    const revision = activeRevisionOf(index, pkg);
    // An unhealthy revision gets no runtime: that is the package's problem, not a missing runtime.
    if (!revision || findCondition(revision, 'Healthy')?.status !== 'True') continue;
    const kind: ControllerKind = pkg.kind === 'Function' ? 'function' : 'provider';
    if (controllers.some(c => c.kind === kind && c.revisionName === revision.name)) continue;
    // Without a read of the Deployments in Crossplane's namespace nothing can be concluded.
    if (index.gapFor(cluster, APPS_GROUP, 'Deployment', core.namespace)) continue;
    missing.push(
      missingController(
        cluster,
        kind,
        pkg.name,
        core.namespace,
        {
          id: 'runtime-missing',
          params: {
            kind: pkg.kind,
            name: pkg.name,
            revision: revision.name,
            namespace: core.namespace,
          },
        },
        { package: pkg, revision, revisionName: revision.name }
      )
    );
  }
  return missing;
}
