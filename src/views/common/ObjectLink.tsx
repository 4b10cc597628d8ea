import { Router } from '@kinvolk/headlamp-plugin/lib';
import { Link } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useOptionalFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { crossplaneRoleOf } from '../../model/crossplaneRole';
import { ObjectRef } from '../../model/resource';
import { routeFor } from '../routes';

export function objectLabel(
  ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>,
  withKind = true
): string {
  const name = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return withKind ? `${ref.kind} ${name}` : name;
}

/** A name is one token: never broken at its hyphens or slash (kind and name stay together). */
const ONE_LINE = { whiteSpace: 'nowrap' } as const;

/** A link to the plugin's page for the object, or its name when the plugin has no page for the kind. */
export function ObjectLink({
  target,
  withKind = true,
  search,
  children,
}: {
  target: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>;
  withKind?: boolean;
  /** Query parameters of the link (`{ view: 'logs' }` opens a pod's log viewer). */
  search?: Record<string, string>;
  children?: React.ReactNode;
}) {
  const data = useOptionalFluxCrossplane();
  // The index tells XRs, claims and managed resources apart from other custom kinds.
  const route = routeFor(target, data ? crossplaneRoleOf(data.index, target) : undefined);
  const text = children ?? objectLabel(target, withKind);
  const style = children ? undefined : ONE_LINE;
  if (!route) return <span style={style}>{text}</span>;
  if (search) {
    // A plain route link: Headlamp's Link opens detail drawers, which drop the query (`?view=logs`).
    const pathname = Router.createRouteURL(route.routeName, {
      ...route.params,
      cluster: target.cluster || undefined,
    });
    return (
      <RouterLink
        to={{ pathname, search: `?${new URLSearchParams(search).toString()}` }}
        style={style}
      >
        {text}
      </RouterLink>
    );
  }
  return (
    <Link
      routeName={route.routeName}
      params={route.params}
      activeCluster={target.cluster || undefined}
      style={style}
    >
      {text}
    </Link>
  );
}
