import { asNumber, field, stringField } from './json';
import { refKey, splitApiVersion } from './resource';

/** A Kubernetes Event (core/v1 or events.k8s.io/v1), reduced to what a person reads. */
export interface KubeEvent {
  cluster: string;
  /** `Normal` or `Warning` (verbatim). */
  type: string;
  reason: string;
  message: string;
  count: number;
  /** The newest time the event says it happened, ISO text. */
  lastSeen?: string;
  involved: { group: string; kind: string; namespace: string; name: string; uid: string };
  /** Which controller reported it (`kustomize-controller`, …). */
  source: string;
  /** The revision Flux attached to the event (`<group>/revision` annotation), when any. */
  revision?: string;
}

/** Reads an Event object; undefined when it names no involved object. */
export function toKubeEvent(raw: unknown, cluster: string): KubeEvent | undefined {
  const involvedRaw = field(raw, 'involvedObject') ?? field(raw, 'regarding');
  const kind = stringField(involvedRaw, 'kind');
  const name = stringField(involvedRaw, 'name');
  if (!kind || !name) return undefined;
  const namespace = stringField(involvedRaw, 'namespace') ?? '';
  return {
    cluster,
    type: stringField(raw, 'type') ?? '',
    reason: stringField(raw, 'reason') ?? '',
    message: stringField(raw, 'message') ?? stringField(raw, 'note') ?? '',
    count: asNumber(field(raw, 'count')) ?? asNumber(field(raw, 'series', 'count')) ?? 1,
    lastSeen:
      stringField(raw, 'lastTimestamp') ??
      stringField(raw, 'series', 'lastObservedTime') ??
      stringField(raw, 'eventTime') ??
      stringField(raw, 'metadata', 'creationTimestamp'),
    involved: {
      group: splitApiVersion(stringField(involvedRaw, 'apiVersion')).group,
      kind,
      namespace,
      name,
      uid: stringField(involvedRaw, 'uid') ?? '',
    },
    source:
      stringField(raw, 'source', 'component') ??
      stringField(raw, 'reportingController') ??
      stringField(raw, 'reportingComponent') ??
      '',
    revision:
      stringField(raw, 'metadata', 'annotations', 'kustomize.toolkit.fluxcd.io/revision') ??
      stringField(raw, 'metadata', 'annotations', 'helm.toolkit.fluxcd.io/revision') ??
      stringField(raw, 'metadata', 'annotations', 'source.toolkit.fluxcd.io/revision'),
  };
}

/** Events are matched by kind, namespace and name (their apiVersion is often absent or old). */
export function eventKey(cluster: string, kind: string, namespace: string, name: string): string {
  return refKey({ cluster, group: '*', kind, namespace, name });
}

/** Newest first. */
export function sortEvents(events: KubeEvent[]): KubeEvent[] {
  return [...events].sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
}
