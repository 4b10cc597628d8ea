import { findCondition, readyState } from '../model/conditions';
import { isSuspended } from '../model/health';
import { sourceRefOf } from '../model/join';
import { parseTime, stringField } from '../model/json';
import { commitLiveness, Liveness } from '../model/liveness';
import { Resource } from '../model/resource';
import { parseRevision, sameRevision } from '../model/revision';
import { intervalMs, timeoutMs } from '../model/staleness';
import { RULES } from './catalogue';
import { command, kubectlEvents, open, reconcile } from './commands';
import { conditionEvidence, Finding, finding, RuleContext } from './context';
import { Message, msg } from './messages';

/**
 * FLUX-ROLLOUT-BEHIND: a Kustomization whose newest commit did not pass, or that
 * still runs an older revision than its source has had for longer than Flux allows.
 */
export function rolloutBehind(context: RuleContext, kustomization: Resource): Finding[] {
  if (isSuspended(kustomization)) return [];
  const status = kustomization.raw.status;
  const applied = parseRevision(stringField(status, 'lastAppliedRevision'));
  const attempted = parseRevision(stringField(status, 'lastAttemptedRevision'));
  const ready = findCondition(kustomization, 'Ready');
  if (
    applied.raw &&
    attempted.raw &&
    !sameRevision(applied.raw, attempted.raw) &&
    readyState(kustomization) !== 'unknown'
  ) {
    const liveness = commitLiveness(kustomization);
    const { title, explanation } = behindText(kustomization, liveness);
    return [
      finding({
        rule: RULES.FLUX_ROLLOUT_BEHIND,
        resource: kustomization,
        title,
        explanation,
        evidence: [
          { kind: 'field', message: msg('fluxState.behind.applied', { revision: applied.raw }) },
          {
            kind: 'field',
            message: msg('fluxState.behind.attempted', { revision: attempted.raw }),
          },
          ...conditionEvidence(ready),
        ],
        actions: [
          reconcile(kustomization, true),
          command(msg('fluxState.behind.events'), kubectlEvents(kustomization)),
        ],
      }),
    ];
  }
  const sourceRef = sourceRefOf(kustomization);
  const source = sourceRef ? context.index.get(sourceRef) : undefined;
  const target = parseRevision(stringField(source?.raw, 'status', 'artifact', 'revision'));
  const artifactUpdated = stringField(source?.raw, 'status', 'artifact', 'lastUpdateTime');
  const artifactTime = parseTime(artifactUpdated);
  const interval = intervalMs(kustomization) ?? 0;
  const timeout = timeoutMs(kustomization);
  if (
    !source ||
    !target.raw ||
    !applied.raw ||
    sameRevision(applied.raw, target.raw) ||
    artifactUpdated === undefined ||
    artifactTime === undefined
  )
    return [];
  if (context.now - artifactTime <= interval + timeout) return [];
  return [
    finding({
      rule: RULES.FLUX_ROLLOUT_BEHIND,
      resource: kustomization,
      title: msg('fluxState.behind.source.title', {
        name: kustomization.name,
        applied: applied.short,
        available: target.short,
      }),
      explanation: msg('fluxState.behind.source.explanation', {
        available: target.short,
        since: artifactUpdated,
        applied: applied.short,
      }),
      evidence: [
        { kind: 'field', message: msg('fluxState.behind.applied', { revision: applied.raw }) },
        {
          kind: 'field',
          message: msg('fluxState.behind.artifact', {
            kind: source.kind,
            name: source.name,
            revision: target.raw,
          }),
        },
        ...conditionEvidence(ready),
      ],
      actions: [
        reconcile(kustomization, true),
        open(msg('fluxState.behind.open', { kind: source.kind, name: source.name }), source),
      ],
    }),
  ];
}

/** The newest commit did not pass: whether its objects are live comes from `commitLiveness`, said once. */
function behindText(
  kustomization: Resource,
  liveness: Liveness
): { title: Message; explanation: Message } {
  const name = kustomization.name;
  const attempted = liveness.attempted.short;
  const healthy = liveness.lastHealthy.short;
  const revisions = { attempted, healthy };
  const failingRule = msg('fluxState.behind.failingRule');
  if (sameRevision(liveness.live.raw, liveness.attempted.raw) && liveness.live.raw) {
    return {
      title: msg('fluxState.behind.live.title', { name, ...revisions }),
      explanation: msg('list.sentences', {
        first: liveness.inferred
          ? msg('fluxState.behind.live.explanationInferred', revisions)
          : msg('fluxState.behind.live.explanation', revisions),
        next: failingRule,
      }),
    };
  }
  if (sameRevision(liveness.live.raw, liveness.lastHealthy.raw) && liveness.live.raw) {
    const notLanded = liveness.inferred
      ? msg('fluxState.behind.notLanded.explanationInferred', revisions)
      : msg('fluxState.behind.notLanded.explanation', revisions);
    return {
      title: msg('fluxState.behind.notLanded.title', { name, ...revisions }),
      explanation: msg('list.sentences', {
        first: liveness.partial
          ? msg('list.sentences', {
              first: notLanded,
              next: msg('fluxState.behind.notLanded.partial'),
            })
          : notLanded,
        next: failingRule,
      }),
    };
  }
  return {
    title: msg('fluxState.behind.unknown.title', { name, ...revisions }),
    explanation: msg('list.sentences', {
      first: msg('fluxState.behind.unknown.explanation', revisions),
      next: failingRule,
    }),
  };
}
