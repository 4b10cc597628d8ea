import { findCondition } from '../model/conditions';
import { DependencyStatus, dependencyWaitOf } from '../model/dependencies';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { open, reconcile } from './commands';
import { conditionEvidence, Finding, finding, RuleContext } from './context';
import { commaList, Message, msg } from './messages';

/**
 * FLUX-DEPENDENCY on a Kustomization or HelmRelease: it waits for a
 * dependency (a warning: waiting is not failing). Once every dependency is
 * Ready it says when the controller retries, and offers to reconcile now; the
 * dependency is then no longer named as a cause.
 */
export function dependencyFinding(context: RuleContext, resource: Resource): Finding | undefined {
  const wait = dependencyWaitOf(context.index, resource, context.now);
  if (!wait) return undefined;
  const ready = findCondition(resource, 'Ready');
  const every = `${Math.round(wait.retryEveryMs / 1000)}s`;
  const retry = wait.nextRetry
    ? msg('dependency.retryNext', { every, next: wait.nextRetry })
    : msg('dependency.retry', { every });
  const evidence = [
    ...conditionEvidence(ready),
    ...(wait.lastAttempt
      ? [
          {
            kind: 'field' as const,
            message: msg('dependency.lastCheck', { time: wait.lastAttempt }),
          },
        ]
      : []),
  ];
  if (wait.cleared) {
    const names = wait.dependencies.map(dependency => name(dependency)).join(', ');
    return finding({
      rule: RULES.FLUX_DEPENDENCY,
      resource,
      severity: 'info',
      title: clearedTitle(resource, names, wait.dependencies.length > 1, wait.nextRetry),
      explanation: msg('dependency.cleared.explanation', { retry }),
      evidence,
      actions: [reconcile(resource)],
    });
  }
  const described = wait.blocking.map(dependency => describe(dependency));
  const unknown = wait.blocking.every(dependency => dependency.state === 'not-visible');
  const missing = wait.blocking.some(dependency => dependency.state === 'not-found');
  const then = unknown
    ? msg('dependency.waits.unknown')
    : msg('dependency.waits.proceeds', { retry });
  return finding({
    rule: RULES.FLUX_DEPENDENCY,
    resource,
    severity: 'warning',
    title: described.length
      ? msg('dependency.waits.title', {
          kind: resource.kind,
          name: resource.name,
          names: commaList(described),
        })
      : msg('dependency.waits.titleUnnamed', { kind: resource.kind, name: resource.name }),
    explanation: missing
      ? msg('dependency.waits.explanationMissing', { kind: resource.kind, then })
      : msg('dependency.waits.explanation', { then }),
    evidence,
    actions: [
      ...wait.blocking.map(dependency =>
        open(msg('dependency.open', { name: name(dependency) }), dependency.ref)
      ),
      reconcile(resource),
    ],
    blockedBy: wait.blocking
      .filter(dependency => dependency.state !== 'not-found')
      .map(dependency => dependency.ref),
  });
}

function clearedTitle(
  resource: Resource,
  names: string,
  many: boolean,
  next: string | undefined
): Message {
  const { kind, name } = resource;
  if (next)
    return many
      ? msg('dependency.cleared.titleManyAt', { kind, name, names, next })
      : msg('dependency.cleared.titleOneAt', { kind, name, names, next });
  return many
    ? msg('dependency.cleared.titleMany', { kind, name, names })
    : msg('dependency.cleared.titleOne', { kind, name, names });
}

function name(dependency: DependencyStatus): string {
  return `${dependency.ref.namespace}/${dependency.ref.name}`;
}

function describe(dependency: DependencyStatus): Message | string {
  switch (dependency.state) {
    case 'revision-behind':
      return msg('dependency.behind', { name: name(dependency) });
    case 'not-found':
      return msg('dependency.notFound', { name: name(dependency) });
    case 'not-visible':
      return msg('dependency.notVisible', { name: name(dependency) });
    default:
      return name(dependency);
  }
}
