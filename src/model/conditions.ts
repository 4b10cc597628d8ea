import { Condition, Resource } from './resource';

/**
 * What a person should read for one condition type on one object.
 * - `true` / `false`: the condition exists, speaks for the current spec, and says so.
 * - `unknown`: the condition says `Unknown` (or an unexpected status string).
 * - `progressing`: the condition describes an older generation of the spec.
 * - `absent`: the object has no such condition (not the same as healthy).
 */
export type ConditionState = 'true' | 'false' | 'unknown' | 'progressing' | 'absent';

export function findCondition(
  resource: Pick<Resource, 'conditions'>,
  type: string
): Condition | undefined {
  return resource.conditions.find(condition => condition.type === type);
}

/** A condition is stale when its observedGeneration is behind metadata.generation. */
export function isStale(condition: Condition, generation: number | undefined): boolean {
  return (
    condition.observedGeneration !== undefined &&
    generation !== undefined &&
    condition.observedGeneration < generation
  );
}

export function conditionState(
  resource: Pick<Resource, 'conditions' | 'generation'>,
  type: string,
  statusObservedGeneration?: number
): ConditionState {
  const condition = findCondition(resource, type);
  if (!condition) return 'absent';
  const observed = condition.observedGeneration ?? statusObservedGeneration;
  if (
    observed !== undefined &&
    resource.generation !== undefined &&
    observed < resource.generation
  ) {
    return 'progressing';
  }
  if (condition.status === 'True') return 'true';
  if (condition.status === 'False') return 'false';
  return 'unknown';
}

/** `status.observedGeneration` of an object, used when conditions carry none (Flux). */
export function statusObservedGeneration(resource: Resource): number | undefined {
  const status = resource.raw.status;
  if (typeof status !== 'object' || status === null) return undefined;
  const value = (status as Record<string, unknown>).observedGeneration;
  return typeof value === 'number' ? value : undefined;
}

/**
 * The Ready state of any object, with Flux's status.observedGeneration taken into account.
 * A suspended object keeps its last verdict: setting `spec.suspend` bumps
 * metadata.generation by one and the controller, which skips suspended
 * objects, never observes it — that lag alone does not make the verdict stale.
 */
export function readyState(resource: Resource): ConditionState {
  const state = conditionState(resource, 'Ready', statusObservedGeneration(resource));
  if (state !== 'progressing' || !lagsOnlyBySuspend(resource)) return state;
  const status = findCondition(resource, 'Ready')?.status;
  return status === 'True' ? 'true' : status === 'False' ? 'false' : 'unknown';
}

/** Suspended, and the Ready condition describes the generation just before (the suspend itself). */
function lagsOnlyBySuspend(resource: Resource): boolean {
  const spec = resource.raw.spec;
  const suspended =
    typeof spec === 'object' && spec !== null && (spec as Record<string, unknown>).suspend === true;
  if (!suspended || resource.generation === undefined) return false;
  const observed =
    findCondition(resource, 'Ready')?.observedGeneration ?? statusObservedGeneration(resource);
  return observed === resource.generation - 1;
}

/**
 * The status column of `crossplane beta trace`, in its order of precedence:
 * Deleting → (not found) → Ready reason when Synced and Ready are both True →
 * else Synced reason and message → else Ready reason and message.
 * Messages are kept whole.
 */
export interface TraceStatus {
  state: 'deleting' | 'ready' | 'not-synced' | 'not-ready' | 'unknown';
  reason: string;
  message: string;
}

export function traceStatus(resource: Resource): TraceStatus {
  if (resource.deletionTimestamp) {
    return { state: 'deleting', reason: 'Deleting', message: '' };
  }
  const synced = findCondition(resource, 'Synced');
  const ready = findCondition(resource, 'Ready');
  if (synced?.status === 'True' && ready?.status === 'True') {
    return { state: 'ready', reason: ready.reason, message: ready.message };
  }
  if (synced && synced.status !== 'True') {
    return {
      state: synced.status === 'False' ? 'not-synced' : 'unknown',
      reason: synced.reason,
      message: synced.message,
    };
  }
  if (ready && ready.status !== 'True') {
    return {
      state: ready.status === 'False' ? 'not-ready' : 'unknown',
      reason: ready.reason,
      message: ready.message,
    };
  }
  if (ready?.status === 'True' && !synced) {
    return { state: 'ready', reason: ready.reason, message: ready.message };
  }
  return { state: 'unknown', reason: '', message: '' };
}
