/** `pods/<name>/log` on the in-memory API server: one container's log, as the API server cuts it. */
import { ApiError } from './apiErrors';
import type { KubeObject } from './objectStore';

/**
 * The log text of the container `query` names (default: the pod's first),
 * `tailLines` applied; `logsOf` gives a container's whole log (it gets a copy of the pod).
 */
export function podLogText(
  pod: KubeObject,
  query: URLSearchParams,
  logsOf: (pod: KubeObject, container: string) => string
): string {
  const containers = (
    ((pod.spec as Record<string, unknown> | undefined)?.containers ?? []) as Array<{
      name?: string;
    }>
  ).map(container => String(container.name));
  const container = query.get('container') || containers[0] || '';
  if (!containers.includes(container)) {
    throw new ApiError(
      400,
      'BadRequest',
      `container ${container} is not valid for pod ${pod.metadata.name}`
    );
  }
  let lines = logsOf(structuredClone(pod), container).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const tail = Number(query.get('tailLines'));
  if (query.has('tailLines') && Number.isInteger(tail) && tail >= 0)
    lines = lines.slice(-tail || lines.length);
  return lines.map(line => `${line}\n`).join('');
}
