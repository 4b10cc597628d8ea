import type { ControllerEvidence, ControllerProblem } from '../model/runtime';
import type { EvidenceInput } from './context';
import { Message, msg, Text } from './messages';

/**
 * Why a controller is not available (model/runtime/problem.ts), as a message of the
 * catalogue: the rules' titles nest it, the CLI prints its English, the UI renders it
 * through t() (views/runtime/runtimeText.ts).
 */
export function problemMessage(problem: ControllerProblem): Message {
  switch (problem.id) {
    case 'scaled-to-zero':
      return msg('runtime.problem.scaledToZero');
    case 'replicas-available':
      return msg('runtime.problem.replicasAvailable', problem.params);
    case 'no-pod-ready':
      return msg('runtime.problem.noPodReady', problem.params);
    case 'no-pod-ready-unknown-phase':
      return msg('runtime.problem.noPodReadyUnknownPhase');
    case 'container':
      return msg('runtime.problem.container', problem.params);
    case 'crash-loop':
      return msg('runtime.problem.crashLoop', problem.params);
    case 'flux-missing': {
      const { component, selector, count } = problem.params;
      return msg('runtime.problem.fluxMissing', { component, selector, objects: count });
    }
    case 'runtime-missing':
      return msg('runtime.problem.runtimeMissing', problem.params);
  }
}

/** A fact behind a controller's state as an evidence line: worded, or the condition as quoted. */
export function evidenceLine(evidence: ControllerEvidence): EvidenceInput {
  return evidence.id === 'condition'
    ? { kind: 'field', text: evidence.text }
    : { kind: 'field', message: evidenceMessage(evidence) };
}

/** The words of a fact behind a controller's state (all but a quoted condition). */
export function evidenceMessage(
  evidence: Exclude<ControllerEvidence, { id: 'condition' }>
): Message {
  switch (evidence.id) {
    case 'deployment-replicas':
      return msg('runtime.evidence.deploymentReplicas', evidence.params);
    case 'pods-ready':
      return msg('runtime.evidence.podsReady', evidence.params);
    case 'pod-trouble': {
      const { pod, container, reason, message } = evidence.params;
      const trouble = message ? `${reason}: ${message}` : reason;
      return container
        ? msg('runtime.evidence.podContainer', { pod, container, trouble })
        : msg('runtime.evidence.pod', { pod, trouble });
    }
    case 'pod-restarts': {
      const { pod, restarts, reason, exitCode, finishedAt } = evidence.params;
      const code: Text =
        exitCode !== undefined
          ? msg('runtime.evidence.exitCode', { reason, code: exitCode })
          : reason;
      const exit: Text = finishedAt
        ? msg('runtime.evidence.exitAt', { exit: code, finishedAt })
        : code;
      return restarts === 1
        ? msg('runtime.evidence.restartedOnce', { pod, exit })
        : msg('runtime.evidence.restarted', { pod, times: restarts, exit });
    }
    case 'awaiting-activation':
      return msg('runtime.evidence.awaitingActivation', evidence.params);
  }
}
