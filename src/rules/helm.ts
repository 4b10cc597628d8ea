import {
  conditionState,
  findCondition,
  readyState,
  statusObservedGeneration,
} from '../model/conditions';
import { helmReleaseVersions } from '../model/helmHistory';
import { stringField } from '../model/json';
import { helmReleaseSourceOf } from '../model/provenance';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, fluxLogs, kubectlEvents, reconcile, resume, suspend } from './commands';
import {
  conditionEvidence,
  eventEvidence,
  Finding,
  finding,
  Rule,
  RuleContext,
  subjectOf,
  warningEvents,
} from './context';
import { dependencyFinding } from './dependency';
import { HELM_STUCK, HELM_STUCK_REASONS, matchesAny } from './matchers';

/** FLUX-HELM-STUCK. */
export const helmRules: Rule = context =>
  context.index.withRole('helmrelease').flatMap(release => diagnoseRelease(context, release));

function diagnoseRelease(context: RuleContext, release: Resource): Finding[] {
  const waiting = dependencyFinding(context, release);
  if (waiting) return [waiting];
  const ready = findCondition(release, 'Ready');
  const stalledCondition = findCondition(release, 'Stalled');
  // Stale is not current: only a Stalled=True about the current generation counts.
  const stalled =
    conditionState(release, 'Stalled', statusObservedGeneration(release)) === 'true'
      ? stalledCondition
      : undefined;
  const released = findCondition(release, 'Released');
  const notReady = readyState(release) === 'false';
  const stuckReason = [ready, released].find(
    condition => condition && HELM_STUCK_REASONS.has(condition.reason)
  );
  const stuck =
    stalled?.status === 'True' ||
    (notReady &&
      (!!stuckReason ||
        matchesAny(ready?.message, HELM_STUCK) ||
        matchesAny(released?.message, HELM_STUCK)));
  if (!stuck) return [];
  const reason =
    stalled?.status === 'True' ? stalled.reason : stuckReason?.reason ?? ready?.reason ?? '';
  const lock = matchesAny(`${ready?.message} ${released?.message}`, [
    /another operation .* is in progress/i,
  ]);
  const exhausted = reason === 'RetriesExceeded' || stalled?.status === 'True';
  const chart =
    stringField(release.raw, 'spec', 'chart', 'spec', 'chart') ??
    stringField(release.raw, 'spec', 'chartRef', 'name') ??
    '';
  const versions = helmReleaseVersions(release);
  const version = versions.attemptedDiffers
    ? `${versions.attemptedVersion} attempted, ${versions.deployed?.chartVersion} still deployed`
    : versions.attemptedVersion ?? '';
  const source = helmReleaseSourceOf(release);
  const advice = lock
    ? 'Helm holds a pending-operation lock from an interrupted install or upgrade: suspend and resume the release to clear it (or roll back with helm), then reconcile.'
    : exhausted
    ? 'helm-controller stopped retrying: fix the cause shown below, then reset the failure counters and reconcile.'
    : 'Read the release events and helm-controller logs for the failing hook, test or resource; force a one-off upgrade once the cause is fixed.';
  return [
    finding({
      rule: RULES.FLUX_HELM_STUCK,
      resource: release,
      title: `HelmRelease ${release.name} is stuck${reason ? ` (${reason})` : ''}${
        chart ? `: chart ${chart}${version ? ` ${version}` : ''}` : ''
      }`,
      explanation: advice,
      evidence: [
        ...conditionEvidence(ready),
        ...(stalled?.status === 'True' ? conditionEvidence(stalled) : []),
        ...eventEvidence(warningEvents(context, release), 2),
      ],
      actions: [
        command('helm-controller logs for it', fluxLogs(release)),
        command('Events of the release', kubectlEvents(release)),
        reconcile(release),
        ...(source ? [reconcile(release, true)] : []),
        { label: 'Force upgrade', kind: 'force', target: subjectOf(release) },
        ...(exhausted
          ? [
              {
                label: 'Reset failure counters',
                kind: 'reset' as const,
                target: subjectOf(release),
              },
            ]
          : []),
        ...(lock ? [suspend(release), resume(release)] : []),
      ],
    }),
  ];
}
