import { findCondition, readyState } from '../model/conditions';
import { providerForGroup } from '../model/crossplane';
import { sourceRefOf } from '../model/join';
import { asArray, field, stringField } from '../model/json';
import { FLUX_KUSTOMIZE_GROUP } from '../model/kinds';
import { ObjectRef, refOf, Resource, splitApiVersion } from '../model/resource';
import { parseRevision } from '../model/revision';
import { isPending } from '../model/visibility';
import { RULES } from './catalogue';
import { command, fluxLogs, kubectlDescribe, kubectlEvents, open, reconcile } from './commands';
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
  INVALID_MANIFESTS,
  matchesAny,
  NO_MATCHES_FOR_KIND,
  SERVER_COULD_NOT_FIND,
} from './matchers';

/** FLUX-INVALID-MANIFESTS, FLUX-CRD-ORDERING, FLUX-HEALTH-CHECK, FLUX-DEPENDENCY, FLUX-ARTIFACT. */
export const kustomizeRules: Rule = context =>
  context.index
    .withRole('kustomization')
    .flatMap(kustomization => diagnoseKustomization(context, kustomization));

function diagnoseKustomization(context: RuleContext, kustomization: Resource): Finding[] {
  const artifact = sourceFinding(context, kustomization);
  if (readyState(kustomization) !== 'false') return artifact ? [artifact] : [];
  const ready = findCondition(kustomization, 'Ready');
  const reason = ready?.reason ?? '';
  const message = ready?.message ?? '';

  if (reason === 'DependencyNotReady' || /dependency '[^']+' is not ready/i.test(message)) {
    return [dependencyFinding(context, kustomization)];
  }
  if (artifact && (reason === 'ArtifactFailed' || /Source '[^']+' not found/i.test(message))) {
    return [artifact];
  }
  if (reason === 'ArtifactFailed' || /Source '[^']+' not found/i.test(message)) {
    return [artifactFailed(context, kustomization)];
  }
  const noMatch = NO_MATCHES_FOR_KIND.exec(message.replace(/\s+/g, ' '));
  if (noMatch || (reason === 'ReconciliationFailed' && SERVER_COULD_NOT_FIND.test(message))) {
    return [crdOrdering(context, kustomization, noMatch?.[1], noMatch?.[2])];
  }
  if (reason === 'HealthCheckFailed' || /health check failed/i.test(message)) {
    return [healthCheck(context, kustomization)];
  }
  if (
    reason === 'BuildFailed' ||
    ((reason === 'ReconciliationFailed' || reason === 'PruneFailed') &&
      matchesAny(message, INVALID_MANIFESTS))
  ) {
    return [invalidManifests(context, kustomization)];
  }
  return artifact ? [artifact] : [];
}

function revisionText(kustomization: Resource): string {
  const attempted = parseRevision(
    stringField(kustomization.raw, 'status', 'lastAttemptedRevision')
  );
  return attempted.raw ? `commit ${attempted.short}` : 'the latest commit';
}

function dependencyFinding(context: RuleContext, kustomization: Resource): Finding {
  const ready = findCondition(kustomization, 'Ready');
  const blockers: ObjectRef[] = [];
  const named = /dependency '([^'/]+)\/([^']+)' is not ready/i.exec(ready?.message ?? '');
  if (named) {
    blockers.push({
      cluster: kustomization.cluster,
      group: FLUX_KUSTOMIZE_GROUP,
      kind: 'Kustomization',
      namespace: named[1],
      name: named[2],
    });
  } else {
    for (const dependency of asArray(field(kustomization.raw, 'spec', 'dependsOn'))) {
      const name = stringField(dependency, 'name');
      if (!name) continue;
      const ref = {
        cluster: kustomization.cluster,
        group: FLUX_KUSTOMIZE_GROUP,
        kind: 'Kustomization',
        namespace: stringField(dependency, 'namespace') || kustomization.namespace,
        name,
      };
      const found = context.index.get(ref);
      if (!found || readyState(found) !== 'true') blockers.push(ref);
    }
  }
  const names = blockers.map(ref => `${ref.namespace}/${ref.name}`).join(', ');
  return finding({
    rule: RULES.FLUX_DEPENDENCY,
    resource: kustomization,
    title: `Kustomization ${kustomization.name} waits for ${names || 'a dependency'}`,
    explanation:
      'A Kustomization in spec.dependsOn is not Ready, so this one is not applied. Fix the dependency first; this one follows on its next retry.',
    evidence: conditionEvidence(ready),
    actions: [
      ...blockers.map(ref => open(`Open ${ref.namespace}/${ref.name}`, ref)),
      reconcile(kustomization),
    ],
    blockedBy: blockers,
  });
}

/** The Kustomization's source is missing or failing: new commits cannot arrive. */
function sourceFinding(context: RuleContext, kustomization: Resource): Finding | undefined {
  const sourceRef = sourceRefOf(kustomization);
  if (!sourceRef) return undefined;
  const source = context.index.get(sourceRef);
  if (!source || readyState(source) !== 'false') return undefined;
  const failing = readyState(kustomization) === 'false';
  return finding({
    rule: RULES.FLUX_ARTIFACT,
    resource: kustomization,
    severity: failing ? 'error' : 'warning',
    title: `Source ${source.kind} ${source.name} of Kustomization ${kustomization.name} is failing`,
    explanation: failing
      ? 'The Kustomization cannot get an artifact from its source. Fix the source first.'
      : 'The Kustomization still applies the last artifact it got, but new commits will not arrive until the source recovers.',
    evidence: [...conditionEvidence(findCondition(source, 'Ready'))],
    actions: [open(`Open ${source.kind} ${source.name}`, source), reconcile(kustomization, true)],
    blockedBy: [refOf(source)],
  });
}

function artifactFailed(context: RuleContext, kustomization: Resource): Finding {
  const sourceRef = sourceRefOf(kustomization);
  const ready = findCondition(kustomization, 'Ready');
  const gap = sourceRef
    ? context.index.gapFor(sourceRef.cluster, sourceRef.group, sourceRef.kind, sourceRef.namespace)
    : undefined;
  const source = sourceRef ? context.index.get(sourceRef) : undefined;
  const state = !sourceRef
    ? 'not named'
    : source
    ? 'not ready'
    : !gap
    ? 'not found'
    : isPending(gap)
    ? 'still being read'
    : 'not visible to you';
  return finding({
    rule: RULES.FLUX_ARTIFACT,
    resource: kustomization,
    title: `Kustomization ${kustomization.name}: source ${
      sourceRef ? `${sourceRef.kind} ${sourceRef.namespace}/${sourceRef.name}` : ''
    } is ${state}`,
    explanation:
      'Without an artifact from its source nothing can be applied. Go to the source and its diagnosis.',
    evidence: conditionEvidence(ready),
    actions: [
      ...(sourceRef ? [open(`Open ${sourceRef.kind} ${sourceRef.name}`, sourceRef)] : []),
      reconcile(kustomization, true),
    ],
    blockedBy: sourceRef ? [sourceRef] : [],
  });
}

function crdOrdering(
  context: RuleContext,
  kustomization: Resource,
  kind?: string,
  apiVersion?: string
): Finding {
  const index = context.index;
  const ready = findCondition(kustomization, 'Ready');
  const { group } = splitApiVersion(apiVersion);
  const xrd = kind ? index.xrdFor(kustomization.cluster, group, kind)?.xrd : undefined;
  const provider =
    !xrd && group ? providerForGroup(index, kustomization.cluster, group) : undefined;
  const definer = xrd ?? provider;
  const definingKustomization = definer ? index.inventoryOwnersOf(definer)[0] : undefined;
  const what = kind ? `${kind} (${apiVersion})` : 'a kind';
  const where = definingKustomization
    ? ` ${definer?.kind} ${definer?.name} that defines it is applied by Kustomization ${definingKustomization.namespace}/${definingKustomization.name}: add it to spec.dependsOn of ${kustomization.name}.`
    : definer
    ? ` ${definer.kind} ${definer.name} defines it.`
    : '';
  const blockers =
    definer && definer.kind === 'CompositeResourceDefinition' ? [refOf(definer)] : [];
  return finding({
    rule: RULES.FLUX_CRD_ORDERING,
    resource: kustomization,
    title: `Kustomization ${kustomization.name} applies ${what} before it is served`,
    explanation: `The API server does not serve ${what} yet, so the dry-run of ${revisionText(
      kustomization
    )} failed. Claims and XRs must be applied after their XRD is established (and managed resources after their Provider): split definitions and claims into two Kustomizations and make the claims one depend on the definitions one (spec.dependsOn).${where}`,
    evidence: conditionEvidence(ready),
    actions: [
      ...(definingKustomization
        ? [open(`Open ${definingKustomization.name}`, definingKustomization)]
        : []),
      ...(definer ? [open(`Open ${definer.kind} ${definer.name}`, definer)] : []),
      reconcile(kustomization),
    ],
    blockedBy: blockers,
  });
}

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

function healthCheck(context: RuleContext, kustomization: Resource): Finding {
  const ready = findCondition(kustomization, 'Ready');
  const listed = parseHealthCheckObjects(ready?.message ?? '');
  const blockers: ObjectRef[] = [];
  for (const item of listed) {
    const found = context.index.findByKind(
      kustomization.cluster,
      item.kind,
      item.namespace,
      item.name
    )[0];
    if (found) blockers.push(refOf(found));
  }
  const names = listed
    .map(item => `${item.kind}/${item.namespace ? `${item.namespace}/` : ''}${item.name}`)
    .join(', ');
  const hasCrossplane = blockers.some(ref => {
    const found = context.index.get(ref);
    return found && ['claim', 'composite', 'managed'].includes(context.index.role(found));
  });
  return finding({
    rule: RULES.FLUX_HEALTH_CHECK,
    resource: kustomization,
    title: `Kustomization ${kustomization.name}: ${
      names || 'applied objects'
    } did not become ready`,
    explanation: `The objects of ${revisionText(
      kustomization
    )} were applied but did not pass the health check within spec.timeout.${
      hasCrossplane
        ? ' Crossplane objects are listed: their own conditions (below, root cause first) say why. Crossplane conditions carry no observedGeneration, so consider spec.healthCheckExprs for Crossplane kinds.'
        : ' Open each listed object to see why.'
    }`,
    evidence: [
      ...conditionEvidence(ready),
      ...eventEvidence(warningEvents(context, kustomization), 2),
    ],
    actions: [
      ...blockers.slice(0, 3).map(ref => open(`Open ${ref.kind} ${ref.name}`, ref)),
      reconcile(kustomization),
      command('Events of the Kustomization', kubectlEvents(kustomization)),
    ],
    blockedBy: blockers,
  });
}

function invalidManifests(context: RuleContext, kustomization: Resource): Finding {
  const ready = findCondition(kustomization, 'Ready');
  const message = ready?.message ?? '';
  const failing = /([A-Za-z][A-Za-z0-9]*\/(?:[a-z0-9.-]+\/)?[a-zA-Z0-9.:_-]+) dry-run failed/.exec(
    message
  )?.[1];
  const path = stringField(kustomization.raw, 'spec', 'path') ?? './';
  return finding({
    rule: RULES.FLUX_INVALID_MANIFESTS,
    resource: kustomization,
    title: `Kustomization ${kustomization.name}: ${revisionText(kustomization)} has ${
      failing ? `an invalid object (${failing})` : 'invalid manifests'
    }`,
    explanation: `The commit is bad: ${
      ready?.reason === 'BuildFailed' ? 'kustomize build failed' : 'the API server rejected it'
    }. The cluster keeps running the last applied commit. Fix forward or git revert the commit; validate before merging (kustomize build ${path} and schema validation against the CRDs).`,
    evidence: [
      ...conditionEvidence(ready),
      ...eventEvidence(warningEvents(context, kustomization), 2),
    ],
    actions: [
      command('Events of the Kustomization', kubectlEvents(kustomization)),
      command('kustomize-controller logs for it', fluxLogs(kustomization)),
      command('Describe', kubectlDescribe(kustomization)),
      reconcile(kustomization, true),
    ],
  });
}
