import { findCondition, isStale } from '../model/conditions';
import {
  claimResourceRef,
  composedRefs,
  compositionRefOf,
  compositionRevisionRefOf,
  compositionUpdatePolicyOf,
  pipelineOf,
  xrdTypes,
} from '../model/crossplane';
import { asArray, asNumber, field } from '../model/json';
import { XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from '../model/kinds';
import { ObjectRef, refOf, Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, crossplaneTrace, kubectlDescribe, kubectlEvents, open } from './commands';
import {
  conditionEvidence,
  eventEvidence,
  Finding,
  finding,
  Rule,
  RuleContext,
  warningEvents,
} from './context';
import { crossplaneText, isQuiet } from './crossplaneText';
import {
  matchesAny,
  XP_CLAIM_NOT_BOUND,
  XP_COMPOSE_INVALID,
  XP_FUNCTION_FAILED,
  XP_FUNCTION_MISSING,
  XP_KIND_NOT_SERVED,
  XP_NO_COMPOSITION,
  XP_PIPELINE_INVALID,
  XP_PIPELINE_STEP,
  XP_RBAC,
  XP_REVISION_MISSING,
  XP_SCOPE_MISMATCH,
  XP_UNREADY_RESOURCES,
  XP_UNSYNCED_RESOURCES,
} from './matchers';

/**
 * Composition machinery: XRDs, composite resources, claims and composition
 * revisions. One diagnosis per object, the most specific cause first.
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
  const { kind, group } = xrdTypes(xrd);
  if (established && isStale(established, xrd.generation)) {
    // Stale is not current: an Established condition about an older generation is no verdict on
    // the new spec — unless Crossplane says it refused the new CRD (it keeps the old condition).
    const refused = events.filter(
      event =>
        XRD_REFUSAL_REASONS.has(event.reason) &&
        /cannot (apply rendered|render) composite resource/i.test(event.message)
    );
    if (refused.length === 0) return [];
    return [
      finding({
        rule: RULES.XP_XRD_NOT_ESTABLISHED,
        resource: xrd,
        title: `XRD ${xrd.name} is not established at generation ${xrd.generation}: Crossplane refused its new schema`,
        explanation: `Established=${established.status} is about generation ${
          established.observedGeneration
        }; the current spec (generation ${
          xrd.generation
        }) was refused: Crossplane could not turn it into a CRD, so ${
          kind ? `${kind}.${group}` : 'the kind'
        } is still served with the old schema. Fix the XRD's schema (the events say what the API server rejected).`,
        evidence: [...eventEvidence(refused), ...conditionEvidence(established)],
        actions: [
          command('Events of the XRD', kubectlEvents(xrd)),
          command('Describe the XRD', kubectlDescribe(xrd)),
        ],
      }),
    ];
  }
  if (established?.status === 'True') return [];
  return [
    finding({
      rule: RULES.XP_XRD_NOT_ESTABLISHED,
      resource: xrd,
      severity: established ? 'error' : 'warning',
      title: `XRD ${xrd.name} is not established${kind ? `: ${kind}.${group} is not served` : ''}`,
      explanation: established
        ? 'Crossplane could not create or update the CRD for this XRD: usually a conflict with an existing CRD or an invalid schema. The events say which.'
        : 'The XRD reports no Established condition yet: Crossplane has not processed it (is Crossplane running?).',
      evidence: [...conditionEvidence(established), ...eventEvidence(events)],
      actions: [
        command('Events of the XRD', kubectlEvents(xrd)),
        command('Describe the XRD', kubectlDescribe(xrd)),
      ],
    }),
  ];
}

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

function xrFindings(context: RuleContext, xr: Resource): Finding[] {
  const index = context.index;
  if (isQuiet(xr)) return [];
  const said = crossplaneText(context, xr);
  const text = said.text;
  const role = index.role(xr);
  const trace = command('Trace it', crossplaneTrace(xr));
  const base = { resource: xr, evidence: said.evidence };
  const responsive = findCondition(xr, 'Responsive');

  if (responsive?.status === 'False' || responsive?.reason === 'WatchCircuitOpen') {
    return [
      finding({
        ...base,
        rule: RULES.XP_CIRCUIT_OPEN,
        evidence: [...conditionEvidence(responsive), ...said.evidence],
        title: `${xr.kind} ${xr.name}: watch circuit breaker open`,
        explanation:
          'Crossplane throttled this XR because a watched object changes too often: usually two controllers fighting over one object (often Flux and Crossplane both writing it). Stop one of them writing the same fields (e.g. do not let Flux manage composed resources).',
        actions: [trace, command('Events', kubectlEvents(xr))],
      }),
    ];
  }
  if (matchesAny(text, XP_SCOPE_MISMATCH)) {
    return [
      finding({
        ...base,
        rule: RULES.XP_SCOPE_MISMATCH,
        title: `${xr.kind} ${xr.name} composes a cluster-scoped resource from a namespaced XR`,
        explanation:
          'A namespaced composite resource can only compose namespaced resources. Use the namespaced managed-resource kind (the `.m.` API group) or make the XRD Cluster-scoped.',
        actions: [trace],
      }),
    ];
  }
  if (matchesAny(text, XP_RBAC)) {
    return [
      finding({
        ...base,
        rule: RULES.XP_RBAC,
        title: `Crossplane is not allowed to manage what ${xr.kind} ${xr.name} composes`,
        explanation:
          'Crossplane\'s service account is forbidden from the composed kind. Add a ClusterRole labelled rbac.crossplane.io/aggregate-to-crossplane: "true" that grants it.',
        actions: [trace],
      }),
    ];
  }
  if (matchesAny(text, XP_KIND_NOT_SERVED) && /composed resource|no matches for kind/i.test(text)) {
    const kind = /no matches for kind "([^"]+)" in version "([^"]+)"/i.exec(text);
    return [
      finding({
        ...base,
        rule: RULES.XP_KIND_NOT_SERVED,
        title: `${xr.kind} ${xr.name} composes ${
          kind ? `${kind[1]} (${kind[2]})` : 'a kind'
        } that is not served`,
        explanation:
          'The composed kind is not served by the API server: install the Provider that serves it, or (Crossplane v2) activate its ManagedResourceDefinition with a ManagedResourceActivationPolicy.',
        actions: [trace],
      }),
    ];
  }
  if (matchesAny(text, XP_FUNCTION_MISSING)) {
    const fn = functionFromMessage(context, xr, text);
    return [
      finding({
        ...base,
        rule: RULES.XP_FUNCTION_MISSING,
        title: `${xr.kind} ${xr.name}: pipeline Function ${
          fn?.name ?? ''
        } is not available`.replace('  ', ' '),
        explanation:
          'A Composition pipeline step names a Function that is not installed or has no healthy active revision. Install the Function or fix its Healthy condition.',
        actions: [...(fn ? [open(`Open Function ${fn.name}`, fn)] : []), trace],
        blockedBy: fn ? [fn] : [],
      }),
    ];
  }
  if (matchesAny(text, XP_FUNCTION_FAILED)) {
    const step = XP_PIPELINE_STEP.exec(text)?.[1];
    const fn = functionFromMessage(context, xr, text);
    const fnResource = fn ? index.get(fn) : undefined;
    // gRPC Unavailable/DeadlineExceeded while the Function itself is not healthy: the Function is the cause.
    const unreachable = /rpc error: code = (Unavailable|DeadlineExceeded)/i.test(text);
    const fnUnhealthy =
      !!fnResource &&
      ['Healthy', 'Installed'].some(type => findCondition(fnResource, type)?.status === 'False');
    return [
      finding({
        ...base,
        rule: RULES.XP_FUNCTION_FAILED,
        title: `${xr.kind} ${xr.name}: pipeline step ${step ? `"${step}" ` : ''}failed${
          unreachable && fnUnhealthy && fn ? `: Function ${fn.name} is not healthy` : ''
        }`,
        explanation:
          unreachable && fnUnhealthy && fn
            ? `Crossplane could not reach Function ${fn.name} over gRPC, and the Function is not healthy: fix the Function (its diagnosis, below) and the step runs again.`
            : 'A Function returned a fatal result or could not be reached in time. Check the function pod and the input the step passes; reproduce locally with `crossplane render`.',
        actions: [...(fn ? [open(`Open Function ${fn.name}`, fn)] : []), trace],
        blockedBy: unreachable && fnUnhealthy && fn ? [fn] : [],
      }),
    ];
  }
  if (matchesAny(text, XP_PIPELINE_INVALID)) {
    return [
      finding({
        ...base,
        rule: RULES.XP_PIPELINE_INVALID,
        title: `${xr.kind} ${xr.name}: the Composition's function pipeline is not valid`,
        explanation:
          'A Function in the pipeline lacks a capability the Composition needs (or the pipeline is malformed). Upgrade or fix the Function.',
        actions: [trace],
      }),
    ];
  }
  const pinned = compositionRevisionRefOf(index, xr);
  const pinnedMissing =
    !!pinned &&
    compositionUpdatePolicyOf(index, xr) === 'Manual' &&
    !index.anyGapFor(xr.cluster, XP_APIEXTENSIONS_GROUP, 'CompositionRevision') &&
    !index.get({
      cluster: xr.cluster,
      group: XP_APIEXTENSIONS_GROUP,
      kind: 'CompositionRevision',
      namespace: '',
      name: pinned,
    });
  if (
    matchesAny(text, XP_REVISION_MISSING) ||
    (pinnedMissing && said.synced?.status === 'False' && matchesAny(text, XP_NO_COMPOSITION))
  ) {
    return [
      finding({
        ...base,
        rule: RULES.XP_REVISION_MISSING,
        title: `${xr.kind} ${xr.name}: no CompositionRevision can be selected${
          pinned ? ` (pinned ${pinned}${pinnedMissing ? ', which does not exist' : ''})` : ''
        }`,
        explanation:
          'The pinned or selected CompositionRevision does not exist. Re-pin compositionRevisionRef to an existing revision or use compositionUpdatePolicy: Automatic.',
        actions: [trace],
      }),
    ];
  }
  if (matchesAny(text, XP_NO_COMPOSITION)) {
    const candidates = index.compositionsFor(xr.cluster, xr.group, xr.kind);
    return [
      finding({
        ...base,
        rule: RULES.XP_NO_COMPOSITION,
        title: `${xr.kind} ${xr.name}: no compatible Composition`,
        explanation: candidates.length
          ? `Compositions for ${xr.kind}: ${candidates
              .map(c => c.name)
              .join(
                ', '
              )}; check the XR's compositionRef and compositionSelector labels against them. With Flux, apply Compositions before claims (dependsOn).`
          : index.anyGapFor(xr.cluster, XP_APIEXTENSIONS_GROUP, 'Composition')
          ? 'Compositions could not be read, so which ones exist for this kind is unknown.'
          : `Nothing composes it. No Composition has compositeTypeRef ${xr.apiVersion} ${
              xr.kind
            }: add one (or fix compositeTypeRef of the one meant for it).${noDependsOnAdvice(
              context,
              xr
            )}`,
        actions: [trace, ...candidates.slice(0, 3).map(c => open(`Open Composition ${c.name}`, c))],
      }),
    ];
  }
  const unsyncedList = XP_UNSYNCED_RESOURCES.exec(
    said.synced?.status === 'False' ? said.synced.message : ''
  );
  if (matchesAny(text, XP_COMPOSE_INVALID) || unsyncedList) {
    // Crossplane 1.17–1.19 "Invalid resources: …", 1.20+/2.x "Unsynced resources: …": the
    // composed resources the API server refused as invalid; the error itself is only in events.
    const events = warningEvents(context, xr);
    return [
      finding({
        ...base,
        rule: RULES.XP_COMPOSE_INVALID,
        evidence: [
          ...said.evidence.filter(e => e.kind === 'condition'),
          ...eventEvidence(events, 5),
        ],
        title: `${xr.kind} ${xr.name}: ${
          unsyncedList
            ? parseResourceList(unsyncedList[2]).names.join(', ')
            : 'some composed resources'
        } ${
          unsyncedList && parseResourceList(unsyncedList[2]).names.length === 1 ? 'was' : 'were'
        } invalid`,
        explanation: events.length
          ? "The real error is only in the XR's Warning events, shown here."
          : "The real error is only in the XR's Warning events, and none could be read: look at them with kubectl.",
        actions: [command('Events of the XR', kubectlEvents(xr)), trace],
      }),
    ];
  }
  if (role === 'claim') {
    const waiting = said.ready?.status === 'False' && said.ready.reason === 'Waiting';
    const notBound = matchesAny(text, XP_CLAIM_NOT_BOUND);
    if (waiting || notBound) {
      const xrRef = claimResourceRef(index, xr);
      return [
        finding({
          ...base,
          rule: RULES.XP_CLAIM_WAITING,
          title: notBound
            ? `Claim ${xr.name}: its composite resource is bound to another claim`
            : `Claim ${xr.name} waits for its composite resource${
                xrRef ? ` ${xrRef.ref.name}` : ''
              }`,
          explanation: notBound
            ? 'The XR named in spec.resourceRef belongs to another claim. Point this claim at its own XR (or remove resourceRef so one is created).'
            : 'The claim is ready when its composite resource is. Follow spec.resourceRef to see what the XR waits on.',
          actions: [
            ...(xrRef ? [open(`Open ${xrRef.ref.kind} ${xrRef.ref.name}`, xrRef.ref)] : []),
            trace,
          ],
          blockedBy: xrRef && !notBound ? [xrRef.ref] : [],
        }),
      ];
    }
  }
  const unready = XP_UNREADY_RESOURCES.exec(
    said.ready?.status === 'False' ? said.ready.message : ''
  );
  if (said.ready?.status === 'False' && (said.ready.reason === 'Creating' || unready)) {
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
    const blockers = [
      ...named.filter(entry => notReady(entry.ref)).map(entry => entry.ref),
      ...more,
    ];
    const what = waitingFor.length
      ? `${waitingFor.join(', ')}${list.more ? ` and ${list.more} more` : ''}`
      : list.more
      ? `${list.more} more composed resources`
      : 'its composed resources';
    return [
      finding({
        ...base,
        rule: RULES.XP_WAITING_ON_CHILDREN,
        title: `${xr.kind} ${xr.name} waits for ${what}`,
        explanation: `The composite resource is ready when all its composed resources are. The deepest unready resource below is the one to look at.${
          readyNow.length
            ? ` ${readyNow.join(', ')} ${
                readyNow.length === 1 ? 'is' : 'are'
              } Ready by now (the XR's condition is older).`
            : ''
        }`,
        actions: [
          ...blockers.slice(0, 3).map(ref => open(`Open ${ref.kind} ${ref.name}`, ref)),
          trace,
        ],
        blockedBy: blockers,
      }),
    ];
  }
  return [];
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

/**
 * Only when the Kustomization that applies the XR has no spec.dependsOn: a Composition may
 * still come from another Kustomization. With dependsOn already there, that advice does not fit.
 */
function noDependsOnAdvice(context: RuleContext, xr: Resource): string {
  const owner = context.index.inventoryOwnersOf(xr)[0];
  if (!owner || asArray(field(owner.raw, 'spec', 'dependsOn')).length > 0) return '';
  return ` If another Kustomization is to apply the Composition, make Kustomization ${owner.namespace}/${owner.name} depend on it (spec.dependsOn).`;
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
  return [
    finding({
      rule: RULES.XP_PIPELINE_INVALID,
      resource: subject,
      title: `Composition ${compositionName ?? revision.name}: revision ${
        revision.name
      } has an invalid pipeline${valid.reason ? ` (${valid.reason})` : ''}`,
      explanation:
        'A Function in the pipeline is missing a capability the Composition needs, or the pipeline is malformed. Upgrade or fix the Function named in the message.',
      evidence: conditionEvidence(valid),
      actions: [command('Describe the revision', kubectlDescribe(revision))],
    }),
  ];
}
