/** English texts: dependency.ts: FLUX-DEPENDENCY. */
export const DEPENDENCY = {
  'dependency.retry': 'its controller re-checks every {{every}} (--requeue-dependency)',
  'dependency.retryNext':
    'its controller re-checks every {{every}} (--requeue-dependency), next at {{next}}',
  'dependency.lastCheck': 'last dependency check: {{time}}',
  'dependency.cleared.titleOne': '{{kind}} {{name}}: {{names}} is Ready now; it will retry shortly',
  'dependency.cleared.titleOneAt':
    '{{kind}} {{name}}: {{names}} is Ready now; it will retry at {{next}}',
  'dependency.cleared.titleMany':
    '{{kind}} {{name}}: {{names}} are Ready now; it will retry shortly',
  'dependency.cleared.titleManyAt':
    '{{kind}} {{name}}: {{names}} are Ready now; it will retry at {{next}}',
  'dependency.cleared.explanation':
    'Its last check found a dependency not ready; every dependency passes now, so the next check proceeds: {{retry}}. Reconcile now to not wait.',
  'dependency.waits.title': '{{kind}} {{name}} waits for {{names}}',
  'dependency.waits.titleUnnamed': '{{kind}} {{name}} waits for a dependency',
  'dependency.waits.explanation':
    'It has not tried its revision yet: it is waiting, not failing. {{then}}',
  'dependency.waits.explanationMissing':
    'It has not tried its revision yet: it is waiting, not failing. A {{kind}} named in spec.dependsOn does not exist (its controller could not get it): create it or fix the name in spec.dependsOn; until then this one waits. {{then}}',
  'dependency.waits.unknown':
    'Whether the dependency is Ready could not be read with your permissions.',
  'dependency.waits.proceeds':
    "It proceeds on its own once the dependency passes ({{retry}}); the dependency's own diagnosis says why it does not pass yet.",
  'dependency.open': 'Open {{name}}',
  'dependency.behind': "{{name}} to apply the source's current revision",
  'dependency.notFound': '{{name}}, which does not exist (check spec.dependsOn)',
  'dependency.notVisible': '{{name}} (not visible to you)',
} as const;
