import { findCondition } from '../model/conditions';
import { compositionRefOf, pipelineOf } from '../model/crossplane';
import { XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from '../model/kinds';
import { ObjectRef, Resource } from '../model/resource';
import { RULES } from './catalogue';
import { Finding, finding, RuleContext } from './context';
import { CrossplaneCase, kindAndName, openAction } from './crossplaneText';
import { matchesAny, XP_FUNCTION_FAILED, XP_FUNCTION_MISSING, XP_PIPELINE_STEP } from './matchers';
import { msg } from './messages';

/** XP-FUNCTION-MISSING and XP-FUNCTION-FAILED: the Function a pipeline step of an XR calls. */

/** The Function the message names, else the one the failing step of the XR's Composition calls. */
function functionFromMessage(
  context: RuleContext,
  xr: Resource,
  text: string
): ObjectRef | undefined {
  const named =
    /Function "([^"]+)"/.exec(text)?.[1] ?? /function[- ]revision[^"]*"([^"]+)"/i.exec(text)?.[1];
  if (named)
    return {
      cluster: xr.cluster,
      group: XP_PKG_GROUP,
      kind: 'Function',
      namespace: '',
      name: named,
    };
  const step = XP_PIPELINE_STEP.exec(text)?.[1];
  const compositionName = compositionRefOf(context.index, xr);
  if (!step || !compositionName) return undefined;
  const composition = context.index.get({
    cluster: xr.cluster,
    group: XP_APIEXTENSIONS_GROUP,
    kind: 'Composition',
    namespace: '',
    name: compositionName,
  });
  const functionName = composition
    ? pipelineOf(context.index, composition).find(s => s.step === step)?.functionName
    : undefined;
  return functionName
    ? {
        cluster: xr.cluster,
        group: XP_PKG_GROUP,
        kind: 'Function',
        namespace: '',
        name: functionName,
      }
    : undefined;
}

export function functionMissing({
  context,
  resource: xr,
  text,
  base,
  trace,
}: CrossplaneCase): Finding | undefined {
  if (!matchesAny(text, XP_FUNCTION_MISSING)) return undefined;
  const fn = functionFromMessage(context, xr, text);
  return finding({
    ...base,
    rule: RULES.XP_FUNCTION_MISSING,
    title: fn
      ? msg('composition.functionMissing.title', { ...kindAndName(xr), function: fn.name })
      : msg('composition.functionMissing.titleUnnamed', kindAndName(xr)),
    explanation: msg('composition.functionMissing.explanation'),
    actions: [...(fn ? [openAction(fn)] : []), trace],
    blockedBy: fn ? [fn] : [],
  });
}

export function functionFailed({
  context,
  resource: xr,
  text,
  base,
  trace,
}: CrossplaneCase): Finding | undefined {
  if (!matchesAny(text, XP_FUNCTION_FAILED)) return undefined;
  const step = XP_PIPELINE_STEP.exec(text)?.[1];
  const fn = functionFromMessage(context, xr, text);
  const fnResource = fn ? context.index.get(fn) : undefined;
  // gRPC Unavailable/DeadlineExceeded while the Function itself is not healthy: the Function is the cause.
  const unreachable = /rpc error: code = (Unavailable|DeadlineExceeded)/i.test(text);
  const fnUnhealthy =
    !!fnResource &&
    ['Healthy', 'Installed'].some(type => findCondition(fnResource, type)?.status === 'False');
  const cause = unreachable && fnUnhealthy && fn ? fn : undefined;
  const subject = kindAndName(xr);
  const title = cause
    ? step
      ? msg('composition.functionFailed.titleUnhealthy', { ...subject, step, function: cause.name })
      : msg('composition.functionFailed.titleNoStepUnhealthy', { ...subject, function: cause.name })
    : step
    ? msg('composition.functionFailed.title', { ...subject, step })
    : msg('composition.functionFailed.titleNoStep', subject);
  return finding({
    ...base,
    rule: RULES.XP_FUNCTION_FAILED,
    title,
    explanation: cause
      ? msg('composition.functionFailed.explanationUnhealthy', { function: cause.name })
      : msg('composition.functionFailed.explanation'),
    actions: [...(fn ? [openAction(fn)] : []), trace],
    blockedBy: cause ? [cause] : [],
  });
}
