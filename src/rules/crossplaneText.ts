import { findCondition } from '../model/conditions';
import { KubeEvent } from '../model/events';
import { Resource } from '../model/resource';
import { conditionEvidence, eventEvidence, RuleContext, warningEvents } from './context';
import { Evidence } from './types';

/**
 * What a Crossplane object says about its trouble: the Synced and Ready
 * conditions that are not True, and its Warning events. Rules match on this
 * text; evidence shows the parts verbatim.
 */
export interface CrossplaneText {
  text: string;
  synced?: ReturnType<typeof findCondition>;
  ready?: ReturnType<typeof findCondition>;
  events: KubeEvent[];
  evidence: Evidence[];
}

export function crossplaneText(context: RuleContext, resource: Resource): CrossplaneText {
  const synced = findCondition(resource, 'Synced');
  const ready = findCondition(resource, 'Ready');
  const events = warningEvents(context, resource);
  const failingConditions = [synced, ready].filter(condition => condition && condition.status !== 'True');
  return {
    text: [...failingConditions.map(condition => condition?.message ?? ''), ...events.map(event => event.message)].join('\n'),
    synced,
    ready,
    events,
    evidence: [...failingConditions.flatMap(condition => conditionEvidence(condition)), ...eventEvidence(events)],
  };
}
