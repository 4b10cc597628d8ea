import { findCondition, isStale } from '../model/conditions';
import { xrdTypes } from '../model/crossplane';
import { asNumber, field } from '../model/json';
import { XP_APIEXTENSIONS_GROUP } from '../model/kinds';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, kubectlDescribe, kubectlEvents } from './commands';
import { xrFindings } from './compositeResource';
import {
  conditionEvidence,
  eventEvidence,
  Finding,
  finding,
  Rule,
  RuleContext,
  warningEvents,
} from './context';
import { msg } from './messages';

/**
 * Composition machinery: XRDs, composite resources, claims and composition
 * revisions. One diagnosis per object, the most specific cause first. The XRs and
 * claims are read in compositeResource.ts; XRDs and revisions here.
 */
export const compositionRules: Rule = context => [
  ...context.index.withRole('xrd').flatMap(xrd => xrdFindings(context, xrd)),
  ...[...context.index.withRole('composite'), ...context.index.withRole('claim')].flatMap(xr =>
    xrFindings(context, xr)
  ),
  ...latestCompositionRevisions(context).flatMap(revision => revisionFindings(context, revision)),
];

/** Crossplane's definition and offered controllers: the CRD for the XR or claim was refused. */
const XRD_REFUSAL_REASONS: ReadonlySet<string> = new Set(['EstablishComposite', 'OfferClaim']);

function xrdFindings(context: RuleContext, xrd: Resource): Finding[] {
  const established = findCondition(xrd, 'Established');
  const events = warningEvents(context, xrd);
  const types = xrdTypes(xrd);
  const kind = types.kind;
  // As the text read before it was a message: an XRD without spec.group says `undefined`.
  const group = String(types.group);
  const actions = [
    command(msg('composition.xrd.events'), kubectlEvents(xrd)),
    command(msg('composition.xrd.describe'), kubectlDescribe(xrd)),
  ];
  if (established && isStale(established, xrd.generation)) {
    // Stale is not current: an Established condition about an older generation is no verdict on
    // the new spec — unless Crossplane says it refused the new CRD (it keeps the old condition).
    const refused = events.filter(
      event =>
        XRD_REFUSAL_REASONS.has(event.reason) &&
        /cannot (apply rendered|render) composite resource/i.test(event.message)
    );
    if (refused.length === 0) return [];
    const generations = {
      status: established.status,
      observed: String(established.observedGeneration),
      generation: String(xrd.generation),
    };
    return [
      finding({
        rule: RULES.XP_XRD_NOT_ESTABLISHED,
        resource: xrd,
        title: msg('composition.xrd.refused.title', {
          name: xrd.name,
          generation: String(xrd.generation),
        }),
        explanation: kind
          ? msg('composition.xrd.refused.explanation', { ...generations, kind, group })
          : msg('composition.xrd.refused.explanationNoKind', generations),
        evidence: [...eventEvidence(refused), ...conditionEvidence(established)],
        actions,
      }),
    ];
  }
  if (established?.status === 'True') return [];
  return [
    finding({
      rule: RULES.XP_XRD_NOT_ESTABLISHED,
      resource: xrd,
      severity: established ? 'error' : 'warning',
      title: kind
        ? msg('composition.xrd.titleKind', { name: xrd.name, kind, group })
        : msg('composition.xrd.title', { name: xrd.name }),
      explanation: established
        ? msg('composition.xrd.explanation')
        : msg('composition.xrd.explanationNoCondition'),
      evidence: [...conditionEvidence(established), ...eventEvidence(events)],
      actions,
    }),
  ];
}

function latestCompositionRevisions(context: RuleContext): Resource[] {
  const latest = new Map<string, Resource>();
  for (const revision of context.index.withRole('composition-revision')) {
    const composition = revision.labels['crossplane.io/composition-name'] ?? revision.name;
    const key = `${revision.cluster}|${composition}`;
    const current = latest.get(key);
    const number = asNumber(field(revision.raw, 'spec', 'revision')) ?? 0;
    if (!current || number > (asNumber(field(current.raw, 'spec', 'revision')) ?? 0))
      latest.set(key, revision);
  }
  return [...latest.values()];
}

function revisionFindings(context: RuleContext, revision: Resource): Finding[] {
  const valid = findCondition(revision, 'ValidPipeline');
  if (valid?.status !== 'False') return [];
  const compositionName = revision.labels['crossplane.io/composition-name'];
  const composition = compositionName
    ? context.index.get({
        cluster: revision.cluster,
        group: XP_APIEXTENSIONS_GROUP,
        kind: 'Composition',
        namespace: '',
        name: compositionName,
      })
    : undefined;
  const subject = composition ?? revision;
  const names = { composition: compositionName ?? revision.name, revision: revision.name };
  return [
    finding({
      rule: RULES.XP_PIPELINE_INVALID,
      resource: subject,
      title: valid.reason
        ? msg('composition.revision.titleReason', { ...names, reason: valid.reason })
        : msg('composition.revision.title', names),
      explanation: msg('composition.revision.explanation'),
      evidence: conditionEvidence(valid),
      actions: [command(msg('composition.revision.describe'), kubectlDescribe(revision))],
    }),
  ];
}
