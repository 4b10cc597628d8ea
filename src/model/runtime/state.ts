import { findCondition } from '../conditions';
import { asNumber, field } from '../json';
import { Resource } from '../resource';
import { Controller } from './controller';
import { ContainerTrouble, RuntimePod } from './pods';
import { ControllerEvidence, ControllerProblem, problemFields } from './problem';

/** A controller's state, its problem in a few words and the evidence, from its Deployment and pods. */
export function stateOf(
  deployment: Resource | undefined,
  pods: RuntimePod[]
): Pick<
  Controller,
  'state' | 'problemText' | 'evidence' | 'desiredReplicas' | 'availableReplicas'
> {
  const evidence: ControllerEvidence[] = [];
  const troubled = pods.filter(pod => pod.trouble);
  for (const pod of troubled) {
    const { container, reason, message } = pod.trouble as ContainerTrouble;
    evidence.push({
      id: 'pod-trouble',
      params: {
        pod: pod.resource.name,
        reason,
        ...(container ? { container } : {}),
        ...(message ? { message } : {}),
      },
    });
  }
  for (const pod of pods) {
    if (pod.lastTermination && pod.restarts > 0) {
      const { reason, exitCode, finishedAt } = pod.lastTermination;
      evidence.push({
        id: 'pod-restarts',
        params: {
          pod: pod.resource.name,
          restarts: pod.restarts,
          reason,
          ...(exitCode !== undefined ? { exitCode } : {}),
          ...(finishedAt ? { finishedAt } : {}),
        },
      });
    }
  }
  // The reason in one or two words; the kubelet's message is in the evidence.
  const firstTrouble = troubled[0]?.trouble;
  const lastExit = troubled[0]?.lastTermination?.reason;
  const trouble: ControllerProblem | undefined = !firstTrouble?.reason
    ? undefined
    : lastExit && firstTrouble.reason === 'CrashLoopBackOff'
    ? { id: 'crash-loop', params: { reason: firstTrouble.reason, lastExit } }
    : { id: 'container', params: { reason: firstTrouble.reason } };

  if (deployment) {
    const desired = asNumber(field(deployment.raw, 'spec', 'replicas')) ?? 1;
    const available = asNumber(field(deployment.raw, 'status', 'availableReplicas')) ?? 0;
    const availableCondition = findCondition(deployment, 'Available');
    const progressing = findCondition(deployment, 'Progressing');
    evidence.unshift({
      id: 'deployment-replicas',
      params: { deployment: deployment.name, available, desired },
    });
    if (availableCondition?.status === 'False')
      evidence.push({
        id: 'condition',
        text: `Available=False${
          availableCondition.reason ? ` (${availableCondition.reason})` : ''
        }${availableCondition.message ? `: ${availableCondition.message}` : ''}`,
      });
    if (progressing?.status === 'False')
      evidence.push({
        id: 'condition',
        text: `Progressing=False${progressing.reason ? ` (${progressing.reason})` : ''}${
          progressing.message ? `: ${progressing.message}` : ''
        }`,
      });
    const counts = { desiredReplicas: desired, availableReplicas: available };
    const replicas: ControllerProblem = {
      id: 'replicas-available',
      params: { available, desired },
    };
    if (desired === 0)
      return { ...counts, state: 'down', ...problemFields({ id: 'scaled-to-zero' }), evidence };
    if (available < 1 || availableCondition?.status === 'False')
      return { ...counts, state: 'down', ...problemFields(trouble ?? replicas), evidence };
    if (troubled.length || available < desired)
      return { ...counts, state: 'degraded', ...problemFields(trouble ?? replicas), evidence };
    return { ...counts, state: 'available', ...problemFields(undefined), evidence };
  }
  // Only pods are known (the Deployment could not be read).
  const readyPods = pods.filter(pod => pod.ready).length;
  evidence.unshift({ id: 'pods-ready', params: { ready: readyPods, total: pods.length } });
  const phase = pods[0]?.phase;
  if (readyPods === 0)
    return {
      state: 'down',
      ...problemFields(
        trouble ??
          (phase ? { id: 'no-pod-ready', params: { phase } } : { id: 'no-pod-ready-unknown-phase' })
      ),
      evidence,
    };
  if (troubled.length) return { state: 'degraded', ...problemFields(trouble), evidence };
  return { state: 'available', ...problemFields(undefined), evidence };
}
