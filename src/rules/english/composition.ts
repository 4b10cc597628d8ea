/**
 * English texts: composition.ts, compositeResource.ts, pipelineFunctions.ts,
 * compositionSelection.ts, composedResources.ts: XP-XRD-NOT-ESTABLISHED, XP-CIRCUIT-OPEN,
 * XP-SCOPE-MISMATCH, XP-RBAC, XP-KIND-NOT-SERVED, XP-FUNCTION-MISSING, XP-FUNCTION-FAILED,
 * XP-PIPELINE-INVALID, XP-REVISION-MISSING, XP-NO-COMPOSITION, XP-COMPOSE-INVALID,
 * XP-CLAIM-WAITING, XP-WAITING-ON-CHILDREN.
 */
export const COMPOSITION = {
  'composition.xrd.refused.title':
    'XRD {{name}} is not established at generation {{generation}}: Crossplane refused its new schema',
  'composition.xrd.refused.explanation':
    "Established={{status}} is about generation {{observed}}; the current spec (generation {{generation}}) was refused: Crossplane could not turn it into a CRD, so {{kind}}.{{group}} is still served with the old schema. Fix the XRD's schema (the events say what the API server rejected).",
  'composition.xrd.refused.explanationNoKind':
    "Established={{status}} is about generation {{observed}}; the current spec (generation {{generation}}) was refused: Crossplane could not turn it into a CRD, so the kind is still served with the old schema. Fix the XRD's schema (the events say what the API server rejected).",
  'composition.xrd.title': 'XRD {{name}} is not established',
  'composition.xrd.titleKind': 'XRD {{name}} is not established: {{kind}}.{{group}} is not served',
  'composition.xrd.explanation':
    'Crossplane could not create or update the CRD for this XRD: usually a conflict with an existing CRD or an invalid schema. The events say which.',
  'composition.xrd.explanationNoCondition':
    'The XRD reports no Established condition yet: Crossplane has not processed it (is Crossplane running?).',
  'composition.xrd.events': 'Events of the XRD',
  'composition.xrd.describe': 'Describe the XRD',
  'composition.revision.title':
    'Composition {{composition}}: revision {{revision}} has an invalid pipeline',
  'composition.revision.titleReason':
    'Composition {{composition}}: revision {{revision}} has an invalid pipeline ({{reason}})',
  'composition.revision.explanation':
    'A Function in the pipeline is missing a capability the Composition needs, or the pipeline is malformed. Upgrade or fix the Function named in the message.',
  'composition.revision.describe': 'Describe the revision',
  'composition.circuit.title': '{{kind}} {{name}}: watch circuit breaker open',
  'composition.circuit.explanation':
    'Crossplane throttled this XR because a watched object changes too often: usually two controllers fighting over one object (often Flux and Crossplane both writing it). Stop one of them writing the same fields (e.g. do not let Flux manage composed resources).',
  'composition.scope.title':
    '{{kind}} {{name}} composes a cluster-scoped resource from a namespaced XR',
  'composition.scope.explanation':
    'A namespaced composite resource can only compose namespaced resources. Use the namespaced managed-resource kind (the `.m.` API group) or make the XRD Cluster-scoped.',
  'composition.rbac.title': 'Crossplane is not allowed to manage what {{kind}} {{name}} composes',
  'composition.rbac.explanation':
    'Crossplane\'s service account is forbidden from the composed kind. Add a ClusterRole labelled rbac.crossplane.io/aggregate-to-crossplane: "true" that grants it.',
  'composition.kindNotServed.title':
    '{{kind}} {{name}} composes {{composed}} ({{version}}) that is not served',
  'composition.kindNotServed.titleUnnamed': '{{kind}} {{name}} composes a kind that is not served',
  'composition.kindNotServed.explanation':
    'The composed kind is not served by the API server: install the Provider that serves it, or (Crossplane v2) activate its ManagedResourceDefinition with a ManagedResourceActivationPolicy.',
  'composition.functionMissing.title':
    '{{kind}} {{name}}: pipeline Function {{function}} is not available',
  'composition.functionMissing.titleUnnamed':
    '{{kind}} {{name}}: pipeline Function is not available',
  'composition.functionMissing.explanation':
    'A Composition pipeline step names a Function that is not installed or has no healthy active revision. Install the Function or fix its Healthy condition.',
  'composition.functionFailed.title': '{{kind}} {{name}}: pipeline step "{{step}}" failed',
  'composition.functionFailed.titleNoStep': '{{kind}} {{name}}: pipeline step failed',
  'composition.functionFailed.titleUnhealthy':
    '{{kind}} {{name}}: pipeline step "{{step}}" failed: Function {{function}} is not healthy',
  'composition.functionFailed.titleNoStepUnhealthy':
    '{{kind}} {{name}}: pipeline step failed: Function {{function}} is not healthy',
  'composition.functionFailed.explanation':
    'A Function returned a fatal result or could not be reached in time. Check the function pod and the input the step passes; reproduce locally with `crossplane render`.',
  'composition.functionFailed.explanationUnhealthy':
    'Crossplane could not reach Function {{function}} over gRPC, and the Function is not healthy: fix the Function (its diagnosis, below) and the step runs again.',
  'composition.pipelineInvalid.title':
    "{{kind}} {{name}}: the Composition's function pipeline is not valid",
  'composition.pipelineInvalid.explanation':
    'A Function in the pipeline lacks a capability the Composition needs (or the pipeline is malformed). Upgrade or fix the Function.',
  'composition.revisionMissing.title': '{{kind}} {{name}}: no CompositionRevision can be selected',
  'composition.revisionMissing.titlePinned':
    '{{kind}} {{name}}: no CompositionRevision can be selected (pinned {{revision}})',
  'composition.revisionMissing.titlePinnedMissing':
    '{{kind}} {{name}}: no CompositionRevision can be selected (pinned {{revision}}, which does not exist)',
  'composition.revisionMissing.explanation':
    'The pinned or selected CompositionRevision does not exist. Re-pin compositionRevisionRef to an existing revision or use compositionUpdatePolicy: Automatic.',
  'composition.noComposition.title': '{{kind}} {{name}}: no compatible Composition',
  'composition.noComposition.candidates':
    "Compositions for {{kind}}: {{compositions}}; check the XR's compositionRef and compositionSelector labels against them. With Flux, apply Compositions before claims (dependsOn).",
  'composition.noComposition.unreadable':
    'Compositions could not be read, so which ones exist for this kind is unknown.',
  'composition.noComposition.none':
    'Nothing composes it. No Composition has compositeTypeRef {{apiVersion}} {{kind}}: add one (or fix compositeTypeRef of the one meant for it).',
  'composition.noComposition.noneDependsOn':
    'Nothing composes it. No Composition has compositeTypeRef {{apiVersion}} {{kind}}: add one (or fix compositeTypeRef of the one meant for it). If another Kustomization is to apply the Composition, make Kustomization {{namespace}}/{{kustomization}} depend on it (spec.dependsOn).',
  'composition.composeInvalid.title': '{{kind}} {{name}}: some composed resources were invalid',
  'composition.composeInvalid.titleOne': '{{kind}} {{name}}: {{resources}} was invalid',
  'composition.composeInvalid.titleMany': '{{kind}} {{name}}: {{resources}} were invalid',
  'composition.composeInvalid.explanation':
    "The real error is only in the XR's Warning events, shown here.",
  'composition.composeInvalid.explanationNoEvents':
    "The real error is only in the XR's Warning events, and none could be read: look at them with kubectl.",
  'composition.composeInvalid.events': 'Events of the XR',
  'composition.claim.boundElsewhere.title':
    'Claim {{name}}: its composite resource is bound to another claim',
  'composition.claim.boundElsewhere.explanation':
    'The XR named in spec.resourceRef belongs to another claim. Point this claim at its own XR (or remove resourceRef so one is created).',
  'composition.claim.waits.title': 'Claim {{name}} waits for its composite resource {{xr}}',
  'composition.claim.waits.titleUnnamed': 'Claim {{name}} waits for its composite resource',
  'composition.claim.waits.explanation':
    'The claim is ready when its composite resource is. Follow spec.resourceRef to see what the XR waits on.',
  'composition.waiting.title': '{{kind}} {{name}} waits for {{resources}}',
  'composition.waiting.titleAndMore': '{{kind}} {{name}} waits for {{resources}} and {{more}} more',
  'composition.waiting.titleMore': '{{kind}} {{name}} waits for {{more}} more composed resources',
  'composition.waiting.titleAll': '{{kind}} {{name}} waits for its composed resources',
  'composition.waiting.explanation':
    'The composite resource is ready when all its composed resources are. The deepest unready resource below is the one to look at.',
  'composition.waiting.explanationReadyOne':
    "The composite resource is ready when all its composed resources are. The deepest unready resource below is the one to look at. {{resources}} is Ready by now (the XR's condition is older).",
  'composition.waiting.explanationReadyMany':
    "The composite resource is ready when all its composed resources are. The deepest unready resource below is the one to look at. {{resources}} are Ready by now (the XR's condition is older).",
} as const;
