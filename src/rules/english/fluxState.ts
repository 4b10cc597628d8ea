/**
 * English texts: fluxState.ts (FLUX-SUSPENDED, FLUX-STALLED), fluxStale.ts (FLUX-STALE),
 * fluxRollout.ts (FLUX-ROLLOUT-BEHIND), fluxDrift.ts (FLUX-DRIFT).
 */
export const FLUX_STATE = {
  'fluxState.controllerLogs': 'Controller logs for it',

  'fluxState.suspended.title': '{{kind}} {{name}} is suspended',
  'fluxState.suspended.titleSince': '{{kind}} {{name}} is suspended since {{since}}',
  'fluxState.suspended.explanation':
    'Flux does not reconcile it: new commits are not applied and drift is not corrected until it is resumed. Resume also requests a reconcile.',
  'fluxState.suspended.evidence': 'spec.suspend: true',

  'fluxState.stalled.title': '{{kind}} {{name}} is stalled',
  'fluxState.stalled.titleReason': '{{kind}} {{name}} is stalled ({{reason}})',
  'fluxState.stalled.explanation':
    'The controller gave up retrying: it will not try again on its own. Fix the cause in the message, then reconcile.',

  'fluxState.stale.title': '{{kind}} {{name}} has not been reconciled when it should have been',
  'fluxState.stale.requestUnhandled':
    'The reconcile requested at {{requested}} was never handled (last handled: {{handled}}).',
  'fluxState.stale.requestNeverHandled':
    'The reconcile requested at {{requested}} was never handled (last handled: never).',
  'fluxState.stale.reconciling':
    'It has been reconciling since {{since}} without finishing (allowed: spec.timeout {{timeout}} within spec.interval {{interval}}).',
  'fluxState.stale.reconcilingDefaultTimeout':
    'It has been reconciling since {{since}} without finishing (allowed: spec.timeout default within spec.interval {{interval}}).',
  'fluxState.stale.quiet':
    '{{sign}}, more than {{intervals}}× spec.interval + spec.timeout ago, and nothing newer shows it was handled.',
  // The newest sign of handling, within a sentence and (…Start) as its start.
  'fluxState.handled.history': 'the last reconciliation recorded in status.history ran at {{time}}',
  'fluxState.handled.condition': 'condition {{type}} last changed at {{time}}',
  'fluxState.handled.request': 'status.lastHandledReconcileAt is {{time}}',
  'fluxState.handled.event': 'event {{reason}} was last seen at {{time}}',
  'fluxState.handled.historyStart':
    'The last reconciliation recorded in status.history ran at {{time}}',
  'fluxState.handled.conditionStart': 'Condition {{type}} last changed at {{time}}',
  // The English CLI has always capitalized the field path here; other languages keep it as written.
  'fluxState.handled.requestStart': 'Status.lastHandledReconcileAt is {{time}}',
  'fluxState.handled.eventStart': 'Event {{reason}} was last seen at {{time}}',
  'fluxState.stale.lastSign': 'Last sign of handling: {{sign}}.',
  'fluxState.stale.degraded':
    '{{controller}} is degraded: the status of {{kind}} {{name}} may be stale.',
  'fluxState.stale.down':
    '{{controller}} is down: the status of {{kind}} {{name}} is the last one it wrote.',
  'fluxState.stale.missing':
    '{{controller}} is not installed: the status of {{kind}} {{name}} is the last one it wrote.',
  'fluxState.stale.titleDegraded':
    '{{kind}} {{name}}: status may be stale while {{controller}} is degraded',
  'fluxState.stale.titleDown': '{{kind}} {{name}}: status is stale while {{controller}} is down',
  'fluxState.stale.titleMissing':
    '{{kind}} {{name}}: status is stale while {{controller}} is not installed',
  'fluxState.stale.blameUnknown':
    'The controller may be down, overloaded or crash-looping: check its pod and logs.',
  'fluxState.stale.blameInTrouble':
    'Nothing handles it until {{controller}} is back: its Ready and revisions are not current, and a reconcile request waits too.',
  'fluxState.stale.blameAvailable':
    '{{controller}} is Available, so it is not down: it may be overloaded (a long queue, API rate limits) or stuck on this object; its logs for the object tell.',
  'fluxState.stale.blameUnread':
    'What state {{controller}} is in could not be read: check its pod and logs.',

  'fluxState.behind.applied': 'status.lastAppliedRevision: {{revision}}',
  'fluxState.behind.attempted': 'status.lastAttemptedRevision: {{revision}}',
  'fluxState.behind.artifact': '{{kind}} {{name}} artifact: {{revision}}',
  'fluxState.behind.events': 'Events of the Kustomization',
  'fluxState.behind.open': 'Open {{kind}} {{name}}',
  'fluxState.behind.failingRule': 'The failing rule on this Kustomization says why.',
  'fluxState.behind.live.title':
    'Kustomization {{name}}: {{attempted}} is applied but not healthy; last healthy {{healthy}}',
  'fluxState.behind.live.explanation':
    'kustomize-controller applied {{attempted}} — its objects are live in the cluster — and then its health checks failed, so status.lastAppliedRevision still names {{healthy}}. The bad change is live: fix forward or revert it in Git.',
  'fluxState.behind.live.explanationInferred':
    'kustomize-controller applied {{attempted}} — its objects are live in the cluster (inferred from status.history) — and then its health checks failed, so status.lastAppliedRevision still names {{healthy}}. The bad change is live: fix forward or revert it in Git.',
  'fluxState.behind.notLanded.title':
    'Kustomization {{name}} still runs {{healthy}}; {{attempted}} did not land',
  'fluxState.behind.notLanded.explanation':
    'The newest commit {{attempted}} was attempted but not applied: the cluster still runs {{healthy}}.',
  'fluxState.behind.notLanded.explanationInferred':
    'The newest commit {{attempted}} was attempted but not applied: the cluster still runs {{healthy}} (inferred from status.history).',
  'fluxState.behind.notLanded.partial':
    'The apply failed part-way: CRDs and Namespaces, applied in an earlier stage, may already be from the new commit.',
  'fluxState.behind.unknown.title':
    'Kustomization {{name}}: {{attempted}} did not pass; {{healthy}} was the last to pass',
  'fluxState.behind.unknown.explanation':
    'Whether the objects of {{attempted}} or of {{healthy}} run is not known from the status (the Ready reason no longer says how the last attempt ended).',
  'fluxState.behind.source.title':
    'Kustomization {{name}} is behind its source: {{applied}} applied, {{available}} available',
  'fluxState.behind.source.explanation':
    'The source has had {{available}} since {{since}}, longer than spec.interval + spec.timeout, but the Kustomization still runs {{applied}}.',

  'fluxState.drift.title': '{{kind}} {{name}}: drift from Git was corrected',
  'fluxState.drift.helm':
    'helm-controller detected changes to the release objects made outside Helm.',
  'fluxState.drift.kustomize':
    'kustomize-controller changed {{objects}} back on an unchanged revision: someone or something edited them outside Git.',
  'fluxState.drift.objects': 'objects',
  'fluxState.drift.revert':
    'Manual edits are reverted on every reconciliation; make the change in Git instead.',
  'fluxState.drift.events': 'Events',
} as const;
