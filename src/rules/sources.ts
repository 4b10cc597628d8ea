import { findCondition, readyState } from '../model/conditions';
import { secretRefNameOf, sourceUrlOf } from '../model/fluxSpec';
import { stringField } from '../model/json';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, fluxLogs, kubectlDescribe, reconcile } from './commands';
import {
  conditionEvidence,
  eventEvidence,
  Finding,
  finding,
  Rule,
  RuleContext,
  warningEvents,
} from './context';
import {
  matchesAny,
  SOURCE_AUTH,
  SOURCE_FAILURE_REASONS,
  SOURCE_REF,
  SOURCE_UNREACHABLE,
} from './matchers';
import { msg } from './messages';

/** FLUX-SOURCE-AUTH, FLUX-SOURCE-UNREACHABLE, FLUX-SOURCE-REF on GitRepository, OCIRepository, Bucket, HelmRepository, HelmChart. */
export const sourceRules: Rule = context =>
  context.index.withRole('source').flatMap(source => diagnoseSource(context, source));

function diagnoseSource(context: RuleContext, source: Resource): Finding[] {
  if (readyState(source) !== 'false') return [];
  const ready = findCondition(source, 'Ready');
  const fetchFailed = findCondition(source, 'FetchFailed');
  const reason = ready?.reason ?? '';
  const message = [ready?.message, fetchFailed?.status === 'True' ? fetchFailed.message : '']
    .filter(Boolean)
    .join('\n');
  const knownReason =
    SOURCE_FAILURE_REASONS.has(reason) ||
    reason === 'AuthenticationFailed' ||
    fetchFailed?.status === 'True';
  const evidence = [
    ...conditionEvidence(ready),
    ...eventEvidence(warningEvents(context, source), 2),
  ];
  const url = sourceUrlOf(source.raw) ?? '';
  const secretName = secretRefNameOf(source.raw);
  const ref = describeRef(source);

  if (reason === 'AuthenticationFailed' || (knownReason && matchesAny(message, SOURCE_AUTH))) {
    const secretStep = secretName
      ? msg('sources.auth.secretNamed', { namespace: source.namespace, secret: secretName })
      : msg('sources.auth.noSecret');
    return [
      finding({
        rule: RULES.FLUX_SOURCE_AUTH,
        resource: source,
        title: url
          ? msg('sources.auth.title', { kind: source.kind, name: source.name, url })
          : msg('sources.auth.titleNoUrl', { kind: source.kind, name: source.name }),
        explanation: msg('sources.auth.explanation', { secretStep }),
        evidence,
        actions: [
          ...(secretName
            ? [
                command(
                  msg('sources.auth.inspectSecret'),
                  kubectlDescribe({
                    cluster: source.cluster,
                    group: '',
                    kind: 'Secret',
                    namespace: source.namespace,
                    name: secretName,
                  })
                ),
              ]
            : []),
          reconcile(source),
          command(msg('sources.describe'), kubectlDescribe(source)),
        ],
      }),
    ];
  }
  if (knownReason && matchesAny(message, SOURCE_REF)) {
    return [
      finding({
        rule: RULES.FLUX_SOURCE_REF,
        resource: source,
        title: ref
          ? msg('sources.ref.title', { kind: source.kind, name: source.name, ref })
          : msg('sources.ref.titleNoRef', { kind: source.kind, name: source.name }),
        explanation: msg('sources.ref.explanation'),
        evidence,
        actions: [reconcile(source), command(msg('sources.describe'), kubectlDescribe(source))],
      }),
    ];
  }
  if (knownReason && matchesAny(message, SOURCE_UNREACHABLE)) {
    const ca = stringField(source.raw, 'spec', 'certSecretRef', 'name');
    return [
      finding({
        rule: RULES.FLUX_SOURCE_UNREACHABLE,
        resource: source,
        title: url
          ? msg('sources.unreachable.title', { kind: source.kind, name: source.name, url })
          : msg('sources.unreachable.titleNoUrl', { kind: source.kind, name: source.name }),
        explanation: ca
          ? msg('sources.unreachable.explanationCa', { namespace: source.namespace, secret: ca })
          : msg('sources.unreachable.explanation'),
        evidence,
        actions: [reconcile(source), command(msg('sources.unreachable.logs'), fluxLogs(source))],
      }),
    ];
  }
  return [];
}

function describeRef(source: Resource): string | undefined {
  for (const key of ['branch', 'tag', 'semver', 'commit', 'name', 'digest']) {
    const value = stringField(source.raw, 'spec', 'ref', key);
    if (value) return `${key} ${value}`;
  }
  return undefined;
}
