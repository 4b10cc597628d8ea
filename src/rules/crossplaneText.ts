import { findCondition, isStale } from '../model/conditions';
import { KubeEvent } from '../model/events';
import { Resource } from '../model/resource';
import { conditionEvidence, eventEvidence, RuleContext, warningEvents } from './context';
import { Evidence } from './types';

/**
 * What a Crossplane object says about its trouble: the Synced and Ready
 * conditions that are not True, and its Warning events. Rules match on this
 * text; evidence shows the parts verbatim.
 *
 * Stale is not current: a condition whose observedGeneration is behind
 * metadata.generation is left out (`synced`/`ready` are then undefined). An
 * object whose Synced and Ready are both True says nothing is wrong: its
 * Warning events (kept for an hour) are history, not a verdict.
 */
export interface CrossplaneText {
  text: string;
  synced?: ReturnType<typeof findCondition>;
  ready?: ReturnType<typeof findCondition>;
  events: KubeEvent[];
  evidence: Evidence[];
}

/**
 * Synced and Ready both True about the current spec, Responsive not False:
 * nothing to diagnose. The rules ask this first, so healthy objects (most of
 * a big cluster) cost two condition lookups and no allocation.
 */
export function isQuiet(resource: Resource): boolean {
  const synced = current(resource, 'Synced');
  const ready = current(resource, 'Ready');
  return (
    synced?.status === 'True' &&
    ready?.status === 'True' &&
    findCondition(resource, 'Responsive')?.status !== 'False'
  );
}

export function crossplaneText(context: RuleContext, resource: Resource): CrossplaneText {
  const synced = current(resource, 'Synced');
  const ready = current(resource, 'Ready');
  const healthy = synced?.status === 'True' && ready?.status === 'True';
  const events = healthy ? [] : warningEvents(context, resource);
  const failingConditions = [synced, ready].filter(
    condition => condition && condition.status !== 'True'
  );
  return {
    text: [
      ...failingConditions.map(condition => condition?.message ?? ''),
      ...events.map(event => event.message),
    ].join('\n'),
    synced,
    ready,
    events,
    evidence: [
      ...failingConditions.flatMap(condition => conditionEvidence(condition)),
      ...eventEvidence(events),
    ],
  };
}

function current(resource: Resource, type: string): ReturnType<typeof findCondition> {
  const condition = findCondition(resource, type);
  return condition && !isStale(condition, resource.generation) ? condition : undefined;
}
