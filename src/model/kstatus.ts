import { findCondition } from './conditions';
import { asArray, asNumber, field, stringField } from './json';
import { Resource } from './resource';

/**
 * The status of Kubernetes' own kinds by the rules Flux's health checks use
 * (kstatus, sigs.k8s.io/cli-utils/pkg/kstatus): the same verdict a
 * Kustomization's `wait`/`healthChecks` reaches, with kstatus' reasons and
 * messages. Current is done, InProgress is work under way (never a failure),
 * Failed is a failure kstatus itself calls one.
 */
export type KStatus = 'Current' | 'InProgress' | 'Failed' | 'Terminating';

export interface KStatusResult {
  status: KStatus;
  reason: string;
  message: string;
}

type KindRule = (resource: Resource) => KStatusResult;

const current = (message: string): KStatusResult => ({ status: 'Current', reason: '', message });
const inProgress = (reason: string, message: string): KStatusResult => ({
  status: 'InProgress',
  reason,
  message,
});
const failed = (reason: string, message: string): KStatusResult => ({
  status: 'Failed',
  reason,
  message,
});

function int(resource: Resource, fallback: number, ...path: string[]): number {
  const value = asNumber(field(resource.raw, ...path));
  return value === undefined ? fallback : Math.trunc(value);
}

function conditionIs(resource: Resource, type: string, status: string): boolean {
  return findCondition(resource, type)?.status === status;
}

const alwaysReady: KindRule = () => current('Resource is always ready');

function deployment(resource: Resource): KStatusResult {
  const progressing = findCondition(resource, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return failed('ProgressDeadlineExceeded', 'Progress deadline exceeded');
  // Without spec.progressDeadlineSeconds the controller never sets Progressing.
  const deadlineSet =
    asNumber(field(resource.raw, 'spec', 'progressDeadlineSeconds')) !== undefined;
  const rolledOut =
    !deadlineSet ||
    (progressing?.status === 'True' && progressing.reason === 'NewReplicaSetAvailable');
  const spec = int(resource, 1, 'spec', 'replicas');
  const replicas = int(resource, 0, 'status', 'replicas');
  const updated = int(resource, 0, 'status', 'updatedReplicas');
  const ready = int(resource, 0, 'status', 'readyReplicas');
  const available = int(resource, 0, 'status', 'availableReplicas');
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress('LessUpdated', `Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (updated > available) return inProgress('LessAvailable', `Available: ${available}/${updated}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (!rolledOut) return inProgress('ReplicaSetNotAvailable', 'ReplicaSet not Available');
  if (!conditionIs(resource, 'Available', 'True'))
    return inProgress('DeploymentNotAvailable', 'Deployment not Available');
  return current(`Deployment is available. Replicas: ${replicas}`);
}

function statefulSet(resource: Resource): KStatusResult {
  if (stringField(resource.raw, 'spec', 'updateStrategy', 'type') === 'OnDelete')
    return current('StatefulSet is using the ondelete update strategy');
  const spec = int(resource, 1, 'spec', 'replicas');
  const ready = int(resource, 0, 'status', 'readyReplicas');
  const currentReplicas = int(resource, 0, 'status', 'currentReplicas');
  const updated = int(resource, 0, 'status', 'updatedReplicas');
  const replicas = int(resource, 0, 'status', 'replicas');
  const partition = int(resource, -1, 'spec', 'updateStrategy', 'rollingUpdate', 'partition');
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    if (updated < spec - partition)
      return inProgress('PartitionRollout', `updated: ${updated}/${spec - partition}`);
    return current(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > currentReplicas)
    return inProgress('LessCurrent', `current: ${currentReplicas}/${spec}`);
  if (
    (stringField(resource.raw, 'status', 'currentRevision') ?? '') !==
    (stringField(resource.raw, 'status', 'updateRevision') ?? '')
  )
    return inProgress('RevisionMismatch', 'Waiting for updated revision to match current');
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}

function daemonSet(resource: Resource): KStatusResult {
  if (resource.generation === undefined)
    return inProgress('NoGeneration', 'DaemonSet metadata.generation not found');
  if (asNumber(field(resource.raw, 'status', 'observedGeneration')) === undefined)
    return inProgress('NoObservedGeneration', 'DaemonSet status.observedGeneration not found');
  const desired = int(resource, -1, 'status', 'desiredNumberScheduled');
  const scheduled = int(resource, 0, 'status', 'currentNumberScheduled');
  const updated = int(resource, 0, 'status', 'updatedNumberScheduled');
  const available = int(resource, 0, 'status', 'numberAvailable');
  const ready = int(resource, 0, 'status', 'numberReady');
  if (desired === -1)
    return inProgress('NoDesiredNumber', 'Missing .status.desiredNumberScheduled');
  if (desired > scheduled) return inProgress('LessCurrent', `Current: ${scheduled}/${desired}`);
  if (desired > updated) return inProgress('LessUpdated', `Updated: ${updated}/${desired}`);
  if (desired > available) return inProgress('LessAvailable', `Available: ${available}/${desired}`);
  if (desired > ready) return inProgress('LessReady', `Ready: ${ready}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}

function replicaSet(resource: Resource): KStatusResult {
  if (conditionIs(resource, 'ReplicaFailure', 'True'))
    return inProgress('ReplicaFailure', 'Replica Failure condition. Check Pods');
  const spec = int(resource, 1, 'spec', 'replicas');
  const replicas = int(resource, 0, 'status', 'replicas');
  const ready = int(resource, 0, 'status', 'readyReplicas');
  const available = int(resource, 0, 'status', 'availableReplicas');
  const labelled = int(resource, 0, 'status', 'fullyLabeledReplicas');
  if (spec > labelled) return inProgress('LessLabelled', `Labelled: ${labelled}/${spec}`);
  if (spec > available) return inProgress('LessAvailable', `Available: ${available}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}

function persistentVolumeClaim(resource: Resource): KStatusResult {
  const phase = stringField(resource.raw, 'status', 'phase') ?? 'unknown';
  return phase === 'Bound'
    ? current('PVC is Bound')
    : inProgress('NotBound', `PVC is not Bound. phase: ${phase}`);
}

function crashLooping(resource: Resource): string[] {
  return asArray(field(resource.raw, 'status', 'containerStatuses')).flatMap(status =>
    stringField(status, 'state', 'waiting', 'reason') === 'CrashLoopBackOff'
      ? [stringField(status, 'name') ?? '']
      : []
  );
}

function pod(resource: Resource): KStatusResult {
  const phase = stringField(resource.raw, 'status', 'phase') ?? '';
  switch (phase) {
    case 'Succeeded':
      return current('Pod has completed successfully');
    case 'Failed':
      return current('Pod has completed, but not successfully');
    case 'Running': {
      if (conditionIs(resource, 'Ready', 'True')) return current('Pod is Ready');
      const looping = crashLooping(resource);
      if (looping.length)
        return failed(
          'ContainerCrashLooping',
          `Containers in CrashLoop state: ${looping.join(',')}`
        );
      return inProgress('PodRunningNotReady', 'Pod is running but is not Ready');
    }
    case 'Pending': {
      const scheduled = findCondition(resource, 'PodScheduled');
      if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable')
        return failed('PodUnschedulable', 'Pod could not be scheduled');
      return inProgress('PodPending', 'Pod is in the Pending phase');
    }
    case '':
      return inProgress('PodNotObserved', 'Pod phase not available');
    default:
      return inProgress('UnknownPhase', `Pod phase ${phase}`);
  }
}

function job(resource: Resource): KStatusResult {
  const parallelism = int(resource, 1, 'spec', 'parallelism');
  const completions = int(resource, parallelism, 'spec', 'completions');
  const succeeded = int(resource, 0, 'status', 'succeeded');
  const active = int(resource, 0, 'status', 'active');
  const failures = int(resource, 0, 'status', 'failed');
  for (const condition of resource.conditions) {
    if (condition.status !== 'True') continue;
    if (condition.type === 'Complete')
      return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (condition.type === 'Failed')
      return failed('JobFailed', `Job Failed. failed: ${failures}/${completions}`);
    if (condition.type === 'Suspended') return current('Job is suspended');
  }
  if (!stringField(resource.raw, 'status', 'startTime'))
    return inProgress('JobNotStarted', 'Job not started');
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${failures}`);
}

function service(resource: Resource): KStatusResult {
  if (
    stringField(resource.raw, 'spec', 'type') === 'LoadBalancer' &&
    !stringField(resource.raw, 'spec', 'clusterIP')
  )
    return inProgress('NoIPAssigned', 'ClusterIP not set. Service type: LoadBalancer');
  return current('Service is ready');
}

function customResourceDefinition(resource: Resource): KStatusResult {
  for (const condition of resource.conditions) {
    if (condition.type === 'NamesAccepted' && condition.status === 'False')
      return failed(condition.reason, condition.message);
    if (condition.type === 'Established') {
      if (condition.status === 'False' && condition.reason !== 'Installing')
        return failed(condition.reason, condition.message);
      if (condition.status === 'True') return current('CRD is established');
    }
  }
  return inProgress('Installing', 'Install in progress');
}

/** kstatus' own table: kinds with a rule of their own; the rest of Kubernetes' kinds are Current once they exist. */
const RULES: ReadonlyMap<string, KindRule> = new Map<string, KindRule>([
  ['/Service', service],
  ['/Pod', pod],
  ['/Secret', alwaysReady],
  ['/ConfigMap', alwaysReady],
  ['/PersistentVolumeClaim', persistentVolumeClaim],
  ['apps/StatefulSet', statefulSet],
  ['apps/DaemonSet', daemonSet],
  ['apps/Deployment', deployment],
  ['apps/ReplicaSet', replicaSet],
  ['policy/PodDisruptionBudget', () => current('AllowedDisruptions has been computed.')],
  ['batch/CronJob', alwaysReady],
  ['batch/Job', job],
  ['apiextensions.k8s.io/CustomResourceDefinition', customResourceDefinition],
]);

/** Whether kstatus has a rule of its own for this kind (others are judged by their conditions). */
export function hasKStatusRule(group: string, kind: string): boolean {
  return RULES.has(`${group}/${kind}`);
}

/**
 * kstatus' verdict on one object: deletion first, then the generic checks
 * (observedGeneration behind metadata.generation, Reconciling/Stalled
 * conditions), then the kind's own rule; a kind without one is Current.
 */
export function kstatusOf(resource: Resource): KStatusResult {
  if (resource.deletionTimestamp)
    return {
      status: 'Terminating',
      reason: 'Terminating',
      message: 'Resource scheduled for deletion',
    };
  const observed = asNumber(field(resource.raw, 'status', 'observedGeneration'));
  if (observed !== undefined && resource.generation !== undefined && observed < resource.generation)
    return inProgress(
      'LatestGenerationNotObserved',
      `${resource.kind} generation is ${resource.generation}, but latest observed generation is ${observed}`
    );
  const reconciling = findCondition(resource, 'Reconciling');
  if (reconciling?.status === 'True')
    return inProgress(reconciling.reason || 'Reconciling', reconciling.message);
  const stalled = findCondition(resource, 'Stalled');
  if (stalled?.status === 'True') return failed(stalled.reason || 'Stalled', stalled.message);
  const rule = RULES.get(`${resource.group}/${resource.kind}`);
  return rule ? rule(resource) : current('Resource is current');
}
