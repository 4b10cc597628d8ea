import { findCondition } from '../model/conditions';
import { DependencyStatus, dependencyWaitOf } from '../model/dependencies';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { open, reconcile } from './commands';
import { conditionEvidence, Finding, finding, RuleContext } from './context';

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
    ? `its controller re-checks every ${every} (--requeue-dependency), next at ${wait.nextRetry}`
    : `its controller re-checks every ${every} (--requeue-dependency)`;
  const evidence = [
    ...conditionEvidence(ready),
    ...(wait.lastAttempt
      ? [{ kind: 'field' as const, text: `last dependency check: ${wait.lastAttempt}` }]
      : []),
  ];
  if (wait.cleared) {
    const names = wait.dependencies.map(dependency => name(dependency)).join(', ');
    return finding({
      rule: RULES.FLUX_DEPENDENCY,
      resource,
      severity: 'info',
      title: `${resource.kind} ${resource.name}: ${names} ${
        wait.dependencies.length > 1 ? 'are' : 'is'
      } Ready now; it will retry${wait.nextRetry ? ` at ${wait.nextRetry}` : ' shortly'}`,
      explanation: `Its last check found a dependency not ready; every dependency passes now, so the next check proceeds: ${retry}. Reconcile now to not wait.`,
      evidence,
      actions: [reconcile(resource)],
    });
  }
  const names = wait.blocking.map(dependency => describe(dependency)).join(', ');
  const unknown = wait.blocking.every(dependency => dependency.state === 'not-visible');
  const missing = wait.blocking.some(dependency => dependency.state === 'not-found');
  return finding({
    rule: RULES.FLUX_DEPENDENCY,
    resource,
    severity: 'warning',
    title: `${resource.kind} ${resource.name} waits for ${names || 'a dependency'}`,
    explanation: `It has not tried its revision yet: it is waiting, not failing. ${
      missing
        ? `A ${resource.kind} named in spec.dependsOn does not exist (its controller could not get it): create it or fix the name in spec.dependsOn; until then this one waits. `
        : ''
    }${
      unknown
        ? 'Whether the dependency is Ready could not be read with your permissions.'
        : 'It proceeds on its own once the dependency passes'
    }${
      unknown ? '' : ` (${retry}); the dependency's own diagnosis says why it does not pass yet.`
    }`,
    evidence,
    actions: [
      ...wait.blocking.map(dependency => open(`Open ${name(dependency)}`, dependency.ref)),
      reconcile(resource),
    ],
    blockedBy: wait.blocking
      .filter(dependency => dependency.state !== 'not-found')
      .map(dependency => dependency.ref),
  });
}

function name(dependency: DependencyStatus): string {
  return `${dependency.ref.namespace}/${dependency.ref.name}`;
}

function describe(dependency: DependencyStatus): string {
  switch (dependency.state) {
    case 'revision-behind':
      return `${name(dependency)} to apply the source's current revision`;
    case 'not-found':
      return `${name(dependency)}, which does not exist (check spec.dependsOn)`;
    case 'not-visible':
      return `${name(dependency)} (not visible to you)`;
    default:
      return name(dependency);
  }
}
