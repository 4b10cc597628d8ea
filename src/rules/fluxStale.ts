import { intervalOf, lastHandledReconcileAtOf, timeoutOf } from '../model/fluxSpec';
import { isSuspended } from '../model/health';
import { parseKustomizationHistory } from '../model/history';
import { parseTime } from '../model/json';
import { Resource } from '../model/resource';
import { Controller, isInTrouble, reconcilerOf } from '../model/runtime';
import {
  HandledSign,
  hasStopped,
  inFlight,
  intervalMs,
  lastHandled,
  timeoutMs,
} from '../model/staleness';
import { RULES } from './catalogue';
import { command, fluxLogs, reconcile } from './commands';
import {
  conditionEvidence,
  EvidenceInput,
  Finding,
  finding,
  RuleContext,
  WordedEvidence,
} from './context';
import { Message, msg } from './messages';
import { controllerBlockers } from './runtime';
import { Evidence } from './types';

/**
 * FLUX-STALE: a Flux object's status is not current. A reconcile request nobody
 * handled, an attempt running past what Flux allows, a reconciler quiet for too long,
 * or a controller down, degraded or missing (its objects' status is the last it wrote).
 */
export function stale(context: RuleContext, resource: Resource): Finding[] {
  if (isSuspended(resource)) return [];
  const index = context.index;
  const controller = reconcilerOf(index, resource);
  const requestedAt = resource.annotations['reconcile.fluxcd.io/requestedAt'];
  const handledAt = lastHandledReconcileAtOf(resource.raw);
  const requestedTime = parseTime(requestedAt);
  if (
    requestedAt &&
    requestedAt !== handledAt &&
    requestedTime !== undefined &&
    context.now - requestedTime > context.settings.requestStaleAfterMs
  ) {
    return [
      staleFinding(
        context,
        resource,
        controller,
        handledAt === undefined
          ? msg('fluxState.stale.requestNeverHandled', { requested: requestedAt })
          : msg('fluxState.stale.requestUnhandled', { requested: requestedAt, handled: handledAt }),
        {
          evidence: [
            field(`metadata.annotations[reconcile.fluxcd.io/requestedAt]: ${requestedAt}`),
            ...(handledAt === undefined
              ? []
              : [field(`status.lastHandledReconcileAt: ${handledAt}`)]),
          ],
        }
      ),
    ];
  }
  const interval = intervalMs(resource);
  // Flux allows an attempt spec.timeout; it is due every spec.interval; the rest is margin.
  const limit =
    interval === undefined
      ? undefined
      : context.settings.staleIntervals * interval + timeoutMs(resource);
  const attempt = inFlight(resource);
  if (attempt) {
    const since = parseTime(attempt.since);
    if (limit !== undefined && since !== undefined && context.now - since > limit) {
      const timeout = timeoutOf(resource.raw);
      // A limit means spec.interval parsed: it is set.
      const every = intervalOf(resource.raw) ?? '';
      const started = attempt.since ?? '';
      return [
        staleFinding(
          context,
          resource,
          controller,
          timeout === undefined
            ? msg('fluxState.stale.reconcilingDefaultTimeout', { since: started, interval: every })
            : msg('fluxState.stale.reconciling', { since: started, timeout, interval: every }),
          { evidence: [...conditionEvidence(attempt.condition), ...timing(resource)] }
        ),
      ];
    }
    // Work in flight within its time is progress, not staleness.
    return controllerDown(context, resource, controller);
  }
  // Only kustomize-controller ≥ 1.5 records every reconciliation (a Kustomization's
  // status.history; a HelmRelease's history holds releases, written only when one is made):
  // without it, quiet is not evidence of staleness. Nor is it once the controller has said it
  // stopped trying (Stalled=True): it waits for a change of the object, its source or a request.
  if (
    limit !== undefined &&
    resource.kind === 'Kustomization' &&
    !hasStopped(resource) &&
    parseKustomizationHistory(resource.raw.status).length
  ) {
    const handled = lastHandled(index, resource);
    if (handled && context.now - handled.time > limit) {
      return [
        staleFinding(
          context,
          resource,
          controller,
          msg('fluxState.stale.quiet', {
            sign: signText(handled.sign, true),
            intervals: context.settings.staleIntervals,
          }),
          { evidence: [lastSign(handled.sign), ...timing(resource)] }
        ),
      ];
    }
  }
  return controllerDown(context, resource, controller);
}

/** Which field or event says the controller handled the object: within a sentence, or as its start. */
function signText(sign: HandledSign, start = false): Message {
  const time = sign.at;
  switch (sign.by) {
    case 'history':
      return start
        ? msg('fluxState.handled.historyStart', { time })
        : msg('fluxState.handled.history', { time });
    case 'condition':
      return start
        ? msg('fluxState.handled.conditionStart', { type: sign.type, time })
        : msg('fluxState.handled.condition', { type: sign.type, time });
    case 'request':
      return start
        ? msg('fluxState.handled.requestStart', { time })
        : msg('fluxState.handled.request', { time });
    case 'event':
      return start
        ? msg('fluxState.handled.eventStart', { reason: sign.reason, time })
        : msg('fluxState.handled.event', { reason: sign.reason, time });
  }
}

/** The newest sign that the controller handled the object, as evidence. */
function lastSign(sign: HandledSign): WordedEvidence {
  return { kind: 'field', message: msg('fluxState.stale.lastSign', { sign: signText(sign) }) };
}

/** A field of the object as it is written: the same in every language. */
function field(text: string): Evidence {
  return { kind: 'field', text };
}

/** What Flux allows an attempt: the object's spec.interval and spec.timeout, as written. */
function timing(resource: Resource): Evidence[] {
  const interval = intervalOf(resource.raw);
  const timeout = timeoutOf(resource.raw);
  return [
    ...(interval === undefined ? [] : [field(`spec.interval: ${interval}`)]),
    ...(timeout === undefined ? [] : [field(`spec.timeout: ${timeout}`)]),
  ];
}

/** A controller down, degraded or missing: the object's status is the last one it wrote. */
function controllerDown(
  context: RuleContext,
  resource: Resource,
  controller: Controller | undefined
): Finding[] {
  if (!controller || !isInTrouble(controller)) return [];
  const names = { controller: controller.name, kind: resource.kind, name: resource.name };
  const { detail, title } =
    controller.state === 'degraded'
      ? {
          detail: msg('fluxState.stale.degraded', names),
          title: msg('fluxState.stale.titleDegraded', names),
        }
      : controller.state === 'missing'
      ? {
          detail: msg('fluxState.stale.missing', names),
          title: msg('fluxState.stale.titleMissing', names),
        }
      : {
          detail: msg('fluxState.stale.down', names),
          title: msg('fluxState.stale.titleDown', names),
        };
  const handled = lastHandled(context.index, resource);
  return [
    staleFinding(context, resource, controller, detail, {
      evidence: handled ? [lastSign(handled.sign)] : [],
      title,
    }),
  ];
}

function staleFinding(
  context: RuleContext,
  resource: Resource,
  controller: Controller | undefined,
  detail: Message,
  options: { title?: Message; evidence?: EvidenceInput[] } = {}
): Finding {
  const blame = !controller
    ? msg('fluxState.stale.blameUnknown')
    : isInTrouble(controller)
    ? msg('fluxState.stale.blameInTrouble', { controller: controller.name })
    : controller.state === 'available'
    ? msg('fluxState.stale.blameAvailable', { controller: controller.name })
    : msg('fluxState.stale.blameUnread', { controller: controller.name });
  return finding({
    rule: RULES.FLUX_STALE,
    resource,
    title:
      options.title ?? msg('fluxState.stale.title', { kind: resource.kind, name: resource.name }),
    explanation: msg('list.sentences', { first: detail, next: blame }),
    // The explanation says what is wrong; the evidence is what it was read from.
    evidence: options.evidence ?? [],
    actions: [command(msg('fluxState.controllerLogs'), fluxLogs(resource)), reconcile(resource)],
    // A controller that is down, crash-looping or missing is the root cause.
    blockedBy: controllerBlockers(context.index, resource),
  });
}
