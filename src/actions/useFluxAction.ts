import { useCallback } from 'react';
import { useFluxCrossplane } from '../k8s/FluxCrossplaneData';
import { isSuspended } from '../model/health';
import { sourceRefOf } from '../model/join';
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
import { useRequestTracker } from './requestTracker';

export type FluxActionKind =
  | 'reconcile'
  | 'reconcile-with-source'
  | 'suspend'
  | 'resume'
  | 'force'
  | 'reset';

export function sourceOf(resource: Resource): ObjectRef | undefined {
  return resource.kind === 'HelmRelease' ? helmReleaseSourceOf(resource) : sourceRefOf(resource);
}

/** Actions that ask the controller to run, and so make no sense while suspended. */
export function needsRunning(action: FluxActionKind): boolean {
  return action !== 'suspend' && action !== 'resume';
}

function objectPatch(action: FluxActionKind, token: string): MergePatch {
  switch (action) {
    case 'resume':
      return resumePatch(token);
    case 'force':
      return forcePatch(token);
    case 'reset':
      return resetPatch(token);
    default:
      return reconcilePatch(token);
  }
}

/**
 * Runs one Flux action on one object with the flux CLI's semantics, through the
 * plugin's request tracker: pending until `status.lastHandledReconcileAt` equals
 * the request, then Ready or the failure message; the tracker gives up after its
 * timeout. Reconcile with source asks the source first.
 */
export function useFluxAction(resource: Resource) {
  const data = useFluxCrossplane();
  const current = data.index.get(resource) ?? resource;
  const sourceRef = sourceOf(resource);
  const source = sourceRef ? data.index.get(sourceRef) : undefined;
  const { request, busy, send, sendViaSource, refuse } = useRequestTracker(resource, source);

  const run = useCallback(
    async (action: FluxActionKind) => {
      if (needsRunning(action) && isSuspended(current)) {
        refuse(action, 'suspended');
        return;
      }
      if (action === 'suspend') {
        await send(action, suspendPatch());
        return;
      }
      const token = requestToken();
      if (action === 'reconcile-with-source' && source) {
        await sendViaSource(action, reconcilePatch(token), token, reconcilePatch(token));
        return;
      }
      await send(action, objectPatch(action, token), { track: { token, settle: 'ready' } });
    },
    [current, source, send, sendViaSource, refuse]
  );

  return { request, busy, run, hasSource: !!source };
}
