import {
  conditionState,
  findCondition,
  readyState,
  statusObservedGeneration,
} from '../model/conditions';
import { helmChartNameOf, helmChartRefOf } from '../model/fluxSpec';
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
import { msg } from './messages';

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
      (helmChartNameOf(release.raw)
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
    ? msg('helm.chartSource.notNamed')
    : source
    ? failing
      ? msg('helm.chartSource.failing')
      : msg('helm.chartSource.readyNow')
    : hidden
    ? msg('helm.chartSource.notVisible')
    : msg('helm.chartSource.notFound');
  return finding({
    rule: RULES.FLUX_ARTIFACT,
    resource: release,
    title: ref
      ? msg('helm.chartSource.title', {
          name: release.name,
          source: `${ref.kind} ${ref.namespace}/${ref.name}`,
          state,
        })
      : msg('helm.chartSource.titleUnnamed', { name: release.name, state }),
    explanation:
      failing && ref
        ? msg('helm.chartSource.failingExplanation', { kind: ref.kind, source: ref.name })
        : msg('helm.chartSource.explanation'),
    evidence: [
      ...conditionEvidence(ready),
      ...(source ? conditionEvidence(findCondition(source, 'Ready')) : []),
    ],
    actions: [
      ...(ref ? [open(msg('helm.open', { kind: ref.kind, name: ref.name }), ref)] : []),
      reconcile(release, true),
      command(msg('helm.events'), kubectlEvents(release)),
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
    helmChartNameOf(release.raw) ?? helmChartRefOf(release.raw, release.namespace)?.name ?? '';
  const versions = helmReleaseVersions(release);
  const version = versions.attemptedDiffers
    ? msg('helm.stuck.versions', {
        attempted: versions.attemptedVersion ?? 'undefined',
        deployed: versions.deployed?.chartVersion ?? 'undefined',
      })
    : versions.attemptedVersion ?? '';
  const source = helmReleaseSourceOf(release);
  const advice = lock
    ? msg('helm.stuck.lock')
    : exhausted
    ? msg('helm.stuck.exhausted')
    : msg('helm.stuck.failing');
  const why = reason ? ` (${reason})` : '';
  return [
    finding({
      rule: RULES.FLUX_HELM_STUCK,
      resource: release,
      title: !chart
        ? msg('helm.stuck.title', { name: release.name, reason: why })
        : version
        ? msg('helm.stuck.titleChartVersion', { name: release.name, reason: why, chart, version })
        : msg('helm.stuck.titleChart', { name: release.name, reason: why, chart }),
      explanation: advice,
      evidence: [
        ...conditionEvidence(ready),
        ...(stalled?.status === 'True' ? conditionEvidence(stalled) : []),
        ...eventEvidence(warningEvents(context, release), 2),
      ],
      actions: [
        command(msg('helm.stuck.logs'), fluxLogs(release)),
        command(msg('helm.events'), kubectlEvents(release)),
        reconcile(release),
        ...(source ? [reconcile(release, true)] : []),
        { label: msg('helm.stuck.force'), kind: 'force', target: subjectOf(release) },
        ...(exhausted
          ? [
              {
                label: msg('helm.stuck.reset'),
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
