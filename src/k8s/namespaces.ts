import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';
import { useSelector } from 'react-redux';

/** Headlamp's namespace chooser and allowed namespaces, read for the store's plan. */
interface FilterState {
  filter?: { namespaces?: ReadonlySet<string> };
}

/** The namespaces picked in Headlamp's namespace chooser (empty: all). */
export function useChosenNamespaces(): string[] {
  const chosen = useSelector((state: FilterState) => state.filter?.namespaces);
  const key = chosen ? [...chosen].sort().join('\n') : '';
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}

/** The cluster's allowed namespaces (Headlamp's cluster settings). */
export function allowedNamespaces(cluster: string): string[] {
  return K8s.cluster.getAllowedNamespaces(cluster);
}
