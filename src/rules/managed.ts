import { findCondition } from '../model/conditions';
import { isPaused, providerConfigOf } from '../model/crossplane';
import { asArray, field, stringField } from '../model/json';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, crossplaneTrace, kubectlDescribe, kubectlEvents, open } from './commands';
import { conditionEvidence, eventEvidence, Finding, finding, Rule, RuleContext } from './context';
import { crossplaneText, isQuiet } from './crossplaneText';
import {
  matchesAny,
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
  const byName = /is in-use by ([^:\n]+?)(?:[:.]|$)/i.exec(
    [said.text, ...blockingEvents.map(e => e.message)].join('\n')
  )?.[1];
  return [
    finding({
      rule: RULES.XP_USAGE_BLOCKS_DELETE,
      resource,
      title: `${resource.kind} ${resource.name} cannot be deleted: it is in use${
        byName ? ` by ${byName}` : ''
      }`,
      explanation:
        'A Usage protects this object while the object that uses it exists. Delete the `by` object first; deletion then proceeds.',
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
  const pcGap = providerConfig
    ? context.index.gapFor(
        managed.cluster,
        providerConfig.ref.group,
        providerConfig.ref.kind,
        providerConfig.ref.namespace || undefined
      ) ??
      context.index.visibility.find(
        gap => gap.cluster === managed.cluster && gap.kind === providerConfig.ref.kind
      )
    : undefined;
  const pcMissing = providerConfig !== undefined && !providerConfig.resource && !pcGap;
  if (
    matchesAny(text, XP_PROVIDERCONFIG_MISSING) ||
    (pcMissing && said.synced?.status === 'False')
  ) {
    const name =
      providerConfig?.ref.name ?? stringField(managed.raw, 'spec', 'providerConfigRef', 'name');
    const kind = providerConfig?.ref.kind ?? 'ProviderConfig';
    return [
      finding({
        ...base,
        rule: RULES.XP_PROVIDERCONFIG_MISSING,
        title: `${managed.kind} ${managed.name}: ${kind} ${name || '(none)'} is missing`,
        explanation: name
          ? `The managed resource refers to ${kind} "${name}"${
              providerConfig?.ref.namespace ? ` in namespace ${providerConfig.ref.namespace}` : ''
            }, which does not exist. Create it (with its credentials Secret) or point spec.providerConfigRef at an existing one.`
          : 'The managed resource names no ProviderConfig: set spec.providerConfigRef.',
        actions: [trace, events],
      }),
    ];
  }
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
  if (matchesAny(text, XP_REFERENCE_UNRESOLVED)) {
    return [
      finding({
        ...base,
        rule: RULES.XP_REFERENCE_UNRESOLVED,
        title: `${managed.kind} ${managed.name}: a reference to another resource is unresolved`,
        explanation:
          'A *Ref or *Selector field in spec.forProvider points at a resource that does not exist, is not ready, or matches no labels. Often transient while the referenced resource is created.',
        actions: [trace, events],
      }),
    ];
  }
  return [];
}
