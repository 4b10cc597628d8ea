import { Link } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { ObjectRef } from '../../model/resource';
import { routeFor } from '../routes';

export function objectLabel(
  ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>,
  withKind = true
): string {
  const name = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return withKind ? `${ref.kind} ${name}` : name;
}

/** A link to the plugin's page for the object, or its name when the plugin has no page for the kind. */
export function ObjectLink({
  target,
  withKind = true,
  children,
}: {
  target: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>;
  withKind?: boolean;
  children?: React.ReactNode;
}) {
  const route = routeFor(target);
  const text = children ?? objectLabel(target, withKind);
  if (!route) return <span>{text}</span>;
  return (
    <Link
      routeName={route.routeName}
      params={route.params}
      activeCluster={target.cluster || undefined}
    >
      {text}
    </Link>
  );
}
