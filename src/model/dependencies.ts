import { ClusterIndex } from './clusterIndex';
import { findCondition, readyState } from './conditions';
import { artifactRevisionOf, dependsOnOf, lastAppliedRevisionOf } from './fluxSpec';
import { sourceRefOf } from './join';
import { parseDuration, parseTime } from './json';
import { FLUX_HELM_GROUP, FLUX_KUSTOMIZE_GROUP } from './kinds';
import { ObjectRef, Resource } from './resource';
import { sameRevision } from './revision';

/**
 * A Kustomization or HelmRelease that waits for its `spec.dependsOn`
 * (Ready=False, reason DependencyNotReady): it has not tried its revision
 * yet, which is waiting, not failing. kustomize-controller and helm-controller
 * re-check dependencies every `--requeue-dependency` (default 30s), not on
 * spec.interval, and say so in their event ("… retrying in 30s").
 */

/** The controllers' default `--requeue-dependency`. */
export const DEPENDENCY_REQUEUE_MS = 30_000;

/**
 * - `ready`: Ready=True for its current generation (and, for a Kustomization on the
 *   same source, has applied the source's current revision);
 * - `revision-behind`: Ready, but has not applied the source revision this one waits for;
 * - `not-ready`, `not-found`;
 * - `not-visible`: it could not be listed, so its state is unknown.
 */
export type DependencyState =
  | 'ready'
  | 'revision-behind'
  | 'not-ready'
  | 'not-found'
  | 'not-visible';

export interface DependencyStatus {
  ref: ObjectRef;
  resource?: Resource;
  state: DependencyState;
}

export interface DependencyWait {
  /** Every `spec.dependsOn` entry (or the one the message names), with its state now. */
  dependencies: DependencyStatus[];
  /** Those not (yet) passing the controller's check now. */
  blocking: DependencyStatus[];
  /** Every dependency passes now: the next retry proceeds. False when one is not visible. */
  cleared: boolean;
  /** The Ready message, verbatim. */
  message: string;
  /** The newest sign of an attempt (the controller's event, else the Ready transition). */
  lastAttempt?: string;
  retryEveryMs: number;
  /** When the controller re-checks next, counted from the last attempt; absent when no attempt time is known. */
  nextRetry?: string;
}

const WAITING_MESSAGE =
  /dependency '([^'/]+)\/([^']+)' (?:is not ready|revision is not up to date|not found)/i;
const WAITING_EVENT =
  /Dependencies do not meet ready condition|dependency '[^']+' (?:is not ready|revision is not up to date|not found)/i;

/** Ready=False because a dependency is not ready (by reason, or by the controllers' message). */
export function isWaitingForDependency(resource: Resource): boolean {
  if (resource.kind !== 'Kustomization' && resource.kind !== 'HelmRelease') return false;
  const ready = findCondition(resource, 'Ready');
  if (!ready || ready.status !== 'False') return false;
  return ready.reason === 'DependencyNotReady' || WAITING_MESSAGE.test(ready.message);
}

/** The objects a Kustomization or HelmRelease depends on (`spec.dependsOn`): of its own kind. */
export function dependsOnRefs(resource: Resource): ObjectRef[] {
  const group = resource.kind === 'HelmRelease' ? FLUX_HELM_GROUP : FLUX_KUSTOMIZE_GROUP;
  return dependsOnOf(resource.raw, resource.namespace).map(({ name, namespace }) => ({
    cluster: resource.cluster,
    group,
    kind: resource.kind,
    namespace,
    name,
  }));
}

/** What the controller checks: exists, Ready for its generation, on the same source's revision. */
export function dependencyState(
  index: ClusterIndex,
  dependent: Resource,
  ref: ObjectRef
): DependencyStatus {
  const resource = index.get(ref);
  if (!resource) {
    const hidden = !!index.gapFor(ref.cluster, ref.group, ref.kind, ref.namespace);
    return { ref, state: hidden ? 'not-visible' : 'not-found' };
  }
  if (readyState(resource) !== 'true') return { ref, resource, state: 'not-ready' };
  if (dependent.kind === 'Kustomization') {
    const ownSource = sourceRefOf(dependent);
    const theirSource = sourceRefOf(resource);
    const source = ownSource ? index.get(ownSource) : undefined;
    const revision = artifactRevisionOf(source?.raw);
    if (
      ownSource &&
      theirSource &&
      ownSource.kind === theirSource.kind &&
      ownSource.namespace === theirSource.namespace &&
      ownSource.name === theirSource.name &&
      revision &&
      !sameRevision(lastAppliedRevisionOf(resource.raw), revision)
    )
      return { ref, resource, state: 'revision-behind' };
  }
  return { ref, resource, state: 'ready' };
}

/** The wait of one object, or undefined when it does not wait for a dependency. */
export function dependencyWaitOf(
  index: ClusterIndex,
  resource: Resource,
  now?: number
): DependencyWait | undefined {
  if (!isWaitingForDependency(resource)) return undefined;
  const ready = findCondition(resource, 'Ready');
  const message = ready?.message ?? '';
  const refs = dependsOnRefs(resource);
  const named = WAITING_MESSAGE.exec(message);
  if (named && !refs.some(ref => ref.namespace === named[1] && ref.name === named[2])) {
    refs.unshift({
      cluster: resource.cluster,
      group: resource.kind === 'HelmRelease' ? FLUX_HELM_GROUP : FLUX_KUSTOMIZE_GROUP,
      kind: resource.kind,
      namespace: named[1],
      name: named[2],
    });
  }
  const dependencies = refs.map(ref => dependencyState(index, resource, ref));
  const blocking = dependencies.filter(dependency => dependency.state !== 'ready');

  const attemptEvent = index
    .eventsFor(resource)
    .filter(event => WAITING_EVENT.test(event.message) && parseTime(event.lastSeen) !== undefined)
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))[0];
  const every =
    parseDuration(/retrying in (\S+?)\)?$/i.exec(attemptEvent?.message ?? '')?.[1]) ??
    DEPENDENCY_REQUEUE_MS;
  const lastAttempt = attemptEvent?.lastSeen ?? ready?.lastTransitionTime;
  const anchor = parseTime(lastAttempt);
  let nextRetry: string | undefined;
  if (anchor !== undefined && every > 0) {
    const steps = now !== undefined && now > anchor ? Math.ceil((now - anchor) / every) : 1;
    nextRetry = new Date(anchor + Math.max(1, steps) * every).toISOString();
  }
  return {
    dependencies,
    blocking,
    cleared: dependencies.length > 0 && blocking.length === 0,
    message,
    lastAttempt,
    retryEveryMs: every,
    nextRetry,
  };
}
