/**
 * Kubernetes label selectors with the API server's syntax and semantics, the one
 * implementation the plugin, the validator, the demo's API and the test fakes use:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, and `matchLabels` maps.
 */

export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

export class SelectorError extends Error {}

/** Splits on the commas outside parentheses (`a in (x,y),b` → `a in (x,y)`, `b`); empty terms dropped. */
export function splitSelectorTerms(selector: string): string[] {
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

/** The requirements of a selector string; a term the API server would refuse throws SelectorError. */
export function parseLabelSelector(selector: string | null | undefined): LabelRequirement[] {
  if (!selector) return [];
  return splitSelectorTerms(selector).map(term => {
    const set = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
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
    const inequality = /^([^\s!=()]+)\s*!=\s*(\S*)$/.exec(term);
    if (inequality) return { key: inequality[1], op: 'notin', values: [inequality[2]] };
    const equality = /^([^\s!=()]+)\s*==?\s*(\S*)$/.exec(term);
    if (equality) return { key: equality[1], op: 'in', values: [equality[2]] };
    const absent = /^!\s*([^\s!=()]+)$/.exec(term);
    if (absent) return { key: absent[1], op: 'doesnotexist' };
    if (/^[^\s!=()]+$/.test(term)) return { key: term, op: 'exists' };
    throw new SelectorError(`unable to parse requirement: ${JSON.stringify(term)}`);
  });
}

/** Whether labels meet every requirement. */
export function requirementsMatch(
  requirements: readonly LabelRequirement[],
  labels: Readonly<Record<string, string>> | undefined
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

/**
 * Whether labels match a selector string; an empty selector matches everything, one that
 * cannot be parsed matches nothing (the API server and kustomize refuse it).
 */
export function matchesLabelSelector(
  selector: string | null | undefined,
  labels: Readonly<Record<string, string>> | undefined
): boolean {
  let requirements: LabelRequirement[];
  try {
    requirements = parseLabelSelector(selector);
  } catch (error) {
    if (error instanceof SelectorError) return false;
    throw error;
  }
  return requirementsMatch(requirements, labels);
}

/** Whether labels hold every key and value of a `matchLabels` map (an empty map matches everything). */
export function matchLabelsMatch(
  matchLabels: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>
): boolean {
  return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
}
