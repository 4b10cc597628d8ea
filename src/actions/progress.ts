import { findCondition, readyState } from '../model/conditions';
import { artifactRevisionOf, lastHandledReconcileAtOf } from '../model/fluxSpec';
import { Resource } from '../model/resource';

/**
 * Where a reconcile request stands, read from the object as the watch
 * delivers it: the controller copies the request value to
 * `status.lastHandledReconcileAt` when it has handled it (Flux and Crossplane
 * ≥ 2.3 alike); then, for Flux, Ready tells the outcome.
 */
export type RequestProgress =
  | { state: 'waiting' }
  | { state: 'succeeded'; message: string }
  | { state: 'failed'; message: string }
  /** Handled, and the outcome is whatever the object says now (Crossplane). */
  | { state: 'handled' }
  /**
   * The tracker gave up: `not-handled` when the controller never recorded the
   * request, `no-result` when it did but Ready did not settle.
   */
  | { state: 'timed-out'; reason: 'not-handled' | 'no-result'; waitedSeconds: number };

/**
 * When a request counts as answered: `ready` waits for Ready to be True or
 * False after the request was handled (Flux); `handled` stops once the
 * controller recorded it (Crossplane reports Synced/Ready on its own schedule).
 */
export type Settle = 'ready' | 'handled';

export const DEFAULT_REQUEST_TIMEOUT_MS = 2 * 60_000;

export function requestProgress(
  resource: Resource | undefined,
  token: string,
  startedAt: number,
  now: number,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  settle: Settle = 'ready'
): RequestProgress {
  const handled = lastHandledReconcileAtOf(resource?.raw) === token;
  if (resource && handled) {
    if (settle === 'handled') return { state: 'handled' };
    const ready = findCondition(resource, 'Ready');
    const state = readyState(resource);
    if (state === 'true') return { state: 'succeeded', message: ready?.message ?? '' };
    if (state === 'false')
      return { state: 'failed', message: ready?.message || ready?.reason || '' };
    // Handled, but the outcome is not in yet (Ready Unknown while it works).
  }
  if (now - startedAt > timeoutMs) {
    return {
      state: 'timed-out',
      reason: handled ? 'no-result' : 'not-handled',
      waitedSeconds: Math.round(timeoutMs / 1000),
    };
  }
  return { state: 'waiting' };
}

/** The source's artifact changed or its request was handled: a reconcile-with-source may go on to the object. */
export function sourceRequestHandled(
  source: Resource | undefined,
  token: string,
  revisionBefore: string | undefined
): boolean {
  if (!source) return false;
  if (lastHandledReconcileAtOf(source.raw) === token) return true;
  const revision = artifactRevisionOf(source.raw);
  return revision !== undefined && revision !== revisionBefore;
}
