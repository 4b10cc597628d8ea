import { findCondition } from '../model/conditions';
import { isPaused, providerConfigOf } from '../model/crossplane';
import { asArray, asNumber, field, stringField } from '../model/json';
import { ObjectRef, refOf, Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command } from './commands';
import { conditionEvidence, eventEvidence, Finding, finding, Rule, RuleContext } from './context';
import {
  crossplaneCase,
  crossplaneText,
  describeAction,
  eventsAction,
  isQuiet,
  kindAndName,
  openAction,
} from './crossplaneText';
import {
  matchesAny,
  parseInUse,
  XP_CREATE_PENDING,
  XP_CREDENTIALS,
  XP_EXTERNAL_API,
  XP_EXTERNAL_EVENT_REASONS,
  XP_PROVIDERCONFIG_MISSING,
  XP_REFERENCE_UNRESOLVED,
  XP_USAGE_BLOCKS_DELETE,
} from './matchers';
import { commaList, Message, msg } from './messages';

/** Managed resources, plus the rules that apply to any Crossplane object (paused, usage-blocked deletion). */
export const managedRules: Rule = context => {
  const index = context.index;
  const crossplaneObjects = [
    ...index.withRole('managed'),
    ...index.withRole('composite'),
    ...index.withRole('claim'),
  ];
  return [
    ...crossplaneObjects.flatMap(resource => [
      ...paused(context, resource),
      ...usageBlocksDelete(context, resource),
    ]),
    ...index.withRole('provider-config').flatMap(pc => providerConfigInUse(context, pc)),
    ...index.withRole('managed').flatMap(managed => managedFindings(context, managed)),
  ];
};

function paused(context: RuleContext, resource: Resource): Finding[] {
  const synced = findCondition(resource, 'Synced');
  if (!isPaused(resource) && synced?.reason !== 'ReconcilePaused') return [];
  const byAnnotation = resource.annotations['crossplane.io/paused'] === 'true';
  const policies = field(resource.raw, 'spec', 'managementPolicies');
  const evidence = [
    ...(byAnnotation
      ? [
          {
            kind: 'field' as const,
            message: msg('managed.paused.annotation', { annotation: 'crossplane.io/paused' }),
          },
        ]
      : []),
    ...(Array.isArray(policies) && policies.length === 0
      ? [{ kind: 'field' as const, text: 'spec.managementPolicies: []' }]
      : []),
    ...conditionEvidence(synced?.reason === 'ReconcilePaused' ? synced : undefined),
  ];
  return [
    finding({
      rule: RULES.XP_PAUSED,
      resource,
      title: msg('managed.paused.title', kindAndName(resource)),
      explanation: byAnnotation
        ? msg('managed.paused.byAnnotation')
        : msg('managed.paused.byPolicies'),
      evidence,
      actions: [describeAction(resource)],
    }),
  ];
}

function usageBlocksDelete(context: RuleContext, resource: Resource): Finding[] {
  if (!resource.deletionTimestamp) return [];
  const said = crossplaneText(context, resource);
  const blockingEvents = context.index
    .eventsFor(resource)
    .filter(event => matchesAny(event.message, XP_USAGE_BLOCKS_DELETE));
  if (!matchesAny(said.text, XP_USAGE_BLOCKS_DELETE) && blockingEvents.length === 0) return [];
  const inUse = parseInUse([said.text, ...blockingEvents.map(e => e.message)].join('\n'));
  return [
    finding({
      rule: RULES.XP_USAGE_BLOCKS_DELETE,
      resource,
      title: inUse.by
        ? msg('managed.usage.titleBy', { ...kindAndName(resource), by: inUse.by })
        : msg('managed.usage.title', kindAndName(resource)),
      explanation: usageExplanation(inUse.usage, inUse.by),
      evidence: [...said.evidence, ...eventEvidence(blockingEvents, 2)],
      actions: [
        command(
          msg('managed.usage.find'),
          `kubectl get usages.protection.crossplane.io,clusterusages.protection.crossplane.io -A`
        ),
      ],
    }),
  ];
}

function usageExplanation(usage: string | undefined, by: string | undefined): Message {
  if (usage)
    return by
      ? msg('managed.usage.explanationNamedBy', { usage, by })
      : msg('managed.usage.explanationNamed', { usage });
  return by ? msg('managed.usage.explanationBy', { by }) : msg('managed.usage.explanation');
}

/**
 * A deleted (Cluster)ProviderConfig that managed resources still use: crossplane-runtime's
 * providerconfig reconciler sets `Terminating=True`, reason `InUse`, "Blocking deletion while
 * usages still exist", and keeps its finalizer until no ProviderConfigUsage is left.
 */
function providerConfigInUse(context: RuleContext, pc: Resource): Finding[] {
  const terminating = findCondition(pc, 'Terminating');
  const byCondition = terminating?.status === 'True' && terminating.reason === 'InUse';
  if (
    !byCondition &&
    !(pc.deletionTimestamp && matchesAny(terminating?.message, XP_USAGE_BLOCKS_DELETE))
  )
    return [];
  const users = asNumber(field(pc.raw, 'status', 'users'));
  return [
    finding({
      rule: RULES.XP_USAGE_BLOCKS_DELETE,
      resource: pc,
      title:
        users !== undefined
          ? msg('managed.configInUse.titleCount', { ...kindAndName(pc), users })
          : msg('managed.configInUse.title', kindAndName(pc)),
      explanation: msg('managed.configInUse.explanation', { kind: pc.kind }),
      evidence: [
        ...conditionEvidence(terminating),
        ...(users !== undefined
          ? [{ kind: 'field' as const, text: `status.users: ${users}` }]
          : []),
      ],
      actions: [
        command(
          msg('managed.configInUse.listUsages'),
          `kubectl get ${`providerconfigusages.${pc.group}`}${
            pc.namespace ? ` -n ${pc.namespace}` : ' -A'
          }${pc.cluster ? ` --context ${pc.cluster}` : ''}`
        ),
        describeAction(pc),
      ],
    }),
  ];
}

/**
 * Whether the ProviderConfig kind of a managed resource was read: a failed list says no;
 * objects of that kind, or the installed provider whose CRDs define it, say yes. Without
 * either the object's absence proves nothing.
 */
function providerConfigKindRead(context: RuleContext, ref: ObjectRef): boolean {
  const index = context.index;
  if (
    index.gapFor(ref.cluster, ref.group, ref.kind, ref.namespace || undefined) ||
    index.visibility.some(gap => gap.cluster === ref.cluster && gap.kind === ref.kind)
  )
    return false;
  return (
    index.list(ref.cluster, ref.group, ref.kind).length > 0 ||
    !!index.providerRevisionForGroup(ref.cluster, ref.group)
  );
}

function managedFindings(context: RuleContext, managed: Resource): Finding[] {
  if (isQuiet(managed)) return [];
  const { said, text, base, trace } = crossplaneCase(context, managed);
  const events = eventsAction(managed);

  if (matchesAny(text, XP_CREATE_PENDING)) {
    return [
      finding({
        ...base,
        rule: RULES.XP_CREATE_PENDING,
        title: msg('managed.createPending.title', kindAndName(managed)),
        explanation: msg('managed.createPending.explanation'),
        actions: [describeAction(managed)],
      }),
    ];
  }
  const providerConfig = providerConfigOf(context.index, managed);
  // Missing means the kind was read and the object is absent; a message may say so outright.
  const pcMissing =
    providerConfig !== undefined &&
    !providerConfig.resource &&
    providerConfigKindRead(context, providerConfig.ref);
  const providerConfigMissing = (): Finding => {
    const name =
      providerConfig?.ref.name ?? stringField(managed.raw, 'spec', 'providerConfigRef', 'name');
    const configKind = providerConfig?.ref.kind ?? 'ProviderConfig';
    const namespace = providerConfig?.ref.namespace;
    return finding({
      ...base,
      rule: RULES.XP_PROVIDERCONFIG_MISSING,
      title: name
        ? msg('managed.configMissing.title', { ...kindAndName(managed), configKind, config: name })
        : msg('managed.configMissing.titleUnnamed', { ...kindAndName(managed), configKind }),
      explanation: !name
        ? msg('managed.configMissing.explanationUnnamed')
        : namespace
        ? msg('managed.configMissing.explanationNamespaced', {
            configKind,
            config: name,
            namespace,
          })
        : msg('managed.configMissing.explanation', { configKind, config: name }),
      actions: [trace, events],
    });
  };
  if (matchesAny(text, XP_PROVIDERCONFIG_MISSING)) return [providerConfigMissing()];
  if (matchesAny(text, XP_CREDENTIALS)) {
    const secretName = stringField(
      providerConfig?.resource?.raw,
      'spec',
      'credentials',
      'secretRef',
      'name'
    );
    const secretNamespace = stringField(
      providerConfig?.resource?.raw,
      'spec',
      'credentials',
      'secretRef',
      'namespace'
    );
    return [
      finding({
        ...base,
        rule: RULES.XP_CREDENTIALS,
        title: msg('managed.credentials.title', kindAndName(managed)),
        explanation: !providerConfig
          ? msg('managed.credentials.explanationNoConfig')
          : secretName
          ? msg('managed.credentials.explanationSecret', {
              namespace: secretNamespace ?? '',
              secret: secretName,
              configKind: providerConfig.ref.kind,
              config: providerConfig.ref.name,
            })
          : msg('managed.credentials.explanation', {
              configKind: providerConfig.ref.kind,
              config: providerConfig.ref.name,
            }),
        actions: [...(providerConfig?.resource ? [openAction(providerConfig.ref)] : []), trace],
        blockedBy: providerConfig?.resource ? [providerConfig.ref] : [],
      }),
    ];
  }
  const externalEvents = said.events.filter(event => XP_EXTERNAL_EVENT_REASONS.has(event.reason));
  if (matchesAny(text, XP_EXTERNAL_API) || externalEvents.length > 0) {
    const observeOnly =
      asArray(field(managed.raw, 'spec', 'managementPolicies')).every(
        policy => policy === 'Observe'
      ) && asArray(field(managed.raw, 'spec', 'managementPolicies')).length > 0;
    const doesNotExist = /does not exist|not found|NotFound/i.test(text);
    return [
      finding({
        ...base,
        rule: RULES.XP_EXTERNAL_API,
        title: msg('managed.external.title', kindAndName(managed)),
        explanation:
          observeOnly && doesNotExist
            ? msg('managed.external.observeOnly', {
                externalName: managed.annotations['crossplane.io/external-name'] ?? '',
              })
            : msg('managed.external.explanation'),
        actions: [events, trace],
      }),
    ];
  }
  if (
    matchesAny(text, XP_REFERENCE_UNRESOLVED) ||
    said.events.some(event => event.reason === 'CannotResolveResourceReferences')
  ) {
    const referenced = referencedResources(context, managed, text);
    const found = referenced.filter(item => item.resource);
    const blockers = found.flatMap(item =>
      item.resource && findCondition(item.resource, 'Ready')?.status !== 'True'
        ? [refOf(item.resource)]
        : []
    );
    const absent = referenced.filter(item => !item.resource);
    const named = referenced.map(item => item.label);
    return [
      finding({
        ...base,
        rule: RULES.XP_REFERENCE_UNRESOLVED,
        title: named.length
          ? msg('managed.reference.title', {
              ...kindAndName(managed),
              references: commaList(named),
            })
          : msg('managed.reference.titleUnnamed', kindAndName(managed)),
        explanation: blockers.length
          ? msg('managed.reference.notReady')
          : absent.length && found.length === 0
          ? msg('managed.reference.absent', { names: commaList(absent.map(item => item.name)) })
          : msg('managed.reference.explanation'),
        actions: [...blockers.slice(0, 3).map(ref => openAction(ref)), trace, events],
        blockedBy: blockers,
      }),
    ];
  }
  if (pcMissing && said.synced?.status === 'False') return [providerConfigMissing()];
  return [];
}

interface Referenced {
  name: string;
  label: string;
  resource?: Resource;
}

/**
 * The managed resources an MR's `…Ref`/`…Refs` fields name (spec.forProvider and
 * spec.initProvider). The message names the Go field (`mg.Spec.ForProvider.VPCID`): when
 * it does, only that field's reference; the kind is the one whose name the field starts with
 * when several managed resources share the name.
 */
function referencedResources(context: RuleContext, managed: Resource, text: string): Referenced[] {
  const goField = /mg\.Spec\.(?:ForProvider|InitProvider)\.([A-Za-z0-9]+)/.exec(text)?.[1];
  const wanted = goField?.toLowerCase();
  const refs: Array<{ field: string; name: string }> = [];
  for (const block of ['forProvider', 'initProvider']) {
    const values = field(managed.raw, 'spec', block);
    if (typeof values !== 'object' || values === null) continue;
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      const base = /^(.*?)Refs?$/.exec(key)?.[1];
      if (!base || (wanted && base.toLowerCase() !== wanted)) continue;
      const entries = Array.isArray(value) ? value : [value];
      for (const entry of entries) {
        const name = stringField(entry, 'name');
        if (name) refs.push({ field: base, name });
      }
    }
  }
  const managedByName = new Map<string, Resource[]>();
  for (const candidate of context.index.withRole('managed')) {
    if (candidate.cluster !== managed.cluster || candidate === managed) continue;
    if (managed.namespace && candidate.namespace !== managed.namespace) continue;
    const list = managedByName.get(candidate.name);
    if (list) list.push(candidate);
    else managedByName.set(candidate.name, [candidate]);
  }
  return refs.map(({ field: fieldName, name }) => {
    const candidates = managedByName.get(name) ?? [];
    const resource =
      candidates.length === 1
        ? candidates[0]
        : candidates.find(candidate =>
            fieldName.toLowerCase().startsWith(candidate.kind.toLowerCase())
          );
    return { name, label: resource ? `${resource.kind} ${name}` : name, resource };
  });
}
