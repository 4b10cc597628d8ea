/**
 * The `labelSelector` and `fieldSelector` of a list, watch or
 * deletecollection request, checked as the API server checks them (a
 * syntax error or a field the kind does not support is a 400), and whether
 * an object falls within them and the request's namespace.
 */
import { ApiError } from './apiErrors';
import type { KubeObject } from './objectStore';
import type { ResourceType } from './resourceTypes';
import {
  FieldRequirement,
  fieldsMatch,
  LabelRequirement,
  labelsMatch,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';

export interface QuerySelectors {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

export function selectorsOf(query: URLSearchParams, type: ResourceType): QuerySelectors {
  try {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'));
    const supported = new Set(['metadata.name', 'metadata.namespace', ...type.fieldLabels]);
    for (const requirement of fields) {
      if (!supported.has(requirement.field)) {
        throw new ApiError(400, 'BadRequest', `field label not supported: ${requirement.field}`);
      }
    }
    return { labels, fields };
  } catch (error) {
    if (error instanceof SelectorError)
      throw new ApiError(400, 'BadRequest', `unable to parse requirement: ${error.message}`);
    throw error;
  }
}

/** Whether an object is in the namespace (any when undefined) and matches both selectors. */
export function matches(
  object: KubeObject,
  namespace: string | undefined,
  labels: LabelRequirement[],
  fields: FieldRequirement[]
): boolean {
  return (
    (namespace === undefined || object.metadata.namespace === namespace) &&
    labelsMatch(labels, object.metadata.labels) &&
    fieldsMatch(fields, object)
  );
}
