/** English texts: runtime.ts: FLUX-CONTROLLER-DOWN, XP-CONTROLLER-DOWN, a controller's problem (runtimeProblem.ts), controller logs actions. */
export const RUNTIME = {
  'runtime.controller.flux': 'Flux {{name}}',
  'runtime.controller.rbacManager': "Crossplane's RBAC manager",
  'runtime.controller.provider': "Provider {{name}}'s runtime",
  'runtime.controller.function': "Function {{name}}'s runtime",
  'runtime.title.missing': '{{controller}} is not installed in namespace {{namespace}}',
  'runtime.title.down': '{{controller}} is down',
  'runtime.title.downProblem': '{{controller}} is down: {{problem}}',
  'runtime.title.degraded': '{{controller}} is degraded',
  'runtime.title.degradedProblem': '{{controller}} is degraded: {{problem}}',
  'runtime.problem.scaledToZero': 'scaled to 0 replicas',
  'runtime.problem.replicasAvailable': '{{available}}/{{desired}} replicas available',
  'runtime.problem.noPodReady': 'no pod is ready ({{phase}})',
  'runtime.problem.noPodReadyUnknownPhase': 'no pod is ready (unknown phase)',
  'runtime.problem.container': '{{reason}}',
  'runtime.problem.crashLoop': '{{reason}} (last exit {{lastExit}})',
  // `objects`, not `count`: i18next would look for plural forms of a `count` value.
  'runtime.problem.fluxMissing':
    'no {{component}} Deployment labelled {{selector}} was found, but {{objects}} of the objects it reconciles exist',
  'runtime.problem.runtimeMissing':
    "no runtime Deployment of {{kind}} {{name}}'s active revision {{revision}} was found in namespace {{namespace}}",
  'runtime.evidence.deploymentReplicas':
    'Deployment {{deployment}}: {{available}}/{{desired}} replicas available',
  'runtime.evidence.podsReady': '{{ready}}/{{total}} pods ready',
  // `trouble`: the container's reason and the kubelet's message, as the cluster wrote them.
  'runtime.evidence.pod': 'Pod {{pod}}: {{trouble}}',
  'runtime.evidence.podContainer': 'Pod {{pod}} container {{container}}: {{trouble}}',
  // `times`, not `count` (no plural forms); `exit`: a reason, else runtime.evidence.exitCode / exitAt.
  'runtime.evidence.restartedOnce': 'Pod {{pod}}: restarted 1 time, last exit {{exit}}',
  'runtime.evidence.restarted': 'Pod {{pod}}: restarted {{times}} times, last exit {{exit}}',
  'runtime.evidence.exitCode': '{{reason}} (exit code {{code}})',
  'runtime.evidence.exitAt': '{{exit}} at {{finishedAt}}',
  'runtime.evidence.awaitingActivation':
    '{{kind}} {{name}}: AwaitingActivation — scaled to 0 on purpose until a ManagedResourceDefinition it owns is activated',
  'runtime.reconciles.sourceController':
    'the sources (no new commit, chart or artifact is fetched)',
  'runtime.reconciles.kustomizeController':
    'the Kustomizations (no commit is applied, drift is not corrected)',
  'runtime.reconciles.helmController': 'the HelmReleases (no release is installed or upgraded)',
  'runtime.reconciles.notificationController': 'the Alerts and Receivers (no notification is sent)',
  'runtime.reconciles.fluxOther': 'the objects of its kinds',
  'runtime.reconciles.crossplane': 'composite resources, claims, XRDs and packages',
  'runtime.reconciles.rbacManager':
    'the RBAC of new XRDs and providers (existing permissions stay)',
  'runtime.reconciles.provider': 'its managed resources',
  'runtime.reconciles.inCluster': '{{what}} ({{affected}} in this cluster)',
  'runtime.impact.degraded':
    'It still runs, but not reliably: reconciliation may stall or restart.',
  'runtime.impact.functionMissing':
    'The Composition pipeline steps that call it fail while it is missing: the composite resources of those Compositions are not updated.',
  'runtime.impact.functionDown':
    'The Composition pipeline steps that call it fail while it is down: the composite resources of those Compositions are not updated.',
  'runtime.impact.fluxMissing':
    'Nothing reconciles {{what}} while it is missing; their status stays as it was.',
  'runtime.impact.fluxDown':
    'Nothing reconciles {{what}} while it is down; their status stays as it was.',
  'runtime.impact.missing':
    'Nothing reconciles {{what}} while it is missing: their status stays as it was and changes are not applied.',
  'runtime.impact.down':
    'Nothing reconciles {{what}} while it is down: their status stays as it was and changes are not applied.',
  'runtime.advice.fluxMissing':
    'Check the Flux installation (`flux check`) and install the component.',
  'runtime.advice.packageMissing':
    'Look at the package revision: Crossplane creates the runtime Deployment when the revision is healthy.',
  'runtime.advice.image': 'The image cannot be pulled: check the image name, tag and pull secrets.',
  'runtime.advice.logs':
    'Read the logs of its pod (the previous container, when it crash-loops) for the cause; an OOMKilled exit asks for more memory.',
  'runtime.openPodLogs': 'Open logs of pod {{pod}}',
  'runtime.crashedLogs': 'Logs of the crashed container',
  'runtime.logs': 'Logs of {{controller}}',
  'runtime.logsForIt': '{{controller}} logs for it',
  'runtime.describePod': 'Describe the pod',
  'runtime.describeDeployment': 'Describe the Deployment',
  'runtime.checkFlux': 'Check the Flux installation',
  'runtime.describeRevision': 'Describe the package revision',
} as const;
