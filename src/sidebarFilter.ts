import { knownDiscovery } from './k8s/discovery';

/** Sidebar children that need an API group the current cluster does not serve (known from discovery). */
const GROUP_OF_ENTRY: Record<string, string> = {
  'fc-helmreleases': 'helm.toolkit.fluxcd.io',
  'fc-notifications': 'notification.toolkit.fluxcd.io',
};

/** Hides an entry once discovery has shown its group is not served; shows it while unknown. */
export function hiddenForCluster(entryName: string, cluster: string | null): boolean {
  const group = GROUP_OF_ENTRY[entryName];
  if (!group || !cluster) return false;
  const discovery = knownDiscovery(cluster);
  return discovery.state === 'ready' && !discovery.served.has(group);
}
