import { findCondition } from '../model/conditions';
import { isPaused, providerConfigOf } from '../model/crossplane';
import { asArray, asNumber, field, stringField } from '../model/json';
import { ObjectRef, refOf, Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, crossplaneTrace, kubectlDescribe, kubectlEvents, open } from './commands';
import { conditionEvidence, eventEvidence, Finding, finding, Rule, RuleContext } from './context';
import { crossplaneText, isQuiet } from './crossplaneText';
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
      ? [{ kind: 'field' as const, text: 'annotation crossplane.io/paused: "true"' }]
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
      title: `${resource.kind} ${resource.name}: Crossplane reconciliation is paused`,
      explanation: byAnnotation
        ? 'Crossplane does not reconcile it while the crossplane.io/paused annotation is "true": remove the annotation to resume.'
        : 'An empty spec.managementPolicies list means Crossplane takes no action on it: set the policies (e.g. ["*"]) to resume.',
      evidence,
      actions: [command('Describe', kubectlDescribe(resource))],
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
      title: `${resource.kind} ${resource.name} cannot be deleted: it is in use${
        inUse.by ? ` by ${inUse.by}` : ''
      }`,
      explanation: `A Usage${
        inUse.usage ? ` (${inUse.usage})` : ''
      } protects this object while the object that uses it exists. Delete ${
        inUse.by ?? 'the `by` object'
      } first; deletion then proceeds.`,
      evidence: [...said.evidence, ...eventEvidence(blockingEvents, 2)],
      actions: [
        command(
          'Find the Usage',
          `kubectl get usages.protection.crossplane.io,clusterusages.protection.crossplane.io -A`
        ),
      ],
    }),
  ];
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
      title: `${pc.kind} ${pc.name} cannot be deleted: ${
        users !== undefined
          ? `${users} managed resource(s) still use it`
          : 'managed resources still use it'
      }`,
      explanation: `Crossplane keeps a deleted ${pc.kind} until no managed resource uses it (each use is a ProviderConfigUsage). Delete those managed resources, or point their spec.providerConfigRef at another ${pc.kind}; the deletion then completes.`,
      evidence: [
        ...conditionEvidence(terminating),
        ...(users !== undefined
          ? [{ kind: 'field' as const, text: `status.users: ${users}` }]
          : []),
      ],
      actions: [
        command(
          'List its usages',
          `kubectl get ${`providerconfigusages.${pc.group}`}${
            pc.namespace ? ` -n ${pc.namespace}` : ' -A'
          }${pc.cluster ? ` --context ${pc.cluster}` : ''}`
        ),
        command('Describe', kubectlDescribe(pc)),
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
  const said = crossplaneText(context, managed);
  const text = said.text;
  const base = { resource: managed, evidence: said.evidence };
  const trace = command('Trace it', crossplaneTrace(managed));
  const events = command('Events', kubectlEvents(managed));

  if (matchesAny(text, XP_CREATE_PENDING)) {
    return [
      finding({
        ...base,
        rule: RULES.XP_CREATE_PENDING,
        title: `${managed.kind} ${managed.name}: Crossplane cannot tell whether it was created`,
        explanation:
          'A create call was interrupted. Check the cloud for an orphaned resource; if one exists, set the crossplane.io/external-name annotation to its name. Then remove the crossplane.io/external-create-pending annotation.',
        actions: [command('Describe', kubectlDescribe(managed))],
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
    const kind = providerConfig?.ref.kind ?? 'ProviderConfig';
    return finding({
      ...base,
      rule: RULES.XP_PROVIDERCONFIG_MISSING,
      title: `${managed.kind} ${managed.name}: ${kind} ${name || '(none)'} is missing`,
      explanation: name
        ? `The managed resource refers to ${kind} "${name}"${
            providerConfig?.ref.namespace ? ` in namespace ${providerConfig.ref.namespace}` : ''
          }, which does not exist. Create it (with its credentials Secret) or point spec.providerConfigRef at an existing one.`
        : 'The managed resource names no ProviderConfig: set spec.providerConfigRef.',
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
        title: `${managed.kind} ${managed.name}: the provider credentials are rejected or unreadable`,
        explanation: `Fix the credentials${
          secretName ? ` in Secret ${secretNamespace ?? ''}/${secretName}` : ''
        } that ${providerConfig?.ref.kind ?? 'the ProviderConfig'} ${
          providerConfig?.ref.name ?? ''
        } references: wrong keys, expired or revoked keys, or a malformed file.`,
        actions: [
          ...(providerConfig?.resource
            ? [
                open(
                  `Open ${providerConfig.ref.kind} ${providerConfig.ref.name}`,
                  providerConfig.ref
                ),
              ]
            : []),
          trace,
        ],
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
        title: `${managed.kind} ${managed.name}: the cloud API rejected the request`,
        explanation:
          observeOnly && doesNotExist
            ? `It only observes an existing resource, and none is found under external-name "${
                managed.annotations['crossplane.io/external-name'] ?? ''
              }": the crossplane.io/external-name annotation is probably wrong.`
            : 'The provider reached the cloud API and it said no: read the whole error (IAM permissions, quota, invalid parameters) and fix the spec or the account.',
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
    const named = referenced.map(item => item.label).join(', ');
    return [
      finding({
        ...base,
        rule: RULES.XP_REFERENCE_UNRESOLVED,
        title: `${managed.kind} ${managed.name}: ${
          named ? `reference to ${named}` : 'a reference to another resource'
        } is unresolved`,
        explanation: blockers.length
          ? `The referenced resource is not ready, so the field it fills is still empty: its own diagnosis (root cause first) says why.`
          : absent.length && found.length === 0
          ? `No managed resource named ${absent
              .map(item => item.name)
              .join(', ')} was found among those read: create it or fix the *Ref name.`
          : 'A *Ref or *Selector field in spec.forProvider points at a resource that does not exist, is not ready, or matches no labels. Often transient while the referenced resource is created.',
        actions: [
          ...blockers.slice(0, 3).map(ref => open(`Open ${ref.kind} ${ref.name}`, ref)),
          trace,
          events,
        ],
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
