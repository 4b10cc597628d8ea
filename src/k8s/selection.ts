import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';
import { NamespacePlan } from './feedPlan';
import { allowedNamespaces, useChosenNamespaces } from './namespaces';
import { namespacesToList, runtimeNamespaces } from './namespaceScope';

/** Which clusters and namespaces the plugin reads: Headlamp's selection, and the allowed namespaces. */

export function useSelectedClusterNames(): string[] {
  const selected = K8s.useSelectedClusters();
  const current = K8s.useCluster();
  const names = selected.length ? selected : current ? [current] : [];
  const key = names.join('\n');
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}

/** Per cluster, where namespaced kinds are listed: objects by the chooser and allowed namespaces, controllers by allowed ones. */
export function useNamespacePlans(clusters: string[]): {
  objects: NamespacePlan;
  runtime: NamespacePlan;
  key: string;
} {
  const chosen = useChosenNamespaces();
  const allowed = clusters.map(cluster => allowedNamespaces(cluster));
  const key = `${chosen.join(',')}|${allowed.map(list => list.join(',')).join(';')}`;
  return useMemo(() => {
    const byCluster = new Map(
      clusters.map((cluster, i) => [
        cluster,
        { objects: namespacesToList(chosen, allowed[i]), runtime: runtimeNamespaces(allowed[i]) },
      ])
    );
    return {
      objects: cluster => byCluster.get(cluster)?.objects,
      runtime: cluster => byCluster.get(cluster)?.runtime,
      key,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` summarizes chosen and allowed
  }, [clusters, key]);
}
