/** English texts: packages.ts: XP-PACKAGE-UNHEALTHY, XP-DEPRECATED-API. */
export const PACKAGES = {
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
