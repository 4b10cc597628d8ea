import { findCondition } from '../conditions';
import { asArray, asNumber, field, stringField } from '../json';
import { Resource } from '../resource';

/** Container states that keep a controller from running; the kubelet's own words. */
const BAD_WAITING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PostStartHookError',
]);

export interface ContainerTrouble {
  container: string;
  /** `CrashLoopBackOff`, `ImagePullBackOff`, `Unschedulable`, `OOMKilled`… */
  reason: string;
  message: string;
}

export interface RuntimePod {
  resource: Resource;
  phase: string;
  ready: boolean;
  restarts: number;
  /** Why it does not run, when it does not (worst container first). */
  trouble?: ContainerTrouble;
  /** How the main container last ended (`OOMKilled`, `Error` and its exit code). */
  lastTermination?: { reason: string; exitCode?: number; finishedAt?: string };
  /** The container whose logs explain the controller. */
  container: string;
  image?: string;
}

const MAIN_CONTAINERS = ['manager', 'crossplane', 'package-runtime'];

export function containerNames(podSpec: unknown): string[] {
  return asArray(field(podSpec, 'containers')).flatMap(container => {
    const name = stringField(container, 'name');
    return name ? [name] : [];
  });
}

/** The controller's own container: the known names first, then the default-container annotation, then the first. */
export function mainContainer(
  names: string[],
  annotations: Readonly<Record<string, string>>
): string {
  return (
    names.find(name => MAIN_CONTAINERS.includes(name)) ??
    (names.includes(annotations['kubectl.kubernetes.io/default-container'])
      ? annotations['kubectl.kubernetes.io/default-container']
      : undefined) ??
    names[0] ??
    ''
  );
}

export function imageOf(podSpec: unknown, container: string): string | undefined {
  const found = asArray(field(podSpec, 'containers')).find(
    item => stringField(item, 'name') === container
  );
  return stringField(found, 'image');
}

export function toRuntimePod(pod: Resource): RuntimePod {
  const spec = pod.raw.spec;
  const container = mainContainer(containerNames(spec), pod.annotations);
  const statuses = [
    ...asArray(field(pod.raw, 'status', 'initContainerStatuses')),
    ...asArray(field(pod.raw, 'status', 'containerStatuses')),
  ];
  let restarts = 0;
  let trouble: ContainerTrouble | undefined;
  let lastTermination: RuntimePod['lastTermination'];
  for (const status of statuses) {
    const name = stringField(status, 'name') ?? '';
    restarts += asNumber(field(status, 'restartCount')) ?? 0;
    const waitingReason = stringField(status, 'state', 'waiting', 'reason');
    if (waitingReason && BAD_WAITING.has(waitingReason) && (!trouble || name === container)) {
      trouble = {
        container: name,
        reason: waitingReason,
        message: stringField(status, 'state', 'waiting', 'message') ?? '',
      };
    }
    const terminatedReason = stringField(status, 'lastState', 'terminated', 'reason');
    if (terminatedReason && (name === container || !lastTermination)) {
      lastTermination = {
        reason: terminatedReason,
        exitCode: asNumber(field(status, 'lastState', 'terminated', 'exitCode')),
        finishedAt: stringField(status, 'lastState', 'terminated', 'finishedAt'),
      };
    }
  }
  const phase = stringField(pod.raw, 'status', 'phase') ?? '';
  const scheduled = findCondition(pod, 'PodScheduled');
  if (!trouble && scheduled?.status === 'False') {
    trouble = {
      container: '',
      reason: scheduled.reason || 'Unschedulable',
      message: scheduled.message,
    };
  }
  if (!trouble && phase === 'Failed') {
    trouble = {
      container: '',
      reason: stringField(pod.raw, 'status', 'reason') ?? 'Failed',
      message: stringField(pod.raw, 'status', 'message') ?? '',
    };
  }
  const result: RuntimePod = {
    resource: pod,
    phase,
    ready: findCondition(pod, 'Ready')?.status === 'True',
    restarts,
    container,
  };
  if (trouble) result.trouble = trouble;
  if (lastTermination) result.lastTermination = lastTermination;
  const image = imageOf(spec, container);
  if (image) result.image = image;
  return result;
}
