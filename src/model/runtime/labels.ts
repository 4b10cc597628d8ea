import { Resource } from '../resource';

/**
 * The controllers behind Flux and Crossplane, read from Deployments and Pods
 * found by their labels in any namespace (not only flux-system and
 * crossplane-system): the Flux controllers, Crossplane's core and RBAC
 * manager, and the runtime of each Provider's and Function's active revision.
 * Pure: plain JSON in the index, no requests.
 *
 * Labels read (upstream install manifests):
 * - Flux (`flux install`/bootstrap, manifests/bases/*): `app.kubernetes.io/part-of: flux` and
 *   `app.kubernetes.io/component: <controller>` on the Deployment and its pod template;
 *   `app.kubernetes.io/version: <flux version>` on what `flux install` generates.
 * - Crossplane (Helm chart): `app.kubernetes.io/part-of: crossplane`, `app: crossplane` /
 *   `app: crossplane-rbac-manager`, `app.kubernetes.io/component: cloud-infrastructure-controller`,
 *   `app.kubernetes.io/version`, on the Deployments and their pod templates.
 * - Package runtimes: Deployments owned by their ProviderRevision/FunctionRevision (controller
 *   reference) whose pods carry `pkg.crossplane.io/revision: <revision>` and
 *   `pkg.crossplane.io/provider|function: <package>`; the container is `package-runtime`.
 *   The runtime Deployment itself carries no such label, so Deployments are listed whole in the
 *   namespaces where Crossplane runs.
 */

export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const VERSION_LABEL = 'app.kubernetes.io/version';
export const REVISION_LABEL = 'pkg.crossplane.io/revision';
export const APPS_GROUP = 'apps';
export const XP_CORE_APPS = ['crossplane', 'crossplane-rbac-manager'];

export const FLUX_SELECTOR = `${PART_OF_LABEL}=flux`;
/** Flux's controllers and Crossplane's core and RBAC manager, Deployments and pods alike: one selector. */
export const CONTROLLERS_SELECTOR = `${PART_OF_LABEL} in (flux,crossplane)`;

/** `crossplane` or `crossplane-rbac-manager` (by `app`, else by part-of and name, for a renamed chart). */
export function coreAppOf(resource: Resource): string | undefined {
  const app = resource.labels.app;
  if (app && XP_CORE_APPS.includes(app)) return app;
  if (resource.labels[PART_OF_LABEL] !== 'crossplane') return undefined;
  return (app ?? resource.name).endsWith('rbac-manager') ? 'crossplane-rbac-manager' : 'crossplane';
}

export function fluxComponentOf(resource: Resource): string | undefined {
  if (resource.labels[PART_OF_LABEL] !== 'flux') return undefined;
  return resource.labels[COMPONENT_LABEL] || resource.labels.app || undefined;
}

/**
 * Deployments and Pods are read only by label (the controllers'), so objects
 * of those kinds in the index say nothing about the others: a Deployment an
 * inventory names that is not in the index is not visible, not missing.
 */
export function isListedBySelector(ref: { group: string; kind: string }): boolean {
  return (
    (ref.group === APPS_GROUP && ref.kind === 'Deployment') ||
    (ref.group === '' && ref.kind === 'Pod')
  );
}
