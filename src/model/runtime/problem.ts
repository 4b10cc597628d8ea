/**
 * Why a controller is not available, as an id and the values it names (no English): the
 * rules say it as a message of their catalogue (src/rules/runtimeProblem.ts `problemMessage`),
 * which the CLI prints in English and the UI renders through t() (views/runtime/runtimeText.ts).
 * Reasons (`CrashLoopBackOff`, `OOMKilled`), names, phases and label selectors are the
 * cluster's own words.
 */
export type ControllerProblem =
  | { id: 'scaled-to-zero' }
  | { id: 'replicas-available'; params: { available: number; desired: number } }
  | { id: 'no-pod-ready'; params: { phase: string } }
  | { id: 'no-pod-ready-unknown-phase' }
  | { id: 'container'; params: { reason: string } }
  | { id: 'crash-loop'; params: { reason: string; lastExit: string } }
  | { id: 'flux-missing'; params: { component: string; selector: string; count: number } }
  | {
      id: 'runtime-missing';
      params: { kind: string; name: string; revision: string; namespace: string };
    };

/**
 * A fact behind a controller's state, as an id and the values it names (no English): the
 * rules word it (src/rules/runtimeProblem.ts `evidenceMessage`). A Deployment condition is
 * quoted as the cluster wrote it (`Available=False (reason): message`).
 */
export type ControllerEvidence =
  | {
      id: 'deployment-replicas';
      params: { deployment: string; available: number; desired: number };
    }
  | { id: 'pods-ready'; params: { ready: number; total: number } }
  | {
      id: 'pod-trouble';
      params: { pod: string; container?: string; reason: string; message?: string };
    }
  | {
      id: 'pod-restarts';
      params: {
        pod: string;
        restarts: number;
        reason: string;
        exitCode?: number;
        finishedAt?: string;
      };
    }
  | { id: 'condition'; text: string }
  | { id: 'awaiting-activation'; params: { kind: string; name: string } };

/** A controller's `problemText`, from the id; none when it is available. */
export function problemFields(problem: ControllerProblem | undefined): {
  problemText?: ControllerProblem;
} {
  return problem ? { problemText: problem } : {};
}
