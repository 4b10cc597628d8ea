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

interface ListResult {
  items: KubeObject[] | null;
  errors: ListError[] | null;
}

function useReport(feedKey: string, result: ListResult, onResult: FeedListener): void {
  const { items, errors } = result;
  useEffect(() => {
    onResult(feedKey, { items, errors: errors ?? [] });
  }, [feedKey, items, errors, onResult]);
}

/**
 * Lists (and watches) one kind in one cluster with Headlamp's `useList` and
 * reports what it gets. Renders nothing: one element per kind keeps the
 * number of hooks fixed while the set of kinds changes at run time.
 */
export function KindFeed({
  feedKey,
  spec,
  cluster,
  labelSelector,
  namespace,
  onResult,
}: {
  feedKey: string;
  spec: ClassSpec;
  cluster: string;
  /** Only objects with these labels (Kubernetes label-selector syntax). */
  labelSelector?: string;
  /** Only this namespace. */
  namespace?: string;
  onResult: FeedListener;
}) {
  const cls = resourceClass(spec);
  const result = cls.useList({
    cluster,
    ...(labelSelector ? { labelSelector } : {}),
    ...(namespace ? { namespace } : {}),
  }) as unknown as ListResult;
  useReport(feedKey, result, onResult);
  return null;
}

/** Warning events of one cluster: one list, used as evidence by the rules. */
export function WarningEventFeed({
  feedKey,
  cluster,
  onResult,
}: {
  feedKey: string;
  cluster: string;
  onResult: FeedListener;
}) {
  const result = K8s.event.default.useList({
    cluster,
    fieldSelector: 'type=Warning',
  }) as unknown as ListResult;
  useReport(feedKey, result, onResult);
  return null;
}

/** CustomResourceDefinitions of one cluster, to find XR, claim and managed-resource kinds. */
export function CrdFeed({
  feedKey,
  cluster,
  onResult,
}: {
  feedKey: string;
  cluster: string;
  onResult: FeedListener;
}) {
  // Headlamp's own CRD class: the same queries as Headlamp's sidebar, so no extra request
  // (it also probes apiextensions.k8s.io/v1beta1, as Headlamp itself does).
  const result = K8s.crd.default.useList({ cluster }) as unknown as ListResult;
  useReport(feedKey, result, onResult);
  return null;
}
