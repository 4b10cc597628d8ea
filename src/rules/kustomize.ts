import { findCondition, readyState } from '../model/conditions';
import { providerForGroup } from '../model/crossplane';
import { dependsOnOf } from '../model/fluxSpec';
import { healthOf } from '../model/health';
import { sourceRefOf } from '../model/join';
import { stringField } from '../model/json';
import { XP_APIEXTENSIONS_GROUP } from '../model/kinds';
import { commitLiveness } from '../model/liveness';
import { refOf, Resource, splitApiVersion } from '../model/resource';
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
  warningEventsAt,
} from './context';
import { dependencyFinding } from './dependency';
import {
  INVALID_MANIFESTS,
  matchesAny,
  NO_MATCHES_FOR_KIND,
  parseInUse,
  SERVER_COULD_NOT_FIND,
  XP_USAGE_BLOCKS_DELETE,
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

  const waiting = dependencyFinding(context, kustomization);
  if (waiting) return [waiting];
  if (artifact && (reason === 'ArtifactFailed' || /Source '[^']+' not found/i.test(message))) {
    return [artifact];
  }
  if (reason === 'ArtifactFailed' || /Source '[^']+' not found/i.test(message)) {
    return [artifactFailed(context, kustomization)];
  }
  if (matchesAny(message, XP_USAGE_BLOCKS_DELETE)) {
    return [usageBlocksPrune(context, kustomization)];
  }
  const noMatch = NO_MATCHES_FOR_KIND.exec(message.replace(/\s+/g, ' '));
  if (noMatch || (reason === 'ReconciliationFailed' && SERVER_COULD_NOT_FIND.test(message))) {
    return [crdOrdering(context, kustomization, noMatch?.[1], noMatch?.[2])];
  }
  if (reason === 'HealthCheckFailed' || /health check failed/i.test(message)) {
    return healthCheck(context, kustomization);
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

/** The Kustomizations named in spec.dependsOn, as `namespace/name`. */
function dependsOnNames(kustomization: Resource): string[] {
  return dependsOnOf(kustomization.raw, kustomization.namespace).map(
    ({ namespace, name }) => `${namespace}/${name}`
  );
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
  const dependsOn = dependsOnNames(kustomization);
  const definingName = definingKustomization
    ? `${definingKustomization.namespace}/${definingKustomization.name}`
    : undefined;
  const alreadyDepends = !!definingName && dependsOn.includes(definingName);
  // Could the definers be read at all? Without XRDs (or provider revisions) "nothing defines it" is unknown.
  const xrdsHidden = !!index.anyGapFor(
    kustomization.cluster,
    XP_APIEXTENSIONS_GROUP,
    'CompositeResourceDefinition'
  );
  const split =
    ' Claims and XRs must be applied after their XRD is established (and managed resources after their Provider).';
  const advice = definer
    ? alreadyDepends
      ? ` It already depends on Kustomization ${definingName}, which applies ${definer.kind} ${definer.name}: the kind is still not served, so look at ${definer.kind} ${definer.name} (it is not established or not healthy).`
      : definingKustomization
      ? `${split} ${definer.kind} ${definer.name} that defines it is applied by Kustomization ${definingName}: add it to spec.dependsOn of ${kustomization.name}.`
      : `${split} ${definer.kind} ${definer.name} defines it: make sure it is applied and established first.`
    : xrdsHidden
    ? ' XRDs could not be read, so whether anything defines it is unknown.'
    : ` No XRD or Provider in the cluster defines it: check the apiVersion and kind, or install what defines it.${
        dependsOn.length
          ? ''
          : ' If another Kustomization is to apply its definition, split definitions and claims into two Kustomizations and make the claims one depend on the definitions one (spec.dependsOn).'
      }`;
  const blockers =
    definer && definer.kind === 'CompositeResourceDefinition' ? [refOf(definer)] : [];
  return finding({
    rule: RULES.FLUX_CRD_ORDERING,
    resource: kustomization,
    title: `Kustomization ${kustomization.name} applies ${what} before it is served`,
    explanation: `The API server does not serve ${what}, so the dry-run of ${revisionText(
      kustomization
    )} failed.${advice}`,
    evidence: conditionEvidence(ready),
    actions: [
      ...(definingKustomization && !alreadyDepends
        ? [open(`Open ${definingKustomization.name}`, definingKustomization)]
        : []),
      ...(definer ? [open(`Open ${definer.kind} ${definer.name}`, definer)] : []),
      reconcile(kustomization),
    ],
    blockedBy: blockers,
  });
}

/**
 * A prune or delete refused by Crossplane's Usage webhook (`nousages.protection.crossplane.io`):
 * `<Kind/ns/name> delete failed: admission webhook … denied the request: This resource is
 * in-use by N usage(s), including the <type> "<usage>" by resource <Kind>/<name>.` The commit
 * is not bad: the object is protected while something uses it.
 */
function usageBlocksPrune(context: RuleContext, kustomization: Resource): Finding {
  const ready = findCondition(kustomization, 'Ready');
  const message = ready?.message ?? '';
  const inUse = parseInUse(message);
  const blocked =
    /([A-Za-z][A-Za-z0-9]*\/(?:[a-z0-9.-]+\/)?[a-zA-Z0-9.:_-]+) delete failed:[^;]*in-use by/i.exec(
      message.replace(/\s+/g, ' ')
    )?.[1];
  return finding({
    rule: RULES.XP_USAGE_BLOCKS_DELETE,
    resource: kustomization,
    title: `Kustomization ${kustomization.name} cannot prune ${
      blocked ?? 'an object'
    }: it is in use${inUse.by ? ` by ${inUse.by}` : ''}`,
    explanation: `A Crossplane Usage${inUse.usage ? ` (${inUse.usage})` : ''} protects ${
      blocked ?? 'the object'
    } while ${
      inUse.by ?? 'the object that uses it'
    } exists, so the deletion was refused. This is not a bad commit: delete (or stop applying) the using object first; the prune then succeeds on the next reconciliation.`,
    evidence: [
      ...conditionEvidence(ready),
      ...eventEvidence(
        warningEventsAt(context, kustomization, lastAttempted(kustomization)).filter(event =>
          matchesAny(event.message, XP_USAGE_BLOCKS_DELETE)
        ),
        2
      ),
    ],
    actions: [
      command(
        'Find the Usage',
        'kubectl get usages.protection.crossplane.io,clusterusages.protection.crossplane.io -A'
      ),
      command('Events of the Kustomization', kubectlEvents(kustomization)),
      reconcile(kustomization),
    ],
  });
}

function lastAttempted(kustomization: Resource): string | undefined {
  return stringField(kustomization.raw, 'status', 'lastAttemptedRevision');
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

function healthCheck(context: RuleContext, kustomization: Resource): Finding[] {
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
    const names = objects.map(({ item }) => label(item)).join(', ');
    const hasCrossplane = blockers.some(ref => {
      const found = context.index.get(ref);
      return found && ['claim', 'composite', 'managed'].includes(context.index.role(found));
    });
    return finding({
      rule: RULES.FLUX_HEALTH_CHECK,
      resource: kustomization,
      title: `Kustomization ${kustomization.name}: ${
        names || 'applied objects'
      } did not become ready${
        ofTotal ? ` (${objects.length} of ${listed.length} failing objects)` : ''
      }`,
      explanation: `The objects of ${revisionText(
        kustomization
      )} were applied but did not pass the health check within spec.timeout.${
        hasCrossplane
          ? ' Crossplane objects are listed: their own conditions (below, root cause first) say why.'
          : ' Open each listed object to see why.'
      }`,
      evidence,
      actions: [
        ...blockers.slice(0, 3).map(ref => open(`Open ${ref.kind} ${ref.name}`, ref)),
        reconcile(kustomization),
        command('Events of the Kustomization', kubectlEvents(kustomization)),
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
    }. The cluster keeps running the last applied commit${
      commitLiveness(kustomization).partial
        ? ' (CRDs and Namespaces, applied in an earlier stage, may already be from this commit)'
        : ''
    }. Fix forward or git revert the commit; validate before merging (kustomize build ${path} and schema validation against the CRDs).`,
    evidence: [
      ...conditionEvidence(ready),
      ...eventEvidence(warningEventsAt(context, kustomization, lastAttempted(kustomization)), 2),
    ],
    actions: [
      command('Events of the Kustomization', kubectlEvents(kustomization)),
      command('kustomize-controller logs for it', fluxLogs(kustomization)),
      command('Describe', kubectlDescribe(kustomization)),
      reconcile(kustomization, true),
    ],
  });
}
