import { conditionState, findCondition, statusObservedGeneration } from '../model/conditions';
import { isSuspended } from '../model/health';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, fluxLogs, reconcile, resume } from './commands';
import { conditionEvidence, Finding, finding, Rule, RuleContext } from './context';
import { drift } from './fluxDrift';
import { rolloutBehind } from './fluxRollout';
import { stale } from './fluxStale';
import { msg } from './messages';

/**
 * FLUX-SUSPENDED, FLUX-STALLED (here), FLUX-STALE (fluxStale.ts), FLUX-ROLLOUT-BEHIND
 * (fluxRollout.ts), FLUX-DRIFT (fluxDrift.ts): the state of Flux's reconcilers.
 */
export const fluxStateRules: Rule = context => {
  const index = context.index;
  const reconcilables = [
    ...index.withRole('kustomization'),
    ...index.withRole('helmrelease'),
    ...index.withRole('source'),
  ];
  return [
    ...reconcilables.flatMap(resource => [
      ...suspended(context, resource),
      ...stalled(resource),
      ...stale(context, resource),
    ]),
    ...index
      .withRole('kustomization')
      .flatMap(kustomization => rolloutBehind(context, kustomization)),
    ...[...index.withRole('kustomization'), ...index.withRole('helmrelease')].flatMap(resource =>
      drift(context, resource)
    ),
  ];
};

function suspended(context: RuleContext, resource: Resource): Finding[] {
  if (!isSuspended(resource)) return [];
  const suspendEvent = context.index
    .eventsFor(resource)
    .filter(event => /suspend/i.test(event.reason) || /suspended/i.test(event.message))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))[0];
  const { kind, name } = resource;
  return [
    finding({
      rule: RULES.FLUX_SUSPENDED,
      resource,
      title: suspendEvent?.lastSeen
        ? msg('fluxState.suspended.titleSince', { kind, name, since: suspendEvent.lastSeen })
        : msg('fluxState.suspended.title', { kind, name }),
      explanation: msg('fluxState.suspended.explanation'),
      evidence: [{ kind: 'field', message: msg('fluxState.suspended.evidence') }],
      actions: [resume(resource)],
    }),
  ];
}

function stalled(resource: Resource): Finding[] {
  // A stalled HelmRelease is FLUX-HELM-STUCK (with the reset action): one error, not two.
  if (resource.kind === 'HelmRelease') return [];
  const condition = findCondition(resource, 'Stalled');
  // Stale is not current: a Stalled=True about an older generation is no verdict on the new spec.
  if (
    condition?.status !== 'True' ||
    conditionState(resource, 'Stalled', statusObservedGeneration(resource)) !== 'true'
  )
    return [];
  const { kind, name } = resource;
  return [
    finding({
      rule: RULES.FLUX_STALLED,
      resource,
      title: condition.reason
        ? msg('fluxState.stalled.titleReason', { kind, name, reason: condition.reason })
        : msg('fluxState.stalled.title', { kind, name }),
      explanation: msg('fluxState.stalled.explanation'),
      evidence: conditionEvidence(condition),
      actions: [reconcile(resource), command(msg('fluxState.controllerLogs'), fluxLogs(resource))],
    }),
  ];
}
