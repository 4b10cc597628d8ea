import { ClusterIndex } from '../model/clusterIndex';
import { ObjectRef, refKey, refOf } from '../model/resource';
import {
  Controller,
  isInTrouble,
  logsPod,
  packageRuntimeOf,
  reconciledBy,
  reconcilerOf,
  runtimeOf,
  troubledReconcilerOf,
} from '../model/runtime';
import { RULES } from './catalogue';
import { command, fluxLogs, kubectlDescribe, kubectlLogs, openLogs } from './commands';
import {
  ActionInput,
  appendActions,
  Finding,
  finding,
  refOfSubject,
  Rule,
  RuleContext,
} from './context';
import { Diagnosis } from './types';

/** FLUX-CONTROLLER-DOWN and XP-CONTROLLER-DOWN: a controller that is down, degraded or missing. */
export const runtimeRules: Rule = context =>
  context.index.clusters.flatMap(cluster =>
    runtimeOf(context.index, cluster)
      .controllers.filter(isInTrouble)
      .map(controller => controllerFinding(context, controller))
  );

function describe(controller: Controller): string {
  switch (controller.kind) {
    case 'flux':
      return `Flux ${controller.name}`;
    case 'crossplane':
      return 'Crossplane';
    case 'rbac-manager':
      return "Crossplane's RBAC manager";
    case 'provider':
      return `Provider ${controller.name}'s runtime`;
    default:
      return `Function ${controller.name}'s runtime`;
  }
}

const FLUX_WHAT: Record<string, string> = {
  'source-controller': 'the sources (no new commit, chart or artifact is fetched)',
  'kustomize-controller': 'the Kustomizations (no commit is applied, drift is not corrected)',
  'helm-controller': 'the HelmReleases (no release is installed or upgraded)',
  'notification-controller': 'the Alerts and Receivers (no notification is sent)',
};

function what(controller: Controller): string {
  switch (controller.kind) {
    case 'flux':
      return FLUX_WHAT[controller.name] ?? 'the objects of its kinds';
    case 'crossplane':
      return 'composite resources, claims, XRDs and packages';
    case 'rbac-manager':
      return 'the RBAC of new XRDs and providers (existing permissions stay)';
    case 'provider':
      return 'its managed resources';
    default:
      return 'The Composition pipeline steps that call it';
  }
}

/** Logs actions of one controller: open its pod's logs in Headlamp, and the command line. */
export function controllerLogsActions(
  controller: Controller,
  options: { grep?: string } = {}
): ActionInput[] {
  const pod = logsPod(controller);
  const actions: ActionInput[] = [];
  if (pod) {
    actions.push(
      openLogs(`Open logs of pod ${pod.resource.name}`, {
        ...refOf(pod.resource),
        version: 'v1',
      })
    );
  }
  const target = pod
    ? {
        cluster: controller.cluster,
        kind: 'Pod',
        namespace: pod.resource.namespace,
        name: pod.resource.name,
      }
    : controller.deployment
    ? {
        cluster: controller.cluster,
        kind: 'Deployment',
        namespace: controller.deployment.namespace,
        name: controller.deployment.name,
      }
    : undefined;
  if (target) {
    const crashed =
      !!pod && pod.restarts > 0 && (pod.trouble?.reason === 'CrashLoopBackOff' || !pod.ready);
    actions.push(
      command(
        crashed ? 'Logs of the crashed container' : `Logs of ${controller.name}`,
        // The container that crashed (an init container, say), else the controller's own.
        kubectlLogs(
          target,
          (crashed && pod?.trouble?.container) || pod?.container || controller.container,
          {
            previous: crashed,
            grep: options.grep,
          }
        )
      )
    );
  }
  return actions;
}

function controllerFinding(context: RuleContext, controller: Controller): Finding {
  const rule = controller.kind === 'flux' ? RULES.FLUX_CONTROLLER_DOWN : RULES.XP_CONTROLLER_DOWN;
  const name = describe(controller);
  const affected = reconciledBy(context.index, controller).length;
  const where = `in namespace ${controller.namespace}`;
  const title =
    controller.state === 'missing'
      ? `${name} is not installed ${where}`
      : controller.state === 'down'
      ? `${name} is down${controller.problem ? `: ${controller.problem}` : ''}`
      : `${name} is degraded${controller.problem ? `: ${controller.problem}` : ''}`;
  const state = controller.state === 'missing' ? 'missing' : 'down';
  const count = affected ? ` (${affected} in this cluster)` : '';
  const impact =
    controller.state === 'degraded'
      ? 'It still runs, but not reliably: reconciliation may stall or restart.'
      : controller.kind === 'function'
      ? `${what(
          controller
        )} fail while it is ${state}: the composite resources of those Compositions are not updated.`
      : controller.kind === 'flux'
      ? `Nothing reconciles ${what(
          controller
        )}${count} while it is ${state}; their status stays as it was.`
      : `Nothing reconciles ${what(
          controller
        )}${count} while it is ${state}: their status stays as it was and changes are not applied.`;
  const advice =
    controller.state === 'missing'
      ? controller.kind === 'flux'
        ? ' Check the Flux installation (`flux check`) and install the component.'
        : ' Look at the package revision: Crossplane creates the runtime Deployment when the revision is healthy.'
      : controller.pods.some(
          pod => pod.trouble?.reason.includes('Image') || pod.trouble?.reason === 'ErrImagePull'
        )
      ? ' The image cannot be pulled: check the image name, tag and pull secrets.'
      : ' Read the logs of its pod (the previous container, when it crash-loops) for the cause; an OOMKilled exit asks for more memory.';
  const actions: ActionInput[] = [...controllerLogsActions(controller)];
  const pod = logsPod(controller);
  if (pod) actions.push(command('Describe the pod', kubectlDescribe(refOf(pod.resource))));
  if (controller.deployment)
    actions.push(command('Describe the Deployment', kubectlDescribe(controller.deploymentRef)));
  if (controller.state === 'missing') {
    actions.push(
      controller.kind === 'flux'
        ? command(
            'Check the Flux installation',
            `flux check${controller.cluster ? ` --context ${controller.cluster}` : ''}`
          )
        : command(
            'Describe the package revision',
            kubectlDescribe({
              cluster: controller.cluster,
              group: 'pkg.crossplane.io',
              kind: controller.kind === 'function' ? 'FunctionRevision' : 'ProviderRevision',
              namespace: '',
              name: controller.revisionName ?? controller.name,
            })
          )
    );
  }
  return finding({
    rule,
    resource: controller.deployment ?? controller.deploymentRef,
    severity: controller.state === 'degraded' ? 'warning' : rule.severity,
    title,
    explanation: `${impact}${advice}`,
    evidence: controller.evidence.map(text => ({ kind: 'field' as const, text })),
    actions,
  });
}

/** The controller Deployments (as blockers) whose trouble keeps an object from being reconciled. */
export function controllerBlockers(index: ClusterIndex, ref: ObjectRef): ObjectRef[] {
  const controller = troubledReconcilerOf(index, ref);
  return controller ? [controller.deploymentRef] : [];
}

/**
 * Diagnoses whose cause lives in a controller: they get "open logs" of the
 * controller's pod and a log line filtered for the failing object, and a
 * controller in trouble becomes their root cause.
 */
const LOGS_RULES: ReadonlySet<string> = new Set([
  RULES.FLUX_STALE.id,
  RULES.FLUX_STALLED.id,
  RULES.FLUX_HELM_STUCK.id,
  RULES.XP_FUNCTION_MISSING.id,
  RULES.XP_FUNCTION_FAILED.id,
  RULES.XP_PACKAGE_UNHEALTHY.id,
  RULES.XP_EXTERNAL_API.id,
  RULES.XP_CREDENTIALS.id,
  RULES.XP_CIRCUIT_OPEN.id,
]);

function subjectRef(diagnosis: Diagnosis): ObjectRef {
  return refOfSubject(diagnosis.subject);
}

/** The controller whose logs explain a finding, and whether its lines name the subject. */
function logsController(
  index: ClusterIndex,
  item: Finding
): { controller: Controller; namesSubject: boolean } | undefined {
  const ref = subjectRef(item.diagnosis);
  // A Function or Provider behind the failure (a pipeline step, a package): its own runtime.
  const packages = [
    ...item.blockedBy,
    ...item.diagnosis.actions.flatMap(action =>
      action.kind === 'open' && action.target ? [refOfSubject(action.target)] : []
    ),
  ];
  for (const candidate of packages) {
    if (candidate.group !== 'pkg.crossplane.io') continue;
    const pkg = index.get(candidate);
    const runtime = pkg ? packageRuntimeOf(index, pkg) : undefined;
    if (runtime) return { controller: runtime, namesSubject: false };
  }
  const subject = index.get(ref);
  if (subject && subject.group === 'pkg.crossplane.io') {
    const runtime = packageRuntimeOf(index, subject);
    if (runtime) return { controller: runtime, namesSubject: false };
  }
  const controller = reconcilerOf(index, ref);
  return controller ? { controller, namesSubject: true } : undefined;
}

/** Adds the logs actions and controller blockers to the findings of LOGS_RULES (in place). */
export function addControllerLogs(context: RuleContext, findings: Finding[]): void {
  const index = context.index;
  for (const item of findings) {
    const { diagnosis } = item;
    if (!LOGS_RULES.has(diagnosis.ruleId)) continue;
    const found = logsController(index, item);
    if (!found) continue;
    const { controller, namesSubject } = found;
    const ref = subjectRef(diagnosis);
    if (isInTrouble(controller)) {
      const key = refKey(controller.deploymentRef);
      if (!item.blockedBy.some(blocker => refKey(blocker) === key))
        item.blockedBy.push(controller.deploymentRef);
    }
    const actions = diagnosis.actions;
    if (controller.kind === 'flux') {
      // `flux logs` looks in flux-system unless told: point it at where the controllers run.
      const line = fluxLogs(ref, controller.namespace);
      const existing = actions.findIndex(action => action.command?.startsWith('flux logs '));
      if (existing >= 0) actions[existing] = { ...actions[existing], command: line };
      else appendActions(diagnosis, [command(`${controller.name} logs for it`, line)]);
      appendActions(
        diagnosis,
        controllerLogsActions(controller).filter(action => action.kind === 'open')
      );
    } else {
      appendActions(
        diagnosis,
        controllerLogsActions(controller, { grep: namesSubject ? ref.name : undefined })
      );
    }
  }
}
