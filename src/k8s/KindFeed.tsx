import { K8s } from '@kinvolk/headlamp-plugin/lib';
import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import { useEffect } from 'react';
import { ClassSpec, resourceClass } from './resourceClasses';
import { ListError } from './visibility';

/** What one list delivered: Headlamp objects (kept for patching) and errors. */
export interface FeedResult {
  items: KubeObject[] | null;
  errors: ListError[];
}

export type FeedListener = (feedKey: string, result: FeedResult) => void;
/** A list finished reading (its first answer, or a timed re-read): when. */
export type ReadListener = (feedKey: string, at: number) => void;

interface ListResult {
  items: KubeObject[] | null;
  errors: ListError[] | null;
  isFetching?: boolean;
}

/** What every feed takes: where to report, and whether to re-list on a timer instead of watching. */
interface FeedProps {
  feedKey: string;
  cluster: string;
  onResult: FeedListener;
  onRead?: ReadListener;
  /** Re-list every so many ms instead of watching (Headlamp opens no WebSocket then). */
  refetchInterval?: number;
}

function useReport(
  { feedKey, onResult, onRead }: Pick<FeedProps, 'feedKey' | 'onResult' | 'onRead'>,
  result: ListResult
): void {
  const { items, errors, isFetching } = result;
  useEffect(() => {
    onResult(feedKey, { items, errors: errors ?? [] });
  }, [feedKey, items, errors, onResult]);
  // A read is done when fetching stops with an answer (a re-read of an unchanged list changes no item).
  const answered = items !== null || (errors?.length ?? 0) > 0;
  useEffect(() => {
    if (!isFetching && answered) onRead?.(feedKey, Date.now());
  }, [feedKey, isFetching, answered, onRead]);
}

function listOptions(
  cluster: string,
  refetchInterval: number | undefined,
  query: Record<string, string | undefined>
) {
  const options: Record<string, string | number> = { cluster };
  for (const [name, value] of Object.entries(query)) if (value) options[name] = value;
  if (refetchInterval) options.refetchInterval = refetchInterval;
  return options;
}

/**
 * Lists (and watches) one kind in one cluster with Headlamp's `useList` and
 * reports what it gets. Renders nothing: one element per kind keeps the
 * number of hooks fixed while the set of kinds changes at run time.
 */
export function KindFeed({
  spec,
  labelSelector,
  namespace,
  ...props
}: FeedProps & {
  spec: ClassSpec;
  /** Only objects with these labels (Kubernetes label-selector syntax). */
  labelSelector?: string;
  /** Only this namespace. */
  namespace?: string;
}) {
  const cls = resourceClass(spec);
  const result = cls.useList(
    listOptions(props.cluster, props.refetchInterval, { labelSelector, namespace })
  ) as unknown as ListResult;
  useReport(props, result);
  return null;
}

/** Warning events of one cluster: one list, used as evidence by the rules. */
export function WarningEventFeed(props: FeedProps) {
  const result = K8s.event.default.useList(
    listOptions(props.cluster, props.refetchInterval, { fieldSelector: 'type=Warning' })
  ) as unknown as ListResult;
  useReport(props, result);
  return null;
}

/** CustomResourceDefinitions of one cluster, to find XR, claim and managed-resource kinds. */
export function CrdFeed(props: FeedProps) {
  // Headlamp's own CRD class: the same queries as Headlamp's sidebar, so no extra request
  // (it also probes apiextensions.k8s.io/v1beta1, as Headlamp itself does).
  const result = K8s.crd.default.useList(
    listOptions(props.cluster, props.refetchInterval, {})
  ) as unknown as ListResult;
  useReport(props, result);
  return null;
}
