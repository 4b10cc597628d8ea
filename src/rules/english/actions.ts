/** English texts: Action labels shared by every family (commands.ts). */
export const ACTIONS = {
  'action.reconcile': 'Reconcile',
  'action.reconcileWithSource': 'Reconcile with source',
  'action.resume': 'Resume',
  'action.suspend': 'Suspend',
} as const;
