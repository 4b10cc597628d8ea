/**
 * English texts: kustomize.ts: FLUX-ARTIFACT (Kustomization source), FLUX-CRD-ORDERING,
 * XP-USAGE-BLOCKS-DELETE (prune), FLUX-HEALTH-CHECK, FLUX-INVALID-MANIFESTS.
 */
export const KUSTOMIZE = {
  'kustomize.revision.commit': 'commit {{commit}}',
  'kustomize.revision.latest': 'the latest commit',
  'kustomize.open': 'Open {{kind}} {{name}}',
  'kustomize.openName': 'Open {{name}}',
  'kustomize.events': 'Events of the Kustomization',

  'kustomize.source.title':
    'Source {{kind}} {{name}} of Kustomization {{kustomization}} is failing',
  'kustomize.source.explanationFailing':
    'The Kustomization cannot get an artifact from its source. Fix the source first.',
  'kustomize.source.explanation':
    'The Kustomization still applies the last artifact it got, but new commits will not arrive until the source recovers.',

  'kustomize.artifact.title': 'Kustomization {{name}}: source {{source}} is {{state}}',
  'kustomize.artifact.titleUnnamed': 'Kustomization {{name}}: source is {{state}}',
  'kustomize.artifact.notNamed': 'not named',
  'kustomize.artifact.notReady': 'not ready',
  'kustomize.artifact.notFound': 'not found',
  'kustomize.artifact.pending': 'still being read',
  'kustomize.artifact.notVisible': 'not visible to you',
  'kustomize.artifact.explanation':
    'Without an artifact from its source nothing can be applied. Go to the source and its diagnosis.',

  'kustomize.crdOrdering.aKind': 'a kind',
  'kustomize.crdOrdering.title': 'Kustomization {{name}} applies {{what}} before it is served',
  'kustomize.crdOrdering.notServed':
    'The API server does not serve {{what}}, so the dry-run of {{revision}} failed.',
  'kustomize.crdOrdering.alreadyDepends':
    'It already depends on Kustomization {{kustomization}}, which applies {{kind}} {{name}}: the kind is still not served, so look at {{kind}} {{name}} (it is not established or not healthy).',
  'kustomize.crdOrdering.order':
    'Claims and XRs must be applied after their XRD is established (and managed resources after their Provider).',
  'kustomize.crdOrdering.addDependency':
    '{{kind}} {{name}} that defines it is applied by Kustomization {{kustomization}}: add it to spec.dependsOn of {{subject}}.',
  'kustomize.crdOrdering.applyFirst':
    '{{kind}} {{name}} defines it: make sure it is applied and established first.',
  'kustomize.crdOrdering.definersHidden':
    'XRDs could not be read, so whether anything defines it is unknown.',
  'kustomize.crdOrdering.undefined':
    'No XRD or Provider in the cluster defines it: check the apiVersion and kind, or install what defines it.',
  'kustomize.crdOrdering.split':
    'If another Kustomization is to apply its definition, split definitions and claims into two Kustomizations and make the claims one depend on the definitions one (spec.dependsOn).',

  'kustomize.usage.anObject': 'an object',
  'kustomize.usage.theObject': 'the object',
  'kustomize.usage.theUser': 'the object that uses it',
  'kustomize.usage.title': 'Kustomization {{name}} cannot prune {{object}}: it is in use',
  'kustomize.usage.titleBy':
    'Kustomization {{name}} cannot prune {{object}}: it is in use by {{user}}',
  'kustomize.usage.explanation':
    'A Crossplane Usage protects {{object}} while {{user}} exists, so the deletion was refused. This is not a bad commit: delete (or stop applying) the using object first; the prune then succeeds on the next reconciliation.',
  'kustomize.usage.explanationNamed':
    'A Crossplane Usage ({{usage}}) protects {{object}} while {{user}} exists, so the deletion was refused. This is not a bad commit: delete (or stop applying) the using object first; the prune then succeeds on the next reconciliation.',
  'kustomize.usage.find': 'Find the Usage',

  // One object or several: English says the same, other languages agree the verb.
  'kustomize.health.appliedObjects': 'applied objects',
  'kustomize.health.titleOne': 'Kustomization {{name}}: {{objects}} did not become ready',
  'kustomize.health.titleMany': 'Kustomization {{name}}: {{objects}} did not become ready',
  'kustomize.health.titleOneOfTotal':
    'Kustomization {{name}}: {{objects}} did not become ready ({{failing}} of {{total}} failing objects)',
  'kustomize.health.titleManyOfTotal':
    'Kustomization {{name}}: {{objects}} did not become ready ({{failing}} of {{total}} failing objects)',
  'kustomize.health.explanation':
    'The objects of {{revision}} were applied but did not pass the health check within spec.timeout.',
  'kustomize.health.crossplane':
    'Crossplane objects are listed: their own conditions (below, root cause first) say why.',
  'kustomize.health.openEach': 'Open each listed object to see why.',

  'kustomize.invalid.title': 'Kustomization {{name}}: {{revision}} has invalid manifests',
  'kustomize.invalid.titleObject':
    'Kustomization {{name}}: {{revision}} has an invalid object ({{object}})',
  'kustomize.invalid.buildFailed': 'kustomize build failed',
  'kustomize.invalid.rejected': 'the API server rejected it',
  'kustomize.invalid.running': 'The cluster keeps running the last applied commit.',
  'kustomize.invalid.runningPartial':
    'The cluster keeps running the last applied commit (CRDs and Namespaces, applied in an earlier stage, may already be from this commit).',
  'kustomize.invalid.explanation':
    'The commit is bad: {{why}}. {{running}} Fix forward or git revert the commit; validate before merging (kustomize build {{path}} and schema validation against the CRDs).',
  'kustomize.invalid.logs': 'kustomize-controller logs for it',
  'kustomize.invalid.describe': 'Describe',
} as const;
