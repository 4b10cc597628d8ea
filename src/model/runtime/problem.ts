/**
 * Why a controller is not available, as an id and the values it names (no English):
 * the UI says it through one static t() call per id (src/views/runtime/runtimeText.ts),
 * the rules and the CLI in English (problemEnglish below). Reasons (`CrashLoopBackOff`,
 * `OOMKilled`), names, phases and label selectors are the cluster's own words.
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

/** The English text of a controller's problem: what the rules and the CLI print. */
export function problemEnglish(problem: ControllerProblem): string {
  switch (problem.id) {
    case 'scaled-to-zero':
      return 'scaled to 0 replicas';
    case 'replicas-available':
      return `${problem.params.available}/${problem.params.desired} replicas available`;
    case 'no-pod-ready':
      return `no pod is ready (${problem.params.phase})`;
    case 'no-pod-ready-unknown-phase':
      return 'no pod is ready (unknown phase)';
    case 'container':
      return problem.params.reason;
    case 'crash-loop':
      return `${problem.params.reason} (last exit ${problem.params.lastExit})`;
    case 'flux-missing': {
      const { component, selector, count } = problem.params;
      return `no ${component} Deployment labelled ${selector} was found, but ${count} of the objects it reconciles exist`;
    }
    case 'runtime-missing': {
      const { kind, name, revision, namespace } = problem.params;
      return `no runtime Deployment of ${kind} ${name}'s active revision ${revision} was found in namespace ${namespace}`;
    }
  }
}

/** A controller's `problem` (English) and `problemText` (the id), from the id; none when it is available. */
export function problemFields(problem: ControllerProblem | undefined): {
  problem: string;
  problemText?: ControllerProblem;
} {
  return problem ? { problem: problemEnglish(problem), problemText: problem } : { problem: '' };
}
