import { findCondition, readyState } from '../model/conditions';
import { providerForGroup } from '../model/crossplane';
import { dependsOnOf } from '../model/fluxSpec';
import { sourceRefOf } from '../model/join';
import { stringField } from '../model/json';
import { XP_APIEXTENSIONS_GROUP } from '../model/kinds';
import { commitLiveness } from '../model/liveness';
import { refOf, Resource, splitApiVersion } from '../model/resource';
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
import { healthCheck } from './kustomizeHealth';
import { lastAttempted, revisionText } from './kustomizeRevision';
import {
  INVALID_MANIFESTS,
  matchesAny,
  NO_MATCHES_FOR_KIND,
  parseInUse,
  SERVER_COULD_NOT_FIND,
  XP_USAGE_BLOCKS_DELETE,
} from './matchers';
import { Message, msg } from './messages';

/**
 * FLUX-INVALID-MANIFESTS, FLUX-CRD-ORDERING, FLUX-HEALTH-CHECK (kustomizeHealth.ts),
 * FLUX-DEPENDENCY (dependency.ts), FLUX-ARTIFACT, XP-USAGE-BLOCKS-DELETE on a Kustomization.
 */
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

function openObject(ref: { kind: string; name: string }): Message {
  return msg('kustomize.open', { kind: ref.kind, name: ref.name });
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
    title: msg('kustomize.source.title', {
      kind: source.kind,
      name: source.name,
      kustomization: kustomization.name,
    }),
    explanation: failing
      ? msg('kustomize.source.explanationFailing')
      : msg('kustomize.source.explanation'),
    evidence: [...conditionEvidence(findCondition(source, 'Ready'))],
    actions: [open(openObject(source), source), reconcile(kustomization, true)],
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
    ? msg('kustomize.artifact.notNamed')
    : source
    ? msg('kustomize.artifact.notReady')
    : !gap
    ? msg('kustomize.artifact.notFound')
    : isPending(gap)
    ? msg('kustomize.artifact.pending')
    : msg('kustomize.artifact.notVisible');
  return finding({
    rule: RULES.FLUX_ARTIFACT,
    resource: kustomization,
    title: sourceRef
      ? msg('kustomize.artifact.title', {
          name: kustomization.name,
          source: `${sourceRef.kind} ${sourceRef.namespace}/${sourceRef.name}`,
          state,
        })
      : msg('kustomize.artifact.titleUnnamed', { name: kustomization.name, state }),
    explanation: msg('kustomize.artifact.explanation'),
    evidence: conditionEvidence(ready),
    actions: [
      ...(sourceRef ? [open(openObject(sourceRef), sourceRef)] : []),
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
  // The kind and its apiVersion are data, as the API server names them.
  const what = kind ? `${kind} (${apiVersion})` : msg('kustomize.crdOrdering.aKind');
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
  const order = (next: Message): Message =>
    msg('list.sentences', { first: msg('kustomize.crdOrdering.order'), next });
  const undefinedAdvice = msg('kustomize.crdOrdering.undefined');
  const advice = definer
    ? alreadyDepends && definingName
      ? msg('kustomize.crdOrdering.alreadyDepends', {
          kustomization: definingName,
          kind: definer.kind,
          name: definer.name,
        })
      : definingName
      ? order(
          msg('kustomize.crdOrdering.addDependency', {
            kind: definer.kind,
            name: definer.name,
            kustomization: definingName,
            subject: kustomization.name,
          })
        )
      : order(msg('kustomize.crdOrdering.applyFirst', { kind: definer.kind, name: definer.name }))
    : xrdsHidden
    ? msg('kustomize.crdOrdering.definersHidden')
    : dependsOn.length
    ? undefinedAdvice
    : msg('list.sentences', { first: undefinedAdvice, next: msg('kustomize.crdOrdering.split') });
  const blockers =
    definer && definer.kind === 'CompositeResourceDefinition' ? [refOf(definer)] : [];
  return finding({
    rule: RULES.FLUX_CRD_ORDERING,
    resource: kustomization,
    title: msg('kustomize.crdOrdering.title', { name: kustomization.name, what }),
    explanation: msg('list.sentences', {
      first: msg('kustomize.crdOrdering.notServed', {
        what,
        revision: revisionText(kustomization),
      }),
      next: advice,
    }),
    evidence: conditionEvidence(ready),
    actions: [
      ...(definingKustomization && !alreadyDepends
        ? [
            open(
              msg('kustomize.openName', { name: definingKustomization.name }),
              definingKustomization
            ),
          ]
        : []),
      ...(definer ? [open(openObject(definer), definer)] : []),
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
  const object = blocked ?? msg('kustomize.usage.theObject');
  const user = inUse.by ?? msg('kustomize.usage.theUser');
  return finding({
    rule: RULES.XP_USAGE_BLOCKS_DELETE,
    resource: kustomization,
    title: inUse.by
      ? msg('kustomize.usage.titleBy', {
          name: kustomization.name,
          object: blocked ?? msg('kustomize.usage.anObject'),
          user: inUse.by,
        })
      : msg('kustomize.usage.title', {
          name: kustomization.name,
          object: blocked ?? msg('kustomize.usage.anObject'),
        }),
    explanation: inUse.usage
      ? msg('kustomize.usage.explanationNamed', { usage: inUse.usage, object, user })
      : msg('kustomize.usage.explanation', { object, user }),
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
        msg('kustomize.usage.find'),
        'kubectl get usages.protection.crossplane.io,clusterusages.protection.crossplane.io -A'
      ),
      command(msg('kustomize.events'), kubectlEvents(kustomization)),
      reconcile(kustomization),
    ],
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
    title: failing
      ? msg('kustomize.invalid.titleObject', {
          name: kustomization.name,
          revision: revisionText(kustomization),
          object: failing,
        })
      : msg('kustomize.invalid.title', {
          name: kustomization.name,
          revision: revisionText(kustomization),
        }),
    explanation: msg('kustomize.invalid.explanation', {
      why:
        ready?.reason === 'BuildFailed'
          ? msg('kustomize.invalid.buildFailed')
          : msg('kustomize.invalid.rejected'),
      running: commitLiveness(kustomization).partial
        ? msg('kustomize.invalid.runningPartial')
        : msg('kustomize.invalid.running'),
      path,
    }),
    evidence: [
      ...conditionEvidence(ready),
      ...eventEvidence(warningEventsAt(context, kustomization, lastAttempted(kustomization)), 2),
    ],
    actions: [
      command(msg('kustomize.events'), kubectlEvents(kustomization)),
      command(msg('kustomize.invalid.logs'), fluxLogs(kustomization)),
      command(msg('kustomize.invalid.describe'), kubectlDescribe(kustomization)),
      reconcile(kustomization, true),
    ],
  });
}
