/** English texts: notifications.ts: FLUX-NO-ALERTS. */
export const NOTIFICATIONS = {
  'notifications.uncovered.title': 'No working alert covers {{kind}} {{namespace}}/{{name}}',
  'notifications.uncovered.brokenProviders':
    'Alerts {{alerts}} select it, but their Provider is missing or not Ready: a failure here would notify no one.',
  'notifications.uncovered.noAlert':
    'No unsuspended Alert selects it at error severity: a failure here would notify no one. Add an Alert in {{namespace}} with eventSeverity: error and an eventSource for {{kind}} {{name}}.',
  'notifications.uncovered.evidence':
    '{{count}} Alert(s) in {{namespace}} select {{kind}}/{{name}}',
  'notifications.openAlert': 'Open Alert {{name}}',
  'notifications.setupDoc': 'How to set up Flux alerts',
  'notifications.broken.title':
    'Alert {{name}} cannot deliver: Provider {{provider}} is missing or not Ready',
  'notifications.broken.titleNoProvider':
    'Alert {{name}} cannot deliver: Provider (none) is missing or not Ready',
  'notifications.broken.explanation':
    'The events this Alert selects go nowhere. Fix or create the Provider named in spec.providerRef (and its secret).',
  'notifications.broken.evidence': 'spec.providerRef.name: {{provider}}',
  'notifications.broken.evidenceEmpty': 'spec.providerRef.name: (empty)',
  'notifications.openProvider': 'Open Provider {{name}}',
} as const;
