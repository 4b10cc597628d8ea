import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';
import { useSelector } from 'react-redux';

/**
 * Which namespaces the plugin lists namespaced kinds in: Headlamp's namespace
 * chooser (empty: all) within the cluster's allowed namespaces (cluster
 * settings; empty: no limit). `undefined` means cluster-wide.
 */
export function namespacesToList(
  chosen: readonly string[],
  allowed: readonly string[]
): string[] | undefined {
  if (chosen.length === 0) return allowed.length ? [...allowed].sort() : undefined;
  const wanted = allowed.length ? chosen.filter(namespace => allowed.includes(namespace)) : chosen;
  return [...new Set(wanted)].sort();
}

/** Controllers are listed wherever they run, the chooser aside; only allowed namespaces limit that. */
export function runtimeNamespaces(allowed: readonly string[]): string[] | undefined {
  return allowed.length ? [...allowed].sort() : undefined;
}

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
