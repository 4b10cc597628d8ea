import { VisibilityGap, visibilityReasonForStatus } from '../model/visibility';

/** The part of Headlamp's ApiError this layer reads. */
export interface ListError {
  status?: number;
  message: string;
  cluster?: string;
  namespace?: string;
}

/** A failed list becomes a visibility fact: forbidden (403), not served (404), or failed. */
export function gapFromError(
  error: ListError,
  kind: { group: string; kind: string; plural: string },
  cluster: string
): VisibilityGap {
  const gap: VisibilityGap = {
    cluster: error.cluster ?? cluster,
    group: kind.group,
    kind: kind.kind || kind.plural,
    reason: visibilityReasonForStatus(error.status),
    message: error.message,
  };
  if (error.status !== undefined) gap.status = error.status;
  if (error.namespace) gap.namespace = error.namespace;
  return gap;
}

export function notServedGap(
  kind: { group: string; kind: string; plural: string },
  cluster: string
): VisibilityGap {
  return {
    cluster,
    group: kind.group,
    kind: kind.kind || kind.plural,
    reason: 'not-found',
    status: 404,
    message: `the server does not serve ${kind.group}`,
    messageId: 'not-served',
  };
}

/** The namespaces left out of a namespaced kind's lists (chooser, allowed namespaces): unread, not missing. */
export function outsideNamespacesGap(
  kind: { group: string; kind: string; plural: string },
  cluster: string,
  namespaces: string[]
): VisibilityGap {
  return {
    cluster,
    group: kind.group,
    kind: kind.kind || kind.plural,
    reason: 'outside-namespaces',
    exceptNamespaces: [...namespaces],
    message: `listed in namespaces ${namespaces.join(', ') || '(none)'} only`,
    messageId: 'outside-namespaces',
  };
}
