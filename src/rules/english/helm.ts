/** English texts: helm.ts: FLUX-ARTIFACT (chart source), FLUX-HELM-STUCK. */
export const HELM = {
  'helm.chartSource.title': 'HelmRelease {{name}}: chart source {{source}} is {{state}}',
  'helm.chartSource.titleUnnamed': 'HelmRelease {{name}}: chart source is {{state}}',
  'helm.chartSource.notNamed': 'not named',
  'helm.chartSource.failing': 'failing',
  'helm.chartSource.readyNow': 'ready by now',
  'helm.chartSource.notVisible': 'not visible to you',
  'helm.chartSource.notFound': 'not found',
  'helm.chartSource.failingExplanation':
    'helm-controller cannot get the chart: {{kind}} {{source}} is failing (its diagnosis, below, says why — a chart name or version that does not exist is reported there as InvalidChartReference). Fix spec.chart of the HelmRelease or the source, then reconcile with source.',
  'helm.chartSource.explanation':
    'helm-controller cannot get the chart artifact from its source. Go to the source and its diagnosis, then reconcile with source.',
  'helm.open': 'Open {{kind}} {{name}}',
  'helm.events': 'Events of the release',
  'helm.stuck.versions': '{{attempted}} attempted, {{deployed}} still deployed',
  'helm.stuck.lock':
    'Helm holds a pending-operation lock from an interrupted install or upgrade: suspend and resume the release to clear it (or roll back with helm), then reconcile.',
  'helm.stuck.exhausted':
    'helm-controller stopped retrying: fix the cause shown below, then reset the failure counters and reconcile.',
  'helm.stuck.failing':
    'Read the release events and helm-controller logs for the failing hook, test or resource; force a one-off upgrade once the cause is fixed.',
  'helm.stuck.title': 'HelmRelease {{name}} is stuck{{reason}}',
  'helm.stuck.titleChart': 'HelmRelease {{name}} is stuck{{reason}}: chart {{chart}}',
  'helm.stuck.titleChartVersion':
    'HelmRelease {{name}} is stuck{{reason}}: chart {{chart}} {{version}}',
  'helm.stuck.logs': 'helm-controller logs for it',
  'helm.stuck.force': 'Force upgrade',
  'helm.stuck.reset': 'Reset failure counters',
} as const;
