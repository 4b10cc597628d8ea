/**
 * What the reader of the cluster could not see. A kind that could not be
 * listed is unknown, not empty: rules that need it stay silent and say so.
 */
export type VisibilityReason = 'forbidden' | 'not-found' | 'error';

export interface VisibilityGap {
  cluster: string;
  group: string;
  kind: string;
  /** Set when only one namespace could not be listed. */
  namespace?: string;
  reason: VisibilityReason;
  /** HTTP status when there was one (403, 404, 500…). */
  status?: number;
  message: string;
}

export function visibilityReasonForStatus(status: number | undefined): VisibilityReason {
  if (status === 403 || status === 401) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'error';
}

export function describeGap(gap: VisibilityGap): string {
  const where = gap.namespace ? `namespace ${gap.namespace}` : 'all namespaces';
  const cluster = gap.cluster ? ` in cluster ${gap.cluster}` : '';
  const what = `${gap.kind}${gap.group ? ` (${gap.group})` : ''}`;
  switch (gap.reason) {
    case 'forbidden':
      return `Not allowed to list ${what} in ${where}${cluster}.`;
    case 'not-found':
      return `${what} is not served${cluster}: its CRD is not installed.`;
    default:
      return `Could not list ${what} in ${where}${cluster}: ${gap.message}`;
  }
}
