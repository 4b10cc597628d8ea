import { findCondition, isStale } from '../model/conditions';
import { KubeEvent } from '../model/events';
import { ObjectRef, Resource } from '../model/resource';
import { command, crossplaneTrace, kubectlDescribe, kubectlEvents, open } from './commands';
import {
  ActionInput,
  conditionEvidence,
  eventEvidence,
  RuleContext,
  warningEvents,
} from './context';
import { msg } from './messages';
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

/**
 * What a Crossplane rule reads about one object that is not quiet: what it says, the base of
 * each finding (the object, the evidence it says) and the trace action every finding offers.
 */
export interface CrossplaneCase {
  context: RuleContext;
  resource: Resource;
  said: CrossplaneText;
  text: string;
  base: { resource: Resource; evidence: Evidence[] };
  trace: ActionInput;
}

export function crossplaneCase(context: RuleContext, resource: Resource): CrossplaneCase {
  const said = crossplaneText(context, resource);
  return {
    context,
    resource,
    said,
    text: said.text,
    base: { resource, evidence: said.evidence },
    trace: traceAction(resource),
  };
}

/** The kind and name most titles start with. */
export function kindAndName(resource: Resource): { kind: string; name: string } {
  return { kind: resource.kind, name: resource.name };
}

/** The actions the Crossplane families share: trace, events, describe, open. */
export function traceAction(ref: ObjectRef): ActionInput {
  return command(msg('crossplane.trace'), crossplaneTrace(ref));
}

export function eventsAction(ref: ObjectRef): ActionInput {
  return command(msg('crossplane.events'), kubectlEvents(ref));
}

export function describeAction(ref: ObjectRef): ActionInput {
  return command(msg('crossplane.describe'), kubectlDescribe(ref));
}

export function openAction(ref: ObjectRef): ActionInput {
  return open(msg('crossplane.open', { kind: ref.kind, name: ref.name }), ref);
}
