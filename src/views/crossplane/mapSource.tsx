import { Icon } from '@iconify/react';
import { Link } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import type {
  GraphEdge,
  GraphNode,
  GraphSource,
} from '@kinvolk/headlamp-plugin/lib/components/resourceMap/graph/graphModel';
import Box from '@mui/material/Box';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { PLUGIN_ICON } from '../../icons';
import { FluxCrossplaneData, useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { crossplaneRoleOf } from '../../model/crossplaneRole';
import { HealthSummary } from '../../model/health';
import { ObjectRef } from '../../model/resource';
import { VisibilityGap } from '../../model/visibility';
import { fluxCrossplaneGraph } from '../../viewModels/resourceMap';
import { statusMessage } from '../common/gapText';
import { HealthChip } from '../common/HealthChip';
import { objectLabel } from '../common/ObjectLink';
import { routeFor, RouteTarget } from '../routes';

/**
 * Headlamp's map, fed by this plugin: Kustomization → the objects it applied
 * → what Crossplane composed below them, coloured by state.
 *
 * A map source's `useData` is one hook with a fixed shape, but the kinds to
 * list (XRs, claims, managed resources) are only known at run time, and the
 * plugin lists each kind with one component per kind. So the data comes from
 * the plugin's one store (its host is mounted once, beside every route): the
 * map asks for it like a page does, and shares the same lists, watches and
 * index, one request per kind per cluster.
 */

interface NodeData {
  ref: ObjectRef;
  summary: HealthSummary;
  /** The plugin's page for the object (the map's panel has no index to tell XRs and MRs apart). */
  route?: RouteTarget;
  /** What hides the object, when it is not visible (its message is said in the reader's language). */
  gap?: VisibilityGap;
}

function MapNodeDetails({ node }: { node: GraphNode }) {
  const t = useT();
  const data = node.data as NodeData | undefined;
  if (!data) return null;
  const message = statusMessage(t, data.summary, data.gap);
  return (
    <Box sx={{ p: 1 }}>
      <Box>
        {data.route ? (
          <Link
            routeName={data.route.routeName}
            params={data.route.params}
            activeCluster={data.ref.cluster || undefined}
          >
            {objectLabel(data.ref)}
          </Link>
        ) : (
          <span>{objectLabel(data.ref)}</span>
        )}{' '}
        <HealthChip summary={data.summary} />
      </Box>
      {message ? <Box sx={{ mt: 1 }}>{message}</Box> : null}
      <Box sx={{ mt: 1, color: 'text.secondary' }}>
        {t('Open the page for the trace up and down, events and provenance.')}
      </Box>
    </Box>
  );
}

/** The map's nodes and edges for the published data (pure apart from the Headlamp objects attached). */
export function mapGraphFor(data: FluxCrossplaneData): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const graph = fluxCrossplaneGraph(data.index);
  const nodes: GraphNode[] = graph.nodes.map(node => {
    const kubeObject = node.resource ? data.objectFor(node.resource) : undefined;
    const name = node.ref.namespace ? `${node.ref.namespace}/${node.ref.name}` : node.ref.name;
    return {
      id: node.id,
      ...(kubeObject ? { kubeObject } : { label: name, subtitle: node.ref.kind }),
      status: node.status,
      detailsComponent: MapNodeDetails,
      data: {
        ref: node.ref,
        summary: node.summary,
        route: routeFor(node.ref, crossplaneRoleOf(data.index, node.ref)),
        ...(node.summary.health === 'not-visible'
          ? {
              gap: data.index.gapFor(
                node.ref.cluster,
                node.ref.group,
                node.ref.kind,
                node.ref.namespace || undefined
              ),
            }
          : {}),
      } satisfies NodeData,
    };
  });
  return { nodes, edges: graph.edges };
}

export const fluxCrossplaneMapSource: GraphSource = {
  id: 'flux-crossplane',
  label: 'Flux + Crossplane',
  icon: <Icon icon={PLUGIN_ICON} width="100%" height="100%" />,
  useData() {
    const data = useFluxCrossplane();
    // Nothing to draw is not "no objects" while the lists are still being read.
    const ready = !data.loading || data.index.resources.length > 0;
    return useMemo(() => (ready ? mapGraphFor(data) : null), [data, ready]);
  },
};
