import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useFluxCrossplane } from '../k8s/FluxCrossplaneData';
import { artifactRevisionOf } from '../model/fluxSpec';
import { ObjectRef, refKey, refOf, Resource } from '../model/resource';
import { MergePatch } from './patches';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  RequestProgress,
  requestProgress,
  Settle,
  sourceRequestHandled,
} from './progress';

/**
 * The one request tracker of the plugin, for Flux and Crossplane actions alike.
 * A request lives here, keyed by its object's `refKey`, not in the component
 * that sent it: a banner or action bar that re-renders, moves or is
 * remounted while the controller works shows the same request, and the
 * progress stays where the buttons are.
 */
export type RequestState =
  | { state: 'sending' }
  /** Reconcile with source: the source was asked first; the object follows once it handled that. */
  | { state: 'waiting-for-source'; source: ObjectRef }
  | { state: 'source-timed-out'; source: ObjectRef; waitedSeconds: number }
  | { state: 'tracking'; progress: RequestProgress }
  /** Sent, and nothing to wait for (suspend, pause): the API server accepted it. */
  | { state: 'accepted' }
  /** Not sent: the action makes no sense in the object's state. */
  | { state: 'refused'; reason: 'suspended' }
  /** `message`: the API server's words, or with `messageId` the plugin's own (the view says those). */
  | { state: 'error'; status?: number; message: string; messageId?: PatchErrorId };

/** `not-loaded`: the object to patch is not loaded in the page. */
export type PatchErrorId = 'not-loaded';

/** A patch not sent for a reason of the plugin's own, named by an id the view says in words. */
class PatchNotSent extends Error {
  constructor(readonly messageId: PatchErrorId, english: string) {
    super(english);
  }
}

export interface TrackedRequest {
  readonly id: number;
  /** What was asked (`reconcile`, `force`, `pause`…): the views name it. */
  readonly action: string;
  readonly startedAt: number;
  readonly state: RequestState;
  readonly token?: string;
  readonly settle?: Settle;
  /** For reconcile with source: what goes to the object once the source handled its request. */
  readonly sourceRevisionBefore?: string;
  readonly then?: MergePatch;
}

const requests = new Map<string, TrackedRequest>();
const listeners = new Set<() => void>();
let nextId = 1;
let timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;

function emit(): void {
  for (const listener of listeners) listener();
}

function put(key: string, request: TrackedRequest): void {
  requests.set(key, request);
  emit();
}

/** Replaces a request only if it is still the one the caller saw (two views may evaluate it). */
function replace(key: string, seen: TrackedRequest, next: TrackedRequest): boolean {
  if (requests.get(key) !== seen) return false;
  put(key, next);
  return true;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How long a request is followed before the tracker gives up and says what to check. */
export function requestTimeoutMs(): number {
  return timeoutMs;
}

/** Sets the give-up time (tests use a short one); without an argument restores the default. */
export function setRequestTimeout(ms: number = DEFAULT_REQUEST_TIMEOUT_MS): void {
  timeoutMs = ms;
}

/** Forgets every request (tests). */
export function resetRequests(): void {
  requests.clear();
  nextId = 1;
  emit();
}

/** Whether a request still waits for an answer (buttons stay disabled meanwhile). */
export function isInFlight(request: TrackedRequest | undefined): boolean {
  if (!request) return false;
  const { state } = request;
  return (
    state.state === 'sending' ||
    state.state === 'waiting-for-source' ||
    (state.state === 'tracking' && state.progress.state === 'waiting')
  );
}

/** The request on one object, re-rendered on every change. */
export function useRequestOn(ref: ObjectRef): TrackedRequest | undefined {
  const key = refKey(ref);
  return useSyncExternalStore(
    subscribe,
    () => requests.get(key),
    () => requests.get(key)
  );
}

/** Whether any request on any object is still waiting for its answer. */
export function useAnyInFlight(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => [...requests.values()].some(isInFlight),
    () => false
  );
}

/** The error text a person should read from a failed patch (Headlamp ApiError or anything thrown). */
export function patchErrorMessage(error: unknown): {
  status?: number;
  message: string;
  messageId?: PatchErrorId;
} {
  const status =
    typeof error === 'object' && error !== null
      ? (error as { status?: unknown }).status
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: typeof status === 'number' ? status : undefined,
    message,
    ...(error instanceof PatchNotSent ? { messageId: error.messageId } : {}),
  };
}

async function sendPatch(object: KubeObject | undefined, patch: MergePatch): Promise<void> {
  if (!object)
    throw new PatchNotSent(
      'not-loaded',
      'This object is not loaded: reload the page and try again.'
    );
  // `patch` sends application/merge-patch+json to the object's own cluster.
  await object.patch(patch);
}

export interface SendOptions {
  /** Follow the request until the controller answers (its value in `lastHandledReconcileAt`). */
  track?: { token: string; settle: Settle };
}

/**
 * Sends requests on one object and follows them: evaluated on every watch
 * update of the object (and its source) and once a second, until answered or
 * `requestTimeoutMs()` passed.
 */
export function useRequestTracker(resource: Resource, source?: Resource) {
  const data = useFluxCrossplane();
  const key = refKey(resource);
  const request = useRequestOn(resource);
  const current = data.index.get(resource) ?? resource;
  const currentSource = source ? data.index.get(source) ?? source : undefined;
  const [tick, setTick] = useState(0);
  const inFlight = isInFlight(request);

  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => setTick(value => value + 1), 1000);
    return () => clearInterval(timer);
  }, [inFlight]);

  useEffect(() => {
    if (!request || !inFlight || !request.token) return;
    const now = Date.now();
    const { state } = request;
    if (state.state === 'waiting-for-source') {
      if (sourceRequestHandled(currentSource, request.token, request.sourceRevisionBefore)) {
        const next: TrackedRequest = {
          ...request,
          startedAt: now,
          state: { state: 'tracking', progress: { state: 'waiting' } },
        };
        if (!replace(key, request, next) || !request.then) return;
        sendPatch(data.objectFor(current), request.then).catch(error =>
          replace(key, next, { ...next, state: { state: 'error', ...patchErrorMessage(error) } })
        );
      } else if (now - request.startedAt > timeoutMs) {
        replace(key, request, {
          ...request,
          state: {
            state: 'source-timed-out',
            source: state.source,
            waitedSeconds: Math.round(timeoutMs / 1000),
          },
        });
      }
      return;
    }
    if (state.state !== 'tracking') return;
    const progress = requestProgress(
      current,
      request.token,
      request.startedAt,
      now,
      timeoutMs,
      request.settle
    );
    if (progress.state !== 'waiting')
      replace(key, request, { ...request, state: { state: 'tracking', progress } });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-evaluated on every watch update and clock tick
  }, [request, current, currentSource, tick]);

  const send = useCallback(
    async (action: string, patch: MergePatch, options: SendOptions = {}) => {
      const sending: TrackedRequest = {
        id: nextId++,
        action,
        startedAt: Date.now(),
        state: { state: 'sending' },
        token: options.track?.token,
        settle: options.track?.settle,
      };
      put(key, sending);
      try {
        await sendPatch(data.objectFor(current), patch);
        replace(key, sending, {
          ...sending,
          startedAt: Date.now(),
          state: options.track
            ? { state: 'tracking', progress: { state: 'waiting' } }
            : { state: 'accepted' },
        });
      } catch (error) {
        replace(key, sending, {
          ...sending,
          state: { state: 'error', ...patchErrorMessage(error) },
        });
      }
    },
    [key, current, data]
  );

  /** Asks the source first and sends `then` to the object once the source handled it. */
  const sendViaSource = useCallback(
    async (action: string, sourcePatch: MergePatch, token: string, then: MergePatch) => {
      if (!currentSource) return;
      const sending: TrackedRequest = {
        id: nextId++,
        action,
        startedAt: Date.now(),
        state: { state: 'sending' },
        token,
        settle: 'ready',
        sourceRevisionBefore: artifactRevisionOf(currentSource.raw),
        then,
      };
      put(key, sending);
      try {
        await sendPatch(data.objectFor(currentSource), sourcePatch);
        replace(key, sending, {
          ...sending,
          startedAt: Date.now(),
          state: { state: 'waiting-for-source', source: refOf(currentSource) },
        });
      } catch (error) {
        replace(key, sending, {
          ...sending,
          state: { state: 'error', ...patchErrorMessage(error) },
        });
      }
    },
    [key, currentSource, data]
  );

  const refuse = useCallback(
    (action: string, reason: 'suspended') =>
      put(key, {
        id: nextId++,
        action,
        startedAt: Date.now(),
        state: { state: 'refused', reason },
      }),
    [key]
  );

  return { request, busy: inFlight, send, sendViaSource, refuse };
}
