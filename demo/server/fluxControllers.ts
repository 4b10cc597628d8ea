/**
 * Just enough of Flux's controllers to make actions visible: a reconcile
 * request (`reconcile.fluxcd.io/requestedAt`) or a spec change on an object
 * that is not suspended is picked up, shown as in progress, then finished
 * about a second later with `status.lastHandledReconcileAt` set to the
 * request and a Ready verdict:
 *
 * - Kustomizations are re-evaluated: dependencies (`dependsOn`) must be
 *   Ready, the source must have an artifact, and with `wait`/`timeout`/
 *   `healthChecks` every inventory object with a Ready condition must be
 *   Ready; otherwise the revision is applied.
 * - Everything else (sources, HelmReleases, …) keeps the verdict it had: the
 *   demo does not clone repositories or install charts.
 *
 * A controller that is down (its Deployment, labelled
 * `app.kubernetes.io/component: <controller>`, has Available=False, as a
 * crash loop leaves it) handles nothing: requests stay unhandled and verdicts
 * stay as they were, as with the real controllers (the real-cluster stage's
 * kustomize-controller story).
 *
 * Suspended objects are left alone, as the real controllers do. Kustomizations
 * that are Ready on their source's revision are "re-applied" every
 * `spec.interval` (their `status.history` entry is refreshed), so a demo left
 * open does not turn stale; nothing else changes on its own.
 */
import type { Change, KubeApi, KubeObject } from './kubeApi';

export const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
const FORCE_AT = 'reconcile.fluxcd.io/forceAt';
const RESET_AT = 'reconcile.fluxcd.io/resetAt';

type Json = Record<string, unknown>;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface FluxControllerOptions {
  /** From the request to its verdict (the "in progress" step comes at a quarter of it). */
  handleAfterMs?: number;
  /** How often steady Kustomizations are checked for their periodic reconcile (0: never). */
  resyncCheckMs?: number;
  /** Called with every object a controller finished, for logs. */
  onHandled?: (object: KubeObject) => void;
}

const RECONCILED_KINDS = new Set([
  'GitRepository',
  'OCIRepository',
  'Bucket',
  'HelmRepository',
  'HelmChart',
  'Kustomization',
  'HelmRelease',
  'Receiver',
]);

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function conditionsOf(object: KubeObject | undefined): Condition[] {
  const conditions = (object?.status as Json | undefined)?.conditions;
  return Array.isArray(conditions) ? (conditions as Condition[]) : [];
}

function ready(object: KubeObject | undefined): Condition | undefined {
  return conditionsOf(object).find(condition => condition.type === 'Ready');
}

function annotation(object: KubeObject | undefined, key: string): string | undefined {
  return object?.metadata.annotations?.[key];
}

function suspended(object: KubeObject): boolean {
  return (object.spec as Json | undefined)?.suspend === true;
}

/** The Flux controller that reconciles a kind (the name of its Deployment and component label). */
export function controllerOf(kind: string): string | undefined {
  if (kind === 'Kustomization') return 'kustomize-controller';
  if (kind === 'HelmRelease') return 'helm-controller';
  if (kind === 'Receiver') return 'notification-controller';
  if (['GitRepository', 'OCIRepository', 'Bucket', 'HelmRepository', 'HelmChart'].includes(kind))
    return 'source-controller';
  return undefined;
}

/** Whether the kind's controller runs: no Deployment of it (a cluster without them) counts as running. */
export function controllerRunning(api: KubeApi, kind: string): boolean {
  const name = controllerOf(kind);
  if (!name) return true;
  const deployment = api
    .list('apps', 'deployments')
    .find(
      object =>
        object.metadata.labels?.['app.kubernetes.io/component'] === name ||
        object.metadata.name === name
    );
  return !conditionsOf(deployment).some(
    condition => condition.type === 'Available' && condition.status === 'False'
  );
}

function groupOf(object: KubeObject): string {
  const apiVersion = String(object.apiVersion ?? '');
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
}

function setCondition(conditions: Condition[], next: Condition): Condition[] {
  const previous = conditions.find(condition => condition.type === next.type);
  const merged = {
    ...next,
    lastTransitionTime:
      previous && previous.status === next.status && previous.lastTransitionTime
        ? previous.lastTransitionTime
        : next.lastTransitionTime,
  };
  return [...conditions.filter(condition => condition.type !== next.type), merged];
}

/** The source a Kustomization reads (`spec.sourceRef`), as the cluster has it now. */
function sourceOf(api: KubeApi, object: KubeObject): KubeObject | undefined {
  const sourceRef = ((object.spec as Json | undefined)?.sourceRef ?? {}) as Json;
  const group = 'source.toolkit.fluxcd.io';
  const type = api
    .servedTypes()
    .find(
      candidate =>
        candidate.group === group && candidate.kind === String(sourceRef.kind ?? 'GitRepository')
    );
  if (!type) return undefined;
  return api.get(
    group,
    type.plural,
    String(sourceRef.namespace ?? object.metadata.namespace),
    String(sourceRef.name)
  );
}

/** Go durations as Flux writes them (`1h0m0s`, `10m`, `30s`), in milliseconds. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, value, , unit] of text.matchAll(/(\d+(\.\d+)?)(h|ms|m|s)/g)) {
    total +=
      Number(value) * ({ h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as Record<string, number>)[unit];
  }
  return total;
}

function duration(text: unknown): string {
  return typeof text === 'string' && text ? text : '10m0s';
}

/** What a Kustomization's reconcile concludes, from the cluster as it is now. */
function kustomizationVerdict(
  api: KubeApi,
  object: KubeObject,
  now: string
): { ready: Condition; status: Json } {
  const spec = (object.spec ?? {}) as Json;
  const status = (object.status ?? {}) as Json;
  const generation = object.metadata.generation;
  const namespace = object.metadata.namespace ?? '';
  const failed = (reason: string, message: string, attempted?: string) => ({
    ready: {
      type: 'Ready',
      status: 'False',
      reason,
      message,
      lastTransitionTime: now,
      observedGeneration: generation,
    },
    status: attempted ? { lastAttemptedRevision: attempted } : {},
  });
  for (const dependency of (spec.dependsOn as Json[] | undefined) ?? []) {
    const depNamespace = String(dependency.namespace ?? namespace);
    const found = api.get(
      'kustomize.toolkit.fluxcd.io',
      'kustomizations',
      depNamespace,
      String(dependency.name)
    );
    if (ready(found)?.status !== 'True') {
      return failed(
        'DependencyNotReady',
        `dependency '${depNamespace}/${String(dependency.name)}' is not ready`
      );
    }
  }
  const source = sourceOf(api, object);
  const revision = ((source?.status as Json | undefined)?.artifact as Json | undefined)?.revision;
  if (typeof revision !== 'string') {
    return failed('ArtifactFailed', `Source artifact not found, retrying in 30s`);
  }
  const checksHealth =
    spec.wait === true || spec.timeout !== undefined || Array.isArray(spec.healthChecks);
  if (checksHealth) {
    const waiting: string[] = [];
    const entries = ((status.inventory as Json | undefined)?.entries as Json[] | undefined) ?? [];
    for (const entry of entries) {
      const [entryNamespace, name, group, kind] = String(entry.id).split('_');
      const type = api
        .servedTypes()
        .find(candidate => candidate.group === group && candidate.kind === kind);
      const target = type && api.get(group, type.plural, entryNamespace || undefined, name);
      const condition = ready(target);
      if (target && condition && condition.status !== 'True') {
        waiting.push(
          `${kind}/${entryNamespace ? `${entryNamespace}/` : ''}${name} status: 'InProgress'`
        );
      }
    }
    if (waiting.length) {
      return failed(
        'HealthCheckFailed',
        `health check failed after ${duration(spec.timeout).replace(
          /s$/,
          '.012s'
        )}: timeout waiting for: [${waiting.join(', ')}]`,
        revision
      );
    }
  }
  const history = Array.isArray(status.history) ? [...(status.history as Json[])] : [];
  const current = history[0];
  if (current && (current.metadata as Json | undefined)?.revision === revision) {
    history[0] = {
      ...current,
      lastReconciled: now,
      lastReconciledStatus: 'ReconciliationSucceeded',
      totalReconciliations: Number(current.totalReconciliations ?? 0) + 1,
    };
  } else {
    history.unshift({
      digest: `sha256:${revision.slice(-8)}`,
      firstReconciled: now,
      lastReconciled: now,
      lastReconciledDuration: '1.1s',
      lastReconciledStatus: 'ReconciliationSucceeded',
      totalReconciliations: 1,
      metadata: { revision },
    });
  }
  return {
    ready: {
      type: 'Ready',
      status: 'True',
      reason: 'ReconciliationSucceeded',
      message: `Applied revision: ${revision}`,
      lastTransitionTime: now,
      observedGeneration: generation,
    },
    status: {
      lastAppliedRevision: revision,
      lastAttemptedRevision: revision,
      history: history.slice(0, 5),
    },
  };
}

interface Pending {
  token?: string;
  timers: ReturnType<typeof setTimeout>[];
  before: Condition[];
}

/** Starts the controllers on one cluster; returns the function that stops them. */
export function runFluxControllers(api: KubeApi, options: FluxControllerOptions = {}): () => void {
  const handleAfter = options.handleAfterMs ?? 1000;
  const pending = new Map<string, Pending>();

  const keyOf = (object: KubeObject) =>
    `${groupOf(object)}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;

  const finish = (change: Change, token: string | undefined, before: Condition[]) => {
    const { object } = change;
    const plural = change.resourceType.plural;
    const group = change.resourceType.group;
    const now = timestamp();
    const handled = api.mutate(
      group,
      plural,
      object.metadata.namespace,
      object.metadata.name,
      next => {
        if (suspended(next) || !controllerRunning(api, String(next.kind))) return;
        const status = { ...((next.status ?? {}) as Json) };
        let conditions = conditionsOf(next).filter(condition => condition.type !== 'Reconciling');
        if (next.kind === 'Kustomization') {
          const verdict = kustomizationVerdict(api, next, now);
          Object.assign(status, verdict.status);
          conditions = setCondition(
            conditions.filter(condition => condition.type !== 'Ready'),
            verdict.ready
          );
        } else {
          // The verdict it had before the request, observed again.
          const previous = before.filter(condition => condition.type !== 'Reconciling');
          conditions = previous.map(condition => ({
            ...condition,
            lastTransitionTime: condition.type === 'Ready' ? now : condition.lastTransitionTime,
            ...(condition.observedGeneration !== undefined
              ? { observedGeneration: next.metadata.generation }
              : {}),
          }));
        }
        status.conditions = conditions;
        status.observedGeneration = next.metadata.generation;
        if (token !== undefined) status.lastHandledReconcileAt = token;
        if (next.kind === 'HelmRelease') {
          const forceAt = annotation(next, FORCE_AT);
          const resetAt = annotation(next, RESET_AT);
          if (forceAt) status.lastHandledForceAt = forceAt;
          if (resetAt) {
            status.lastHandledResetAt = resetAt;
          }
        }
        next.status = status;
      }
    );
    if (handled) options.onHandled?.(handled);
  };

  const start = (change: Change, token: string | undefined) => {
    const key = keyOf(change.object);
    const existing = pending.get(key);
    for (const timer of existing?.timers ?? []) clearTimeout(timer);
    // Keep the verdict from before the first request of a burst.
    const before = existing?.before ?? conditionsOf(change.previous ?? change.object);
    const entry: Pending = { token, timers: [], before };
    pending.set(key, entry);
    entry.timers.push(
      setTimeout(() => {
        const { object } = change;
        const now = timestamp();
        const message =
          object.kind === 'Kustomization'
            ? `Fetching manifests for revision ${String(
                ((sourceOf(api, object)?.status as Json | undefined)?.artifact as Json | undefined)
                  ?.revision ?? 'unknown'
              )} with a timeout of ${duration(
                (object.spec as Json).timeout ?? (object.spec as Json).interval
              )}`
            : 'Reconciliation in progress';
        api.mutate(
          change.resourceType.group,
          change.resourceType.plural,
          object.metadata.namespace,
          object.metadata.name,
          next => {
            if (suspended(next) || !controllerRunning(api, String(next.kind))) return;
            const status = { ...((next.status ?? {}) as Json) };
            let conditions = conditionsOf(next);
            conditions = setCondition(conditions, {
              type: 'Reconciling',
              status: 'True',
              reason: 'Progressing',
              message,
              lastTransitionTime: now,
              observedGeneration: next.metadata.generation,
            });
            conditions = setCondition(conditions, {
              type: 'Ready',
              status: 'Unknown',
              reason: 'Progressing',
              message: 'Reconciliation in progress',
              lastTransitionTime: now,
              observedGeneration: next.metadata.generation,
            });
            status.conditions = conditions;
            next.status = status;
          }
        );
      }, Math.round(handleAfter / 4))
    );
    entry.timers.push(
      setTimeout(() => {
        pending.delete(key);
        finish(change, token, before);
      }, handleAfter)
    );
  };

  const stop = api.onChange(change => {
    const { object, previous } = change;
    if (change.type !== 'MODIFIED' || !previous) return;
    if (
      !groupOf(object).endsWith('.toolkit.fluxcd.io') ||
      !RECONCILED_KINDS.has(String(object.kind))
    )
      return;
    if (suspended(object) || !controllerRunning(api, String(object.kind))) return;
    const token = annotation(object, REQUESTED_AT);
    const requested =
      token !== undefined &&
      token !== annotation(previous, REQUESTED_AT) &&
      token !== (object.status as Json | undefined)?.lastHandledReconcileAt;
    const specChanged = object.metadata.generation !== previous.metadata.generation;
    if (requested || specChanged) start(change, requested ? token : undefined);
  });

  /** The periodic reconcile of steady Kustomizations: same revision, still Ready. */
  const resync = () => {
    const now = Date.now();
    for (const object of api.list('kustomize.toolkit.fluxcd.io', 'kustomizations')) {
      const status = (object.status ?? {}) as Json;
      const history = Array.isArray(status.history) ? (status.history as Json[]) : [];
      const last = Date.parse(String(history[0]?.lastReconciled ?? ''));
      const interval = parseDuration((object.spec as Json | undefined)?.interval);
      if (
        suspended(object) ||
        !controllerRunning(api, 'Kustomization') ||
        ready(object)?.status !== 'True' ||
        conditionsOf(object).some(condition => condition.type === 'Reconciling') ||
        (history[0]?.metadata as Json | undefined)?.revision !== status.lastAppliedRevision ||
        Number.isNaN(last) ||
        interval === undefined ||
        now - last < interval ||
        pending.has(keyOf(object))
      )
        continue;
      api.mutate(
        'kustomize.toolkit.fluxcd.io',
        'kustomizations',
        object.metadata.namespace,
        object.metadata.name,
        next => {
          const nextStatus = { ...((next.status ?? {}) as Json) };
          const entries = [...((nextStatus.history as Json[] | undefined) ?? [])];
          if (!entries[0]) return;
          entries[0] = {
            ...entries[0],
            lastReconciled: timestamp(),
            totalReconciliations: Number(entries[0].totalReconciliations ?? 0) + 1,
          };
          nextStatus.history = entries;
          next.status = nextStatus;
        }
      );
    }
  };
  const resyncTimer =
    (options.resyncCheckMs ?? 30_000) > 0
      ? setInterval(resync, options.resyncCheckMs ?? 30_000)
      : undefined;
  resyncTimer?.unref();

  return () => {
    stop();
    if (resyncTimer) clearInterval(resyncTimer);
    for (const entry of pending.values()) for (const timer of entry.timers) clearTimeout(timer);
    pending.clear();
  };
}
