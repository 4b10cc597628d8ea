import { request } from '@kinvolk/headlamp-plugin/lib/ApiProxy';
import { useEffect, useState } from 'react';
import { parseApiGroupList, ServedGroups } from '../model/kinds';

/**
 * API discovery, once per cluster per page load: `GET /apis` tells every
 * served group and version in one request, so no page probes versions.
 */
export type Discovery =
  | { state: 'loading' }
  | { state: 'ready'; served: ServedGroups }
  | { state: 'failed'; message: string };

const discoveries = new Map<string, Promise<ServedGroups>>();
const settled = new Map<string, Discovery>();

export function discover(cluster: string): Promise<ServedGroups> {
  let pending = discoveries.get(cluster);
  if (!pending) {
    pending = request('/apis', { cluster }).then(parseApiGroupList);
    discoveries.set(cluster, pending);
    pending.then(
      served => settled.set(cluster, { state: 'ready', served }),
      error => {
        // Let a later page try again; say why now.
        discoveries.delete(cluster);
        settled.set(cluster, {
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    );
  }
  return pending;
}

/** What discovery already knows of a cluster, without starting a request (for sidebar filters). */
export function knownDiscovery(cluster: string): Discovery {
  return settled.get(cluster) ?? { state: 'loading' };
}

/** Forget cached discovery (tests, and after CRDs are installed). */
export function resetDiscovery(): void {
  discoveries.clear();
  settled.clear();
}

export function useDiscovery(clusters: readonly string[]): ReadonlyMap<string, Discovery> {
  const key = clusters.join('\n');
  const [result, setResult] = useState<ReadonlyMap<string, Discovery>>(
    () => new Map(clusters.map(cluster => [cluster, knownDiscovery(cluster)]))
  );
  useEffect(() => {
    let cancelled = false;
    const names = key ? key.split('\n') : [];
    setResult(new Map(names.map(cluster => [cluster, knownDiscovery(cluster)])));
    for (const cluster of names) {
      discover(cluster).then(
        served =>
          !cancelled &&
          setResult(previous => new Map(previous).set(cluster, { state: 'ready', served })),
        error =>
          !cancelled &&
          setResult(previous =>
            new Map(previous).set(cluster, {
              state: 'failed',
              message: error instanceof Error ? error.message : String(error),
            })
          )
      );
    }
    return () => {
      cancelled = true;
    };
  }, [key]);
  return result;
}
