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
import { Message, msg, Text } from './messages';
import { evidenceLine, problemMessage } from './runtimeProblem';
import { Diagnosis } from './types';

/** FLUX-CONTROLLER-DOWN and XP-CONTROLLER-DOWN: a controller that is down, degraded or missing. */
export const runtimeRules: Rule = context =>
  context.index.clusters.flatMap(cluster =>
    runtimeOf(context.index, cluster)
      .controllers.filter(isInTrouble)
      .map(controller => controllerFinding(context, controller))
  );

/** The controller as a title names it. */
function describe(controller: Controller): Text {
  switch (controller.kind) {
    case 'flux':
      return msg('runtime.controller.flux', { name: controller.name });
    case 'crossplane':
      return 'Crossplane';
    case 'rbac-manager':
      return msg('runtime.controller.rbacManager');
    case 'provider':
      return msg('runtime.controller.provider', { name: controller.name });
    default:
      return msg('runtime.controller.function', { name: controller.name });
  }
}

const FLUX_WHAT: Record<string, Message> = {
  'source-controller': msg('runtime.reconciles.sourceController'),
  'kustomize-controller': msg('runtime.reconciles.kustomizeController'),
  'helm-controller': msg('runtime.reconciles.helmController'),
  'notification-controller': msg('runtime.reconciles.notificationController'),
};

/** What a controller other than a Function's runtime reconciles. */
function what(controller: Controller): Message {
  switch (controller.kind) {
    case 'flux':
      return FLUX_WHAT[controller.name] ?? msg('runtime.reconciles.fluxOther');
    case 'crossplane':
      return msg('runtime.reconciles.crossplane');
    case 'rbac-manager':
      return msg('runtime.reconciles.rbacManager');
    default:
      return msg('runtime.reconciles.provider');
  }
}

/** What stops while the controller is not available. */
function impact(controller: Controller, affected: number): Message {
  const missing = controller.state === 'missing';
  if (controller.state === 'degraded') return msg('runtime.impact.degraded');
  if (controller.kind === 'function')
    return missing ? msg('runtime.impact.functionMissing') : msg('runtime.impact.functionDown');
  const objects = affected
    ? msg('runtime.reconciles.inCluster', { what: what(controller), affected })
    : what(controller);
  if (controller.kind === 'flux')
    return missing
      ? msg('runtime.impact.fluxMissing', { what: objects })
      : msg('runtime.impact.fluxDown', { what: objects });
  return missing
    ? msg('runtime.impact.missing', { what: objects })
    : msg('runtime.impact.down', { what: objects });
}

/** What to look at first. */
function advice(controller: Controller): Message {
  if (controller.state === 'missing')
    return controller.kind === 'flux'
      ? msg('runtime.advice.fluxMissing')
      : msg('runtime.advice.packageMissing');
  return controller.pods.some(
    pod => pod.trouble?.reason.includes('Image') || pod.trouble?.reason === 'ErrImagePull'
  )
    ? msg('runtime.advice.image')
    : msg('runtime.advice.logs');
}

function title(controller: Controller): Message {
  const name = describe(controller);
  const problem = controller.problemText && problemMessage(controller.problemText);
  switch (controller.state) {
    case 'missing':
      return msg('runtime.title.missing', { controller: name, namespace: controller.namespace });
    case 'down':
      return problem
        ? msg('runtime.title.downProblem', { controller: name, problem })
        : msg('runtime.title.down', { controller: name });
    default:
      return problem
        ? msg('runtime.title.degradedProblem', { controller: name, problem })
        : msg('runtime.title.degraded', { controller: name });
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
      openLogs(msg('runtime.openPodLogs', { pod: pod.resource.name }), {
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
        crashed ? msg('runtime.crashedLogs') : msg('runtime.logs', { controller: controller.name }),
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
  const affected = reconciledBy(context.index, controller).length;
  const actions: ActionInput[] = [...controllerLogsActions(controller)];
  const pod = logsPod(controller);
  if (pod) actions.push(command(msg('runtime.describePod'), kubectlDescribe(refOf(pod.resource))));
  if (controller.deployment)
    actions.push(
      command(msg('runtime.describeDeployment'), kubectlDescribe(controller.deploymentRef))
    );
  if (controller.state === 'missing') {
    actions.push(
      controller.kind === 'flux'
        ? command(
            msg('runtime.checkFlux'),
            `flux check${controller.cluster ? ` --context ${controller.cluster}` : ''}`
          )
        : command(
            msg('runtime.describeRevision'),
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
    title: title(controller),
    explanation: msg('list.sentences', {
      first: impact(controller, affected),
      next: advice(controller),
    }),
    evidence: [
      // A missing controller has nothing read to quote: its problem is the evidence.
      ...(controller.state === 'missing' && controller.problemText
        ? [{ kind: 'field' as const, message: problemMessage(controller.problemText) }]
        : []),
      ...controller.evidence.map(evidenceLine),
    ],
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
      else
        appendActions(diagnosis, [
          command(msg('runtime.logsForIt', { controller: controller.name }), line),
        ]);
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
