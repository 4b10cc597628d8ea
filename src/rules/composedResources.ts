import { findCondition } from '../model/conditions';
import { claimResourceRef, composedRefs } from '../model/crossplane';
import { ObjectRef, refOf, Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, kubectlEvents } from './commands';
import { eventEvidence, Finding, finding, RuleContext, warningEvents } from './context';
import { CrossplaneCase, kindAndName, openAction } from './crossplaneText';
import {
  matchesAny,
  XP_CLAIM_NOT_BOUND,
  XP_COMPOSE_INVALID,
  XP_UNREADY_RESOURCES,
  XP_UNSYNCED_RESOURCES,
} from './matchers';
import { commaList, Message, msg } from './messages';

/**
 * What an XR or claim waits on among the objects it composes or is bound to:
 * XP-COMPOSE-INVALID, XP-CLAIM-WAITING, XP-WAITING-ON-CHILDREN.
 */

export function composeInvalid({
  context,
  resource: xr,
  said,
  text,
  base,
  trace,
}: CrossplaneCase): Finding | undefined {
  const unsyncedList = XP_UNSYNCED_RESOURCES.exec(
    said.synced?.status === 'False' ? said.synced.message : ''
  );
  if (!matchesAny(text, XP_COMPOSE_INVALID) && !unsyncedList) return undefined;
  // Crossplane 1.17–1.19 "Invalid resources: …", 1.20+/2.x "Unsynced resources: …": the
  // composed resources the API server refused as invalid; the error itself is only in events.
  const events = warningEvents(context, xr);
  const names = unsyncedList ? parseResourceList(unsyncedList[2]).names : [];
  const title: Message = !unsyncedList
    ? msg('composition.composeInvalid.title', kindAndName(xr))
    : names.length === 1
    ? msg('composition.composeInvalid.titleOne', { ...kindAndName(xr), resources: names[0] })
    : msg('composition.composeInvalid.titleMany', {
        ...kindAndName(xr),
        resources: commaList(names),
      });
  return finding({
    ...base,
    rule: RULES.XP_COMPOSE_INVALID,
    evidence: [...said.evidence.filter(e => e.kind === 'condition'), ...eventEvidence(events, 5)],
    title,
    explanation: events.length
      ? msg('composition.composeInvalid.explanation')
      : msg('composition.composeInvalid.explanationNoEvents'),
    actions: [command(msg('composition.composeInvalid.events'), kubectlEvents(xr)), trace],
  });
}

export function claimWaiting({
  context,
  resource: claim,
  said,
  text,
  base,
  trace,
}: CrossplaneCase): Finding | undefined {
  if (context.index.role(claim) !== 'claim') return undefined;
  const waiting = said.ready?.status === 'False' && said.ready.reason === 'Waiting';
  const notBound = matchesAny(text, XP_CLAIM_NOT_BOUND);
  if (!waiting && !notBound) return undefined;
  const xrRef = claimResourceRef(context.index, claim);
  return finding({
    ...base,
    rule: RULES.XP_CLAIM_WAITING,
    title: notBound
      ? msg('composition.claim.boundElsewhere.title', { name: claim.name })
      : xrRef
      ? msg('composition.claim.waits.title', { name: claim.name, xr: xrRef.ref.name })
      : msg('composition.claim.waits.titleUnnamed', { name: claim.name }),
    explanation: notBound
      ? msg('composition.claim.boundElsewhere.explanation')
      : msg('composition.claim.waits.explanation'),
    actions: [...(xrRef ? [openAction(xrRef.ref)] : []), trace],
    blockedBy: xrRef && !notBound ? [xrRef.ref] : [],
  });
}

export function waitingOnChildren({
  context,
  resource: xr,
  said,
  base,
  trace,
}: CrossplaneCase): Finding | undefined {
  const index = context.index;
  const unready = XP_UNREADY_RESOURCES.exec(
    said.ready?.status === 'False' ? said.ready.message : ''
  );
  if (said.ready?.status !== 'False' || (said.ready.reason !== 'Creating' && !unready))
    return undefined;
  const list = parseResourceList(unready?.[1] ?? '');
  const children = childrenByResourceName(context, xr);
  // Read the children's own conditions: a child Ready by now is no cause, named or not.
  const notReady = (ref: ObjectRef): boolean => {
    const child = index.get(ref);
    return !child || findCondition(child, 'Ready')?.status !== 'True';
  };
  const named = list.names.flatMap(name => {
    const child = children.get(name);
    return child ? [{ name, ref: child }] : [];
  });
  const readyNow = named.filter(entry => !notReady(entry.ref)).map(entry => entry.name);
  const waitingFor = list.names.filter(name => !readyNow.includes(name));
  const namedRefs = new Set(named.map(entry => entry.ref));
  // "…, and N more": the unnamed ones are the other children that are not Ready.
  const more =
    list.more > 0
      ? [...children.entries()]
          .filter(
            ([name, ref]) => !list.names.includes(name) && !namedRefs.has(ref) && notReady(ref)
          )
          .map(([, ref]) => ref)
      : [];
  const blockers = [...named.filter(entry => notReady(entry.ref)).map(entry => entry.ref), ...more];
  const subject = kindAndName(xr);
  const title = waitingFor.length
    ? list.more
      ? msg('composition.waiting.titleAndMore', {
          ...subject,
          resources: commaList(waitingFor),
          more: list.more,
        })
      : msg('composition.waiting.title', { ...subject, resources: commaList(waitingFor) })
    : list.more
    ? msg('composition.waiting.titleMore', { ...subject, more: list.more })
    : msg('composition.waiting.titleAll', subject);
  return finding({
    ...base,
    rule: RULES.XP_WAITING_ON_CHILDREN,
    title,
    explanation: !readyNow.length
      ? msg('composition.waiting.explanation')
      : readyNow.length === 1
      ? msg('composition.waiting.explanationReadyOne', { resources: readyNow[0] })
      : msg('composition.waiting.explanationReadyMany', { resources: commaList(readyNow) }),
    actions: [...blockers.slice(0, 3).map(ref => openAction(ref)), trace],
    blockedBy: blockers,
  });
}

/**
 * crossplane-runtime's `StableNAndSomeMore` (pkg/resource/resource.go): `a`, `a, b`,
 * `a, b, and c`, `a, b, c, and N more`; `a and b` is accepted too.
 */
export function parseResourceList(text: string): { names: string[]; more: number } {
  let rest = text.trim().replace(/[.\s]+$/, '');
  let more = 0;
  const tail = /,?\s+and (\d+) more$/i.exec(rest);
  if (tail) {
    more = Number(tail[1]);
    rest = rest.slice(0, tail.index);
  }
  const names = rest
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map(name => name.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
  return { names, more };
}

/** Composed resources of an XR by their `crossplane.io/composition-resource-name` annotation. */
function childrenByResourceName(context: RuleContext, xr: Resource): Map<string, ObjectRef> {
  const result = new Map<string, ObjectRef>();
  const candidates = [
    ...composedRefs(context.index, xr).flatMap(resolved =>
      resolved.resource ? [resolved.resource] : []
    ),
    ...context.index.ownedBy(xr),
  ];
  for (const child of candidates) {
    const name = child.annotations['crossplane.io/composition-resource-name'];
    if (name && !result.has(name)) result.set(name, refOf(child));
  }
  return result;
}
