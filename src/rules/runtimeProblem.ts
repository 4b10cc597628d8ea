import type { ControllerProblem } from '../model/runtime';
import { Message, msg } from './messages';

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
