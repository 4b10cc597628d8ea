import { SelectorError, splitSelectorTerms } from '../../src/common/labelSelector';

/**
 * Label and field selectors with the API server's syntax and semantics (labels: the plugin's
 * own implementation, src/common/labelSelector.ts):
 * labels `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`;
 * fields `path=value`, `path==value`, `path!=value` over the fields each kind
 * supports (others are a 400, like the real server).
 */

export type { LabelRequirement } from '../../src/common/labelSelector';
export {
  parseLabelSelector,
  requirementsMatch as labelsMatch,
  SelectorError,
} from '../../src/common/labelSelector';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(selector: string | null | undefined): FieldRequirement[] {
  if (!selector) return [];
  return splitSelectorTerms(selector).map(term => {
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw new SelectorError(`invalid field selector: ${JSON.stringify(term)}`);
    return { field: match[1], op: match[2] === '!=' ? '!=' : '=', value: match[3] };
  });
}

/** Reads a dotted field path (`involvedObject.kind`) as the string the server compares. */
export function fieldValue(object: unknown, path: string): string {
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return '';
  return typeof current === 'string' ? current : String(current);
}

export function fieldsMatch(requirements: readonly FieldRequirement[], object: unknown): boolean {
  return requirements.every(requirement => {
    const actual = fieldValue(object, requirement.field);
    return requirement.op === '=' ? actual === requirement.value : actual !== requirement.value;
  });
}
