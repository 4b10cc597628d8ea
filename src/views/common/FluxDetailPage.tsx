import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { ObjectRef, Resource } from '../../model/resource';
import { NotFound } from './NotFound';
import { PageState } from './PageState';
import { useObjectParams } from './useRouteParams';

/**
 * The frame of a Flux object's detail route: the object named by the route (its own
 * cluster, namespace, name, and kind when the route carries one), a titled section with a
 * back link, the shared loading/empty states, and "not found"/"not visible" when absent.
 */
export function FluxDetailPage({
  group,
  kind,
  children,
}: {
  group: string;
  /** Fixed kind; when absent the route's `:kind` parameter names it (sources). */
  kind?: string;
  children: (resource: Resource) => React.ReactNode;
}) {
  const t = useT();
  const data = useFluxCrossplane();
  const params = useObjectParams();
  const target: ObjectRef = {
    cluster: params.cluster,
    group,
    kind: kind ?? params.kind ?? '',
    namespace: params.namespace,
    name: params.name,
  };
  const resource = data.index.get(target);
  return (
    <SectionBox
      title={t('{{kind}} {{namespace}}/{{name}}', {
        kind: target.kind,
        namespace: params.namespace,
        name: params.name,
      })}
      backLink
    >
      <PageState>{resource ? children(resource) : <NotFound target={target} />}</PageState>
    </SectionBox>
  );
}
