import {
  conditionState,
  findCondition,
  readyState,
  statusObservedGeneration,
} from '../model/conditions';
import { helmReleaseVersions } from '../model/helmHistory';
import { stringField } from '../model/json';
import { FLUX_SOURCE_GROUP } from '../model/kinds';
import { helmReleaseSourceOf } from '../model/provenance';
import { ObjectRef, Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, fluxLogs, kubectlEvents, open, reconcile, resume, suspend } from './commands';
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

/** FLUX-HELM-STUCK, and FLUX-ARTIFACT for a HelmRelease whose chart source fails. */
export const helmRules: Rule = context =>
  context.index.withRole('helmrelease').flatMap(release => diagnoseRelease(context, release));

/** helm-controller's `isReady`: `<Kind> '<ns>/<name>' is not ready: <the source's own message>`. */
const SOURCE_NOT_READY =
  /\b(HelmChart|OCIRepository|ExternalArtifact) '([^'/]+)\/([^']+)' is not ready/;

/**
 * The chart source of a HelmRelease is failing (reason SourceNotReady or ArtifactFailed): the
 * HelmChart (or OCIRepository) is the cause — e.g. InvalidChartReference for a chart or version
 * that does not exist. The message names the source; else status.helmChart / spec.chartRef;
 * else the name source-controller gives a release's HelmChart (`<namespace>-<name>`).
 */
function chartSourceFinding(context: RuleContext, release: Resource): Finding | undefined {
  if (readyState(release) !== 'false') return undefined;
  const ready = findCondition(release, 'Ready');
  const message = ready?.message ?? '';
  const named = SOURCE_NOT_READY.exec(message);
  if (!named && ready?.reason !== 'SourceNotReady' && ready?.reason !== 'ArtifactFailed')
    return undefined;
  const sourceNamespace =
    stringField(release.raw, 'spec', 'chart', 'spec', 'sourceRef', 'namespace') ||
    release.namespace;
  const ref: ObjectRef | undefined = named
    ? {
        cluster: release.cluster,
        group: FLUX_SOURCE_GROUP,
        kind: named[1],
        namespace: named[2],
        name: named[3],
      }
    : helmReleaseSourceOf(release) ??
      (stringField(release.raw, 'spec', 'chart', 'spec', 'chart')
        ? {
            cluster: release.cluster,
            group: FLUX_SOURCE_GROUP,
            kind: 'HelmChart',
            namespace: sourceNamespace,
            name: `${release.namespace}-${release.name}`,
          }
        : undefined);
  const source = ref ? context.index.get(ref) : undefined;
  const hidden = ref
    ? !!context.index.gapFor(ref.cluster, ref.group, ref.kind, ref.namespace || undefined)
    : false;
  const failing = source && readyState(source) !== 'true';
  const state = !ref
    ? 'not named'
    : source
    ? failing
      ? 'failing'
      : 'ready by now'
    : hidden
    ? 'not visible to you'
    : 'not found';
  return finding({
    rule: RULES.FLUX_ARTIFACT,
    resource: release,
    title: `HelmRelease ${release.name}: chart source ${
      ref ? `${ref.kind} ${ref.namespace}/${ref.name}` : ''
    } is ${state}`.replace('  ', ' '),
    explanation: failing
      ? `helm-controller cannot get the chart: ${ref?.kind} ${ref?.name} is failing (its diagnosis, below, says why — a chart name or version that does not exist is reported there as InvalidChartReference). Fix spec.chart of the HelmRelease or the source, then reconcile with source.`
      : 'helm-controller cannot get the chart artifact from its source. Go to the source and its diagnosis, then reconcile with source.',
    evidence: [
      ...conditionEvidence(ready),
      ...(source ? conditionEvidence(findCondition(source, 'Ready')) : []),
    ],
    actions: [
      ...(ref ? [open(`Open ${ref.kind} ${ref.name}`, ref)] : []),
      reconcile(release, true),
      command('Events of the release', kubectlEvents(release)),
    ],
    blockedBy: failing && ref ? [ref] : [],
  });
}

function diagnoseRelease(context: RuleContext, release: Resource): Finding[] {
  const waiting = dependencyFinding(context, release);
  if (waiting) return [waiting];
  const chartSource = chartSourceFinding(context, release);
  if (chartSource) return [chartSource];
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
