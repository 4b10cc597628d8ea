/** English texts: visibility.ts: VISIBILITY (the words of describeGap in model/visibility.ts). */
export const VISIBILITY = {
  'visibility.where.namespace': 'namespace {{namespace}}',
  'visibility.where.all': 'all namespaces',
  'visibility.where.allExcept': 'all namespaces except {{namespaces}}',
  'visibility.inCluster': ' in cluster {{cluster}}',
  'visibility.forbidden': 'Not allowed to list {{what}} in {{where}}{{cluster}}.',
  'visibility.notFound': '{{what}} is not served{{cluster}}: its CRD is not installed.',
  'visibility.error': 'Could not list {{what}} in {{where}}{{cluster}}: {{message}}',
  'visibility.alertsUnknown': 'Alert coverage (FLUX-NO-ALERTS) is not evaluated there.',
  'visibility.notServed': 'Objects of this kind are shown as not visible, not as missing.',
  'visibility.rulesSilent':
    'Rules that need these objects stay silent there; related objects show as not visible.',
} as const;
