import { ObjectRole } from '../model/clusterIndex';
import { fixedCrossplaneRole, isCrossplaneRole } from '../model/crossplaneRole';
import { ObjectRef } from '../model/resource';

/**
 * The plugin's routes, all under `/flux-crossplane` so it runs beside the
 * official Flux plugin. Detail routes carry the object's own cluster.
 */
export const ROUTES = {
  overview: { name: 'fc-overview', path: '/flux-crossplane' },
  kustomizations: { name: 'fc-kustomizations', path: '/flux-crossplane/kustomizations' },
  kustomization: {
    name: 'fc-kustomization',
    path: '/flux-crossplane/kustomizations/:objectCluster/:namespace/:name',
  },
  sources: { name: 'fc-sources', path: '/flux-crossplane/sources' },
  source: {
    name: 'fc-source',
    path: '/flux-crossplane/sources/:objectCluster/:kind/:namespace/:name',
  },
  helmReleases: { name: 'fc-helmreleases', path: '/flux-crossplane/helmreleases' },
  helmRelease: {
    name: 'fc-helmrelease',
    path: '/flux-crossplane/helmreleases/:objectCluster/:namespace/:name',
  },
  notifications: { name: 'fc-notifications', path: '/flux-crossplane/notifications' },
  xrds: { name: 'fc-xp-xrds', path: '/flux-crossplane/crossplane/xrds' },
  compositions: { name: 'fc-xp-compositions', path: '/flux-crossplane/crossplane/compositions' },
  composites: { name: 'fc-xp-composites', path: '/flux-crossplane/crossplane/composites' },
  managed: { name: 'fc-xp-managed', path: '/flux-crossplane/crossplane/managed' },
  packages: { name: 'fc-xp-packages', path: '/flux-crossplane/crossplane/packages' },
  crossplaneObject: {
    name: 'fc-xp-object',
    path: '/flux-crossplane/crossplane/objects/:objectCluster/:group/:kind/:namespace/:name',
  },
  rollouts: { name: 'fc-rollouts', path: '/flux-crossplane/rollouts' },
  commit: { name: 'fc-commit', path: '/flux-crossplane/rollouts/commits/:sha' },
  runtime: { name: 'fc-runtime', path: '/flux-crossplane/runtime' },
} as const;

export interface RouteTarget {
  routeName: string;
  params: Record<string, string>;
}

/** `-` stands for "no cluster name" (a single-cluster setup) in URLs. */
export function clusterParam(cluster: string): string {
  return cluster || '-';
}

export function clusterFromParam(param: string | undefined): string {
  return !param || param === '-' ? '' : param;
}

/** `-` stands for "empty" (the core group, no namespace) in the Crossplane object route. */
export function emptyParam(value: string): string {
  return value || '-';
}

export function fromEmptyParam(param: string | undefined): string {
  return !param || param === '-' ? '' : param;
}

/**
 * Where the plugin shows an object, or undefined when it has no page for its kind (yet).
 * `role` (from the index, when the caller has one) tells XRs, claims and managed
 * resources, whose kinds are user or provider defined; the fixed Crossplane
 * kinds and ProviderConfigs are known without it.
 */
export function routeFor(
  ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>,
  role?: ObjectRole | 'unknown'
): RouteTarget | undefined {
  const objectCluster = clusterParam(ref.cluster);
  // Controller pods: Headlamp's own pod page (and its log viewer).
  if (ref.group === '' && ref.kind === 'Pod' && ref.namespace) {
    return { routeName: 'pod', params: { namespace: ref.namespace, name: ref.name } };
  }
  if (ref.group === 'kustomize.toolkit.fluxcd.io' && ref.kind === 'Kustomization') {
    return {
      routeName: ROUTES.kustomization.name,
      params: { objectCluster, namespace: ref.namespace, name: ref.name },
    };
  }
  if (ref.group === 'helm.toolkit.fluxcd.io' && ref.kind === 'HelmRelease') {
    return {
      routeName: ROUTES.helmRelease.name,
      params: { objectCluster, namespace: ref.namespace, name: ref.name },
    };
  }
  if (ref.group === 'source.toolkit.fluxcd.io') {
    return {
      routeName: ROUTES.source.name,
      params: { objectCluster, kind: ref.kind, namespace: ref.namespace, name: ref.name },
    };
  }
  if (isCrossplaneRole(role) || fixedCrossplaneRole(ref)) {
    return {
      routeName: ROUTES.crossplaneObject.name,
      params: {
        objectCluster,
        group: emptyParam(ref.group),
        kind: ref.kind,
        namespace: emptyParam(ref.namespace),
        name: ref.name,
      },
    };
  }
  return undefined;
}

/** The commit page of a sha (hex only; anything else has no page). */
export function commitRoute(sha: string | undefined): RouteTarget | undefined {
  return sha && /^[0-9a-f]{7,64}$/i.test(sha)
    ? { routeName: ROUTES.commit.name, params: { sha: sha.toLowerCase() } }
    : undefined;
}
