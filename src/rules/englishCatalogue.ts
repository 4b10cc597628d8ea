/**
 * The English text of every message a diagnosis can carry: key → template with
 * `{{name}}` placeholders. Kubernetes, Flux and Crossplane terms (kinds, field
 * paths, condition reasons, commands) are parameters or stay as written in every
 * language. locales/en/translation.json holds the same entries (test/i18n checks).
 */
export const ENGLISH = {
  // Action labels shared by every family (commands.ts).
  'action.reconcile': 'Reconcile',
  'action.reconcileWithSource': 'Reconcile with source',
  'action.resume': 'Resume',
  'action.suspend': 'Suspend',
} as const;
