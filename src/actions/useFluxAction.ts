import type { KubeObject } from '@kinvolk/headlamp-plugin/lib/lib/k8s/KubeObject';
import { useCallback, useEffect, useState } from 'react';
import { useFluxCrossplane } from '../k8s/FluxCrossplaneData';
import { isSuspended } from '../model/health';
import { sourceRefOf } from '../model/join';
import { stringField } from '../model/json';
import { helmReleaseSourceOf } from '../model/provenance';
import { ObjectRef, Resource } from '../model/resource';
import {
  forcePatch,
  MergePatch,
  reconcilePatch,
  requestToken,
  resetPatch,
  resumePatch,
  suspendPatch,
} from './patches';
import { RequestProgress, requestProgress, sourceRequestHandled } from './progress';

export type FluxActionKind =
  | 'reconcile'
  | 'reconcile-with-source'
  | 'suspend'
  | 'resume'
  | 'force'
  | 'reset';

export type ActionStatus =
  | { state: 'idle' }
  | { state: 'sending'; action: FluxActionKind }
  | { state: 'waiting-for-source'; action: FluxActionKind; message: string }
  | { state: 'tracking'; action: FluxActionKind; progress: RequestProgress }
  | { state: 'done'; action: FluxActionKind; message: string }
  | { state: 'refused'; action: FluxActionKind; message: string }
  | { state: 'error'; action: FluxActionKind; status?: number; message: string };

interface Running {
  action: FluxActionKind;
  token: string;
  startedAt: number;
  phase: 'source' | 'object';
  sourceRevisionBefore?: string;
}

/** The error text a person should read from a failed patch (Headlamp ApiError or anything thrown). */
export function patchErrorMessage(error: unknown): { status?: number; message: string } {
  const status =
    typeof error === 'object' && error !== null
      ? (error as { status?: unknown }).status
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return { status: typeof status === 'number' ? status : undefined, message };
}

export function sourceOf(resource: Resource): ObjectRef | undefined {
  return resource.kind === 'HelmRelease' ? helmReleaseSourceOf(resource) : sourceRefOf(resource);
}

async function send(object: KubeObject | undefined, patch: MergePatch): Promise<void> {
  if (!object) throw new Error('This object is not loaded: reload the page and try again.');
  // `patch` sends application/merge-patch+json to the object's own cluster.
  await object.patch(patch);
}

/**
 * Runs one Flux action on one object with the flux CLI's semantics and tracks
 * the outcome through the watch: pending until `status.lastHandledReconcileAt`
 * equals the request, then Ready or the failure message; a timeout says so.
 */
export function useFluxAction(resource: Resource) {
  const data = useFluxCrossplane();
  const [status, setStatus] = useState<ActionStatus>({ state: 'idle' });
  const [running, setRunning] = useState<Running | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const current = data.index.get(resource) ?? resource;
  const sourceRef = sourceOf(resource);
  const source = sourceRef ? data.index.get(sourceRef) : undefined;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick(value => value + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);

  useEffect(() => {
    if (!running) return;
    const now = Date.now();
    if (running.phase === 'source') {
      if (sourceRequestHandled(source, running.token, running.sourceRevisionBefore)) {
        const objectPatch = reconcilePatch(running.token);
        setRunning({ ...running, phase: 'object' });
        send(data.objectFor(current), objectPatch).catch(error => {
          setRunning(undefined);
          setStatus({ state: 'error', action: running.action, ...patchErrorMessage(error) });
        });
      } else if (now - running.startedAt > 120_000) {
        setRunning(undefined);
        setStatus({
          state: 'error',
          action: running.action,
          message: 'The source did not handle the request in 120 s: is source-controller running?',
        });
      }
      return;
    }
    const progress = requestProgress(current, running.token, running.startedAt, now);
    if (progress.state === 'waiting') {
      setStatus({ state: 'tracking', action: running.action, progress });
    } else {
      setRunning(undefined);
      setStatus({ state: 'tracking', action: running.action, progress });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-evaluated on every watch update and clock tick
  }, [running, current, source, tick]);

  const run = useCallback(
    async (action: FluxActionKind) => {
      const token = requestToken();
      if (
        (action === 'reconcile' ||
          action === 'reconcile-with-source' ||
          action === 'force' ||
          action === 'reset') &&
        isSuspended(current)
      ) {
        setStatus({
          state: 'refused',
          action,
          message: 'It is suspended: resume it first. Nothing was sent.',
        });
        return;
      }
      setStatus({ state: 'sending', action });
      try {
        if (action === 'suspend') {
          await send(data.objectFor(current), suspendPatch());
          setStatus({ state: 'done', action, message: 'Suspended.' });
          return;
        }
        if (action === 'reconcile-with-source' && source) {
          await send(data.objectFor(source), reconcilePatch(token));
          setRunning({
            action,
            token,
            startedAt: Date.now(),
            phase: 'source',
            sourceRevisionBefore: stringField(source.raw, 'status', 'artifact', 'revision'),
          });
          setStatus({
            state: 'waiting-for-source',
            action,
            message: `Waiting for ${source.kind} ${source.name}…`,
          });
          return;
        }
        const patch =
          action === 'resume'
            ? resumePatch(token)
            : action === 'force'
            ? forcePatch(token)
            : action === 'reset'
            ? resetPatch(token)
            : reconcilePatch(token);
        await send(data.objectFor(current), patch);
        setRunning({ action, token, startedAt: Date.now(), phase: 'object' });
        setStatus({ state: 'tracking', action, progress: { state: 'waiting' } });
      } catch (error) {
        setStatus({ state: 'error', action, ...patchErrorMessage(error) });
      }
    },
    [current, source, data]
  );

  return { status, run, hasSource: !!source };
}
