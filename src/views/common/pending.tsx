import { Loader } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { useT } from '../../i18n';
import type { FluxCrossplaneData } from '../../k8s/FluxCrossplaneData';

/** A kind a statement depends on. */
export interface KindRef {
  group: string;
  kind: string;
}

/**
 * Whether a statement about these kinds would rest on a list that has not
 * answered yet in one of the selected clusters (in this namespace, when given):
 * then the statement is not made and the section shows Headlamp's loader.
 */
export function pendingIn(
  data: FluxCrossplaneData,
  kinds: readonly KindRef[],
  namespace?: string
): boolean {
  return data.clusters.some(cluster =>
    kinds.some(kind => data.index.isPending(cluster, kind.group, kind.kind, namespace))
  );
}

/**
 * Whether a list these kinds come from failed (403, error) in one of the selected
 * clusters: an empty table there means unknown, never "none".
 */
export function failedIn(data: FluxCrossplaneData, kinds: readonly KindRef[]): boolean {
  return data.index.visibility.some(
    gap =>
      (gap.reason === 'forbidden' || gap.reason === 'error') &&
      data.clusters.includes(gap.cluster) &&
      kinds.some(kind => kind.group === gap.group && kind.kind === gap.kind)
  );
}

/** Headlamp's loading state for one section whose lists have not answered yet. */
export function SectionLoading() {
  const t = useT();
  return <Loader title={t('Still reading from the cluster…')} />;
}
