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

  // sources.ts: FLUX-SOURCE-AUTH, FLUX-SOURCE-REF, FLUX-SOURCE-UNREACHABLE.
  'sources.auth.title': '{{kind}} {{name}} cannot authenticate to {{url}}',
  'sources.auth.titleNoUrl': '{{kind}} {{name}} cannot authenticate to its repository',
  'sources.auth.secretNamed':
    'Check the Secret {{namespace}}/{{secret}} named in spec.secretRef: it must exist and hold the right keys (username/password, bearerToken, or identity/known_hosts for SSH).',
  'sources.auth.noSecret':
    'spec.secretRef names no Secret: a private repository needs one (username/password, bearerToken, or identity/known_hosts for SSH).',
  'sources.auth.explanation':
    '{{secretStep}} Confirm the URL and that the token or deploy key can read the repository, then reconcile the source.',
  'sources.auth.inspectSecret': 'Inspect the credentials Secret',
  'sources.describe': 'Describe the source',
  'sources.ref.title': '{{kind}} {{name}}: {{ref}} does not exist',
  'sources.ref.titleNoRef': '{{kind}} {{name}}: the reference does not exist',
  'sources.ref.explanation':
    'The branch, tag, semver range or commit in spec.ref does not exist in the repository. Fix spec.ref in Git (or push the missing ref), then reconcile the source.',
  'sources.unreachable.title': '{{kind}} {{name}} cannot reach {{url}}',
  'sources.unreachable.titleNoUrl': '{{kind}} {{name}} cannot reach its repository',
  'sources.unreachable.explanationCa':
    "source-controller could not connect: check DNS, network policies, the proxy and the server's certificate (the CA in Secret {{namespace}}/{{secret}}). It retries on its interval; reconcile to retry now.",
  'sources.unreachable.explanation':
    "source-controller could not connect: check DNS, network policies, the proxy and the server's certificate (spec.certSecretRef for a private CA). It retries on its interval; reconcile to retry now.",
  'sources.unreachable.logs': 'Read source-controller logs',

  // visibility.ts: VISIBILITY (the words of describeGap in model/visibility.ts).
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

  // notifications.ts: FLUX-NO-ALERTS.
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

  // helm.ts: FLUX-ARTIFACT (chart source), FLUX-HELM-STUCK.
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

  // dependency.ts: FLUX-DEPENDENCY.
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
  'dependency.list': '{{first}}, {{next}}',

  // Lists: items joined as one message.
  'list.comma': '{{first}}, {{next}}',
  'list.sentences': '{{first}} {{next}}',

  // packages.ts: XP-PACKAGE-UNHEALTHY, XP-DEPRECATED-API.
  'packages.advice.dependencies':
    'Its dependencies are missing or at incompatible versions: install or upgrade them (see the Lock).',
  'packages.advice.crossplaneVersion':
    'It needs another Crossplane version: upgrade Crossplane or pick a compatible package version.',
  'packages.advice.ownership': 'Two packages own the same CRD: remove or align the other package.',
  'packages.advice.pull':
    'The package image cannot be pulled: check the registry, the image name and packagePullSecrets.',
  'packages.advice.runtime':
    'Its runtime pod is not available: look at the pod (crash loop or image pull error) and its logs.',
  'packages.advice.read': 'Read the package and revision conditions below.',
  'packages.runtimeLogs': 'Logs of its runtime',
  'packages.notInstalled': '{{kind}} {{name}} is not installed',
  'packages.notHealthy': '{{kind}} {{name}} is not healthy',
  'packages.describe': 'Describe',
  'packages.describeRevision': 'Describe its revision',
  'packages.deprecated.resourcesMode':
    'Crossplane v2 removed patch-and-transform Compositions: use mode Pipeline with function-patch-and-transform.',
  'packages.deprecated.environmentConfig': 'EnvironmentConfig v1alpha1 is removed: use v1beta1.',
  'packages.deprecated.controllerConfig':
    'ControllerConfig is removed: use DeploymentRuntimeConfig.',
  'packages.deprecated.claims': 'claims on a v2 XRD',
  'packages.deprecated.claimsHow':
    'Claims are a legacy feature: v2 XRDs should be Namespaced XRs without claimNames.',
  'packages.deprecated.connectionSecrets': 'connection secrets on a v2 XRD',
  'packages.deprecated.connectionSecretsHow':
    'v2 XRs do not write connection secrets: compose a Secret instead.',
  'packages.deprecated.inventory': '{{kind}} {{version}} ({{name}}) in its inventory',
  'packages.deprecated.inventoryHow':
    'Kustomization {{kustomization}} applies {{kind}} {{name}} at a removed API version.',
  'packages.deprecated.title': '{{kind}} {{name}} uses {{what}}',
  'packages.deprecated.explanation': '{{how}} Migrate before upgrading Crossplane.',
  'packages.deprecated.upgradeNotes': 'Crossplane upgrade notes',
} as const;
