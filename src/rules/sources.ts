import { findCondition, readyState } from '../model/conditions';
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
  const url = stringField(source.raw, 'spec', 'url') ?? '';
  const secretName = stringField(source.raw, 'spec', 'secretRef', 'name');
  const ref = describeRef(source);

  if (reason === 'AuthenticationFailed' || (knownReason && matchesAny(message, SOURCE_AUTH))) {
    const secretStep = secretName
      ? `Check the Secret ${source.namespace}/${secretName} named in spec.secretRef: it must exist and hold the right keys (username/password, bearerToken, or identity/known_hosts for SSH).`
      : 'spec.secretRef names no Secret: a private repository needs one (username/password, bearerToken, or identity/known_hosts for SSH).';
    return [
      finding({
        rule: RULES.FLUX_SOURCE_AUTH,
        resource: source,
        title: `${source.kind} ${source.name} cannot authenticate to ${url || 'its repository'}`,
        explanation: `${secretStep} Confirm the URL and that the token or deploy key can read the repository, then reconcile the source.`,
        evidence,
        actions: [
          ...(secretName
            ? [
                command(
                  'Inspect the credentials Secret',
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
          command('Describe the source', kubectlDescribe(source)),
        ],
      }),
    ];
  }
  if (knownReason && matchesAny(message, SOURCE_REF)) {
    return [
      finding({
        rule: RULES.FLUX_SOURCE_REF,
        resource: source,
        title: `${source.kind} ${source.name}: ${
          ref ? `${ref} does not exist` : 'the reference does not exist'
        }`,
        explanation:
          'The branch, tag, semver range or commit in spec.ref does not exist in the repository. Fix spec.ref in Git (or push the missing ref), then reconcile the source.',
        evidence,
        actions: [reconcile(source), command('Describe the source', kubectlDescribe(source))],
      }),
    ];
  }
  if (knownReason && matchesAny(message, SOURCE_UNREACHABLE)) {
    const ca = stringField(source.raw, 'spec', 'certSecretRef', 'name');
    return [
      finding({
        rule: RULES.FLUX_SOURCE_UNREACHABLE,
        resource: source,
        title: `${source.kind} ${source.name} cannot reach ${url || 'its repository'}`,
        explanation: `source-controller could not connect: check DNS, network policies, the proxy and the server's certificate${
          ca
            ? ` (the CA in Secret ${source.namespace}/${ca})`
            : ' (spec.certSecretRef for a private CA)'
        }. It retries on its interval; reconcile to retry now.`,
        evidence,
        actions: [reconcile(source), command('Read source-controller logs', fluxLogs(source))],
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
