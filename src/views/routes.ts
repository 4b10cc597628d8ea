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

/** Where the plugin shows an object, or undefined when it has no page for its kind (yet). */
export function routeFor(
  ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
): RouteTarget | undefined {
  const objectCluster = clusterParam(ref.cluster);
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
  return undefined;
}
