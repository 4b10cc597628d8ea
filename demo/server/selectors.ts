/**
 * Label and field selectors with the API server's syntax and semantics:
 * labels `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`;
 * fields `path=value`, `path==value`, `path!=value` over the fields each kind
 * supports (others are a 400, like the real server).
 */

export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

export class SelectorError extends Error {}

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms.map(term => term.trim()).filter(Boolean);
}

export function parseLabelSelector(selector: string | null | undefined): LabelRequirement[] {
  if (!selector) return [];
  return splitTerms(selector).map(term => {
    const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set) {
      return {
        key: set[1],
        op: set[2] as 'in' | 'notin',
        values: set[3]
          .split(',')
          .map(value => value.trim())
          .filter(Boolean),
      };
    }
    const inequality = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(term);
    if (inequality) return { key: inequality[1], op: 'notin', values: [inequality[2]] };
    const equality = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(term);
    if (equality) return { key: equality[1], op: 'in', values: [equality[2]] };
    const absent = /^!\s*([^\s!=]+)$/.exec(term);
    if (absent) return { key: absent[1], op: 'doesnotexist' };
    if (/^[^\s!=()]+$/.test(term)) return { key: term, op: 'exists' };
    throw new SelectorError(`unable to parse requirement: ${JSON.stringify(term)}`);
  });
}

export function labelsMatch(
  requirements: readonly LabelRequirement[],
  labels: Record<string, string> | undefined
): boolean {
  const actual = labels ?? {};
  return requirements.every(requirement => {
    const has = Object.prototype.hasOwnProperty.call(actual, requirement.key);
    switch (requirement.op) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'in':
        return has && requirement.values.includes(actual[requirement.key]);
      default:
        return !has || !requirement.values.includes(actual[requirement.key]);
    }
  });
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(selector: string | null | undefined): FieldRequirement[] {
  if (!selector) return [];
  return splitTerms(selector).map(term => {
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
