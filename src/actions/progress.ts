import { findCondition, readyState } from '../model/conditions';
import { stringField } from '../model/json';
import { Resource } from '../model/resource';

/**
 * Where a reconcile request stands, read from the object as the watch
 * delivers it: the controller copies the request value to
 * `status.lastHandledReconcileAt` when it has handled it; then Ready tells
 * the outcome.
 */
export type RequestProgress =
  | { state: 'waiting' }
  | { state: 'succeeded'; message: string }
  | { state: 'failed'; message: string }
  | { state: 'timed-out'; message: string };

export const DEFAULT_REQUEST_TIMEOUT_MS = 2 * 60_000;

export function requestProgress(
  resource: Resource | undefined,
  token: string,
  startedAt: number,
  now: number,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS
): RequestProgress {
  const handled = stringField(resource?.raw, 'status', 'lastHandledReconcileAt');
  if (resource && handled === token) {
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
      message:
        handled === token
          ? 'The controller handled the request but has not reported a result yet.'
          : `The controller has not handled the request after ${Math.round(
              timeoutMs / 1000
            )} s: is it running?`,
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
  if (stringField(source.raw, 'status', 'lastHandledReconcileAt') === token) return true;
  const revision = stringField(source.raw, 'status', 'artifact', 'revision');
  return revision !== undefined && revision !== revisionBefore;
}
