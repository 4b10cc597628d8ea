import { findCondition } from '../model/conditions';
import { healthOf } from '../model/health';
import { refOf, Resource } from '../model/resource';
import { RULES } from './catalogue';
import { command, kubectlEvents, open, reconcile } from './commands';
import {
  conditionEvidence,
  eventEvidence,
  Finding,
  finding,
  RuleContext,
  warningEventsAt,
} from './context';
import { lastAttempted, revisionText } from './kustomizeRevision';
import { commaList, Message, msg } from './messages';

/** `[Kind/ns/name status: 'InProgress', Kind/name status: 'Failed']` in a health-check message. */
export function parseHealthCheckObjects(
  message: string
): Array<{ kind: string; namespace: string; name: string; status: string }> {
  const result: Array<{ kind: string; namespace: string; name: string; status: string }> = [];
  const pattern =
    /([A-Za-z][A-Za-z0-9]*)\/(?:([a-z0-9][a-z0-9.-]*)\/)?([a-zA-Z0-9][a-zA-Z0-9.:_-]*) status: '([A-Za-z]+)'/g;
  for (const match of message.matchAll(pattern)) {
    result.push({ kind: match[1], namespace: match[2] ?? '', name: match[3], status: match[4] });
  }
  return result;
}

/** FLUX-HEALTH-CHECK: the objects a Kustomization applied did not become ready within spec.timeout. */
export function healthCheck(context: RuleContext, kustomization: Resource): Finding[] {
  const ready = findCondition(kustomization, 'Ready');
  const listed = parseHealthCheckObjects(ready?.message ?? '');
  const located = listed.map(item => ({
    item,
    resource: context.index.findByKind(
      kustomization.cluster,
      item.kind,
      item.namespace,
      item.name
    )[0],
  }));
  const label = (item: { kind: string; namespace: string; name: string }): string =>
    `${item.kind}/${item.namespace ? `${item.namespace}/` : ''}${item.name}`;
  // Warning events of earlier revisions were about commits that may already be fixed.
  const evidence = [
    ...conditionEvidence(ready),
    ...eventEvidence(warningEventsAt(context, kustomization, lastAttempted(kustomization)), 2),
  ];
  const make = (objects: typeof located, ofTotal: boolean): Finding => {
    const blockers = objects.flatMap(({ resource }) => (resource ? [refOf(resource)] : []));
    const names = objects.map(({ item }) => label(item));
    const hasCrossplane = blockers.some(ref => {
      const found = context.index.get(ref);
      return found && ['claim', 'composite', 'managed'].includes(context.index.role(found));
    });
    return finding({
      rule: RULES.FLUX_HEALTH_CHECK,
      resource: kustomization,
      title: healthTitle(
        kustomization.name,
        names.length ? commaList(names) : msg('kustomize.health.appliedObjects'),
        names.length === 1,
        ofTotal ? { failing: objects.length, total: listed.length } : undefined
      ),
      explanation: msg('list.sentences', {
        first: msg('kustomize.health.explanation', { revision: revisionText(kustomization) }),
        next: hasCrossplane ? msg('kustomize.health.crossplane') : msg('kustomize.health.openEach'),
      }),
      evidence,
      actions: [
        ...blockers
          .slice(0, 3)
          .map(ref => open(msg('kustomize.open', { kind: ref.kind, name: ref.name }), ref)),
        reconcile(kustomization),
        command(msg('kustomize.events'), kubectlEvents(kustomization)),
      ],
      blockedBy: blockers,
    });
  };
  // Several objects that still fail may fail for different reasons: one cause chain per object.
  // An object healthy by now is no cause; it stays in the evidence.
  const stillFailing = located.filter(
    entry => entry.resource && healthOf(context.index, entry.resource).health !== 'healthy'
  );
  if (stillFailing.length <= 1) return [make(located, false)];
  const unread = located.filter(entry => !entry.resource);
  return [
    ...stillFailing.map(entry => make([entry], true)),
    ...(unread.length ? [make(unread, true)] : []),
  ];
}

function healthTitle(
  name: string,
  objects: Message | string,
  one: boolean,
  ofTotal: { failing: number; total: number } | undefined
): Message {
  if (ofTotal)
    return one
      ? msg('kustomize.health.titleOneOfTotal', { name, objects, ...ofTotal })
      : msg('kustomize.health.titleManyOfTotal', { name, objects, ...ofTotal });
  return one
    ? msg('kustomize.health.titleOne', { name, objects })
    : msg('kustomize.health.titleMany', { name, objects });
}
