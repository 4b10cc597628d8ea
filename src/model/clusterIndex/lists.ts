import { kindInfo } from '../kinds';
import { kindKey } from '../resource';
import { ANY_KIND, gapCovers, pendingGap, PendingList, VisibilityGap } from '../visibility';
import { ListedRecord } from './input';

/**
 * What the reader could see of each kind: the lists that failed, the lists that have not
 * answered yet, and (when the reader plans its lists) the lists that answered. Pending is
 * unknown, never empty and never a failure.
 */
export class ListVisibility {
  /** Lists that failed (pending lists are not failures: see `pending`). */
  readonly visibility: VisibilityGap[];
  /** Lists that have not answered yet. */
  readonly pending: PendingList[];
  /** `cluster|group|kind` → the label selectors it was listed with (`''`: whole); unset: not planned. */
  private readonly listedKinds?: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(
    visibility: readonly VisibilityGap[],
    pending: readonly PendingList[],
    listed: readonly ListedRecord[] | undefined,
    /** Whether the index holds objects of a kind in a cluster (a kind with objects was listed). */
    private readonly hasObjects: (cluster: string, group: string, kind: string) => boolean
  ) {
    this.visibility = [...visibility];
    this.pending = [...pending];
    if (listed) {
      const byKind = new Map<string, Set<string>>();
      for (const record of listed) {
        const key = kindKey(record.cluster, record.group, record.kind);
        const selectors = byKind.get(key) ?? new Set<string>();
        selectors.add(record.labelSelector ?? '');
        byKind.set(key, selectors);
      }
      this.listedKinds = byKind;
    }
  }

  /** See ClusterIndex.gapFor. */
  gapFor(
    cluster: string,
    group: string,
    kind: string,
    namespace?: string
  ): VisibilityGap | undefined {
    return (
      this.visibility.find(
        gap =>
          gap.cluster === cluster &&
          gap.group === group &&
          gap.kind === kind &&
          gapCovers(gap, namespace)
      ) ??
      this.pendingGapFor(
        cluster,
        group,
        kind,
        list => list.namespace === undefined || list.namespace === namespace
      )
    );
  }

  /** See ClusterIndex.anyGapFor. */
  anyGapFor(cluster: string, group: string, kind: string): VisibilityGap | undefined {
    return (
      this.visibility.find(
        gap => gap.cluster === cluster && gap.group === group && gap.kind === kind
      ) ?? this.pendingGapFor(cluster, group, kind, () => true)
    );
  }

  /** See ClusterIndex.listedWith. */
  listedWith(cluster: string, group: string, kind: string): ReadonlySet<string> | undefined {
    if (!this.listedKinds) return undefined;
    return this.listedKinds.get(kindKey(cluster, group, kind)) ?? new Set();
  }

  /** See ClusterIndex.isPending. */
  isPending(cluster: string, group: string, kind: string, namespace?: string): boolean {
    return (
      this.pendingGapFor(
        cluster,
        group,
        kind,
        list =>
          namespace === undefined || list.namespace === undefined || list.namespace === namespace
      ) !== undefined
    );
  }

  private pendingGapFor(
    cluster: string,
    group: string,
    kind: string,
    inNamespace: (list: PendingList) => boolean
  ): VisibilityGap | undefined {
    const exact = this.pending.find(
      list =>
        list.cluster === cluster && list.group === group && list.kind === kind && inNamespace(list)
    );
    if (exact) return pendingGap(exact);
    // Kinds not listed yet while the catalogue of kinds is still being read: unknown too.
    // Fixed kinds always have their own entries; a kind with objects in the index was listed.
    const any = this.pending.find(list => list.cluster === cluster && list.kind === ANY_KIND);
    if (any && !kindInfo(group, kind) && !this.hasObjects(cluster, group, kind))
      return pendingGap(any, { group, kind });
    return undefined;
  }
}
