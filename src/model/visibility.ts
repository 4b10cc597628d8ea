/**
 * What the reader of the cluster could not see. A kind that could not be
 * listed is unknown, not empty: rules that need it stay silent and say so.
 * A list that has not answered yet (`pending`) is unknown too, but it is no
 * failure: it is never reported as a visibility problem.
 */
export type VisibilityReason =
  | 'pending'
  | 'forbidden'
  | 'not-found'
  | 'error'
  /** Not listed outside the chosen or allowed namespaces: a choice, not a failure. */
  | 'outside-namespaces';

export interface VisibilityGap {
  cluster: string;
  group: string;
  kind: string;
  /** Set when only one namespace could not be listed. */
  namespace?: string;
  /** For a gap over all namespaces: the namespaces that were read after all (listed one by one). */
  exceptNamespaces?: string[];
  reason: VisibilityReason;
  /** HTTP status when there was one (403, 404, 500…). */
  status?: number;
  /** The server's words, or (with `messageId`) the plugin's own English for the CLI and the rules. */
  message: string;
  /**
   * Set when `message` is the plugin's own words, not the server's: an id the UI says in the
   * reader's language from the gap's fields (src/views/common/gapText.ts).
   */
  messageId?: GapMessageId;
}

/** `not-served`: the server does not serve the kind's group; `outside-namespaces`: listed in some namespaces only. */
export type GapMessageId = 'not-served' | 'outside-namespaces';

/**
 * A list that was asked for and has not answered yet. `group` and `kind` `*`
 * stand for every kind not listed yet in that cluster (discovery or the kinds'
 * catalogue — CRDs, XRDs, provider revisions — has not answered, so which
 * kinds exist is itself unknown); fixed kinds always have their own entries.
 */
export interface PendingList {
  cluster: string;
  group: string;
  kind: string;
  /** Set when only this namespace's list is pending. */
  namespace?: string;
}

export const ANY_KIND = '*';

export function isPending(gap: Pick<VisibilityGap, 'reason'> | undefined): boolean {
  return gap?.reason === 'pending';
}

/** Whether a gap hides this namespace (`undefined`: the kind as a whole, or a cluster-scoped kind). */
export function gapCovers(
  gap: Pick<VisibilityGap, 'namespace' | 'exceptNamespaces'>,
  namespace: string | undefined
): boolean {
  if (gap.namespace !== undefined) return gap.namespace === namespace;
  return namespace === undefined || !gap.exceptNamespaces?.includes(namespace);
}

/** Failures a reader should hear of: not the pending lists, not the namespaces left out on purpose. */
export function isReadFailure(gap: Pick<VisibilityGap, 'reason'>): boolean {
  return gap.reason !== 'pending' && gap.reason !== 'outside-namespaces';
}

/** The unknown a pending list stands for, in the shape every reader of gaps understands. */
export function pendingGap(
  list: PendingList,
  kind: { group: string; kind: string } = list
): VisibilityGap {
  const gap: VisibilityGap = {
    cluster: list.cluster,
    group: kind.group,
    kind: kind.kind,
    reason: 'pending',
    message: 'still being read',
  };
  if (list.namespace !== undefined) gap.namespace = list.namespace;
  return gap;
}

export function visibilityReasonForStatus(status: number | undefined): VisibilityReason {
  if (status === 403 || status === 401) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'error';
}

export function describeGap(gap: VisibilityGap): string {
  const except = gap.exceptNamespaces?.length ? ` except ${gap.exceptNamespaces.join(', ')}` : '';
  const where = gap.namespace ? `namespace ${gap.namespace}` : `all namespaces${except}`;
  const cluster = gap.cluster ? ` in cluster ${gap.cluster}` : '';
  const what = `${gap.kind}${gap.group ? ` (${gap.group})` : ''}`;
  switch (gap.reason) {
    case 'pending':
      return `${what} in ${where}${cluster} is still being read.`;
    case 'outside-namespaces':
      return `${what} is read in namespaces ${
        (gap.exceptNamespaces ?? []).join(', ') || '(none)'
      } only${cluster}: the namespace selection leaves the rest unread.`;
    case 'forbidden':
      return `Not allowed to list ${what} in ${where}${cluster}.`;
    case 'not-found':
      return `${what} is not served${cluster}: its CRD is not installed.`;
    default:
      return `Could not list ${what} in ${where}${cluster}: ${gap.message}`;
  }
}
