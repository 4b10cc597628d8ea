import { findCondition } from '../model/conditions';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { claimWaiting, composeInvalid, waitingOnChildren } from './composedResources';
import { noComposition, revisionMissing } from './compositionSelection';
import { conditionEvidence, Finding, finding, RuleContext } from './context';
import {
  CrossplaneCase,
  crossplaneCase,
  eventsAction,
  isQuiet,
  kindAndName,
} from './crossplaneText';
import {
  matchesAny,
  XP_KIND_NOT_SERVED,
  XP_PIPELINE_INVALID,
  XP_RBAC,
  XP_SCOPE_MISMATCH,
} from './matchers';
import { msg } from './messages';
import { functionFailed, functionMissing } from './pipelineFunctions';

/** One cause an XR or claim may report: its finding, or undefined when the cause is not this. */
type XrCheck = (xr: CrossplaneCase) => Finding | undefined;

/**
 * What a composite resource or claim is stuck on, the most specific cause first: the first
 * check that recognises what the object says gives its one diagnosis.
 */
const XR_CHECKS: XrCheck[] = [
  circuitOpen,
  scopeMismatch,
  rbac,
  kindNotServed,
  functionMissing,
  functionFailed,
  pipelineInvalid,
  revisionMissing,
  noComposition,
  composeInvalid,
  claimWaiting,
  waitingOnChildren,
];

export function xrFindings(context: RuleContext, xr: Resource): Finding[] {
  if (isQuiet(xr)) return [];
  const xrCase = crossplaneCase(context, xr);
  for (const check of XR_CHECKS) {
    const result = check(xrCase);
    if (result) return [result];
  }
  return [];
}

function circuitOpen({ resource: xr, said, base, trace }: CrossplaneCase): Finding | undefined {
  const responsive = findCondition(xr, 'Responsive');
  if (responsive?.status !== 'False' && responsive?.reason !== 'WatchCircuitOpen') return undefined;
  return finding({
    ...base,
    rule: RULES.XP_CIRCUIT_OPEN,
    evidence: [...conditionEvidence(responsive), ...said.evidence],
    title: msg('composition.circuit.title', kindAndName(xr)),
    explanation: msg('composition.circuit.explanation'),
    actions: [trace, eventsAction(xr)],
  });
}

function scopeMismatch({ resource: xr, text, base, trace }: CrossplaneCase): Finding | undefined {
  if (!matchesAny(text, XP_SCOPE_MISMATCH)) return undefined;
  return finding({
    ...base,
    rule: RULES.XP_SCOPE_MISMATCH,
    title: msg('composition.scope.title', kindAndName(xr)),
    explanation: msg('composition.scope.explanation'),
    actions: [trace],
  });
}

function rbac({ resource: xr, text, base, trace }: CrossplaneCase): Finding | undefined {
  if (!matchesAny(text, XP_RBAC)) return undefined;
  return finding({
    ...base,
    rule: RULES.XP_RBAC,
    title: msg('composition.rbac.title', kindAndName(xr)),
    explanation: msg('composition.rbac.explanation'),
    actions: [trace],
  });
}

function kindNotServed({ resource: xr, text, base, trace }: CrossplaneCase): Finding | undefined {
  if (!matchesAny(text, XP_KIND_NOT_SERVED) || !/composed resource|no matches for kind/i.test(text))
    return undefined;
  const kind = /no matches for kind "([^"]+)" in version "([^"]+)"/i.exec(text);
  return finding({
    ...base,
    rule: RULES.XP_KIND_NOT_SERVED,
    title: kind
      ? msg('composition.kindNotServed.title', {
          ...kindAndName(xr),
          composed: kind[1],
          version: kind[2],
        })
      : msg('composition.kindNotServed.titleUnnamed', kindAndName(xr)),
    explanation: msg('composition.kindNotServed.explanation'),
    actions: [trace],
  });
}

function pipelineInvalid({ resource: xr, text, base, trace }: CrossplaneCase): Finding | undefined {
  if (!matchesAny(text, XP_PIPELINE_INVALID)) return undefined;
  return finding({
    ...base,
    rule: RULES.XP_PIPELINE_INVALID,
    title: msg('composition.pipelineInvalid.title', kindAndName(xr)),
    explanation: msg('composition.pipelineInvalid.explanation'),
    actions: [trace],
  });
}
