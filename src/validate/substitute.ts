import { parse, stringify } from 'yaml';

/**
 * Flux post-build variable substitution (`spec.postBuild`), done the way the
 * controller does it: on the YAML text of each rendered object. Supported:
 * `${var}`, `${var:=default}`, `${var:-default}`, `${var=default}`,
 * `${var-default}` and the `$${var}` escape. A variable without a value and
 * without a default becomes the empty string, as in Flux (non-strict), unless
 * its value may come from `substituteFrom` (not in Git): then it is kept
 * verbatim and the schema checks skip the field.
 */

export const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const REFERENCE = /\$(\$?)\{([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[=-])([^}]*))?\}/g;

export interface SubstituteOptions {
  vars: Record<string, string>;
  /** `substituteFrom` is set: unknown variables may be defined there. */
  keepUnknown: boolean;
}

export function substituteText(text: string, options: SubstituteOptions): string {
  return text.replace(
    REFERENCE,
    (whole, escape: string, name: string, operator?: string, fallback?: string) => {
      if (escape) return whole.slice(1); // `$${var}` → `${var}`
      const value = options.vars[name];
      const hasValue = value !== undefined && !(operator?.startsWith(':') && value === '');
      if (hasValue) return value;
      if (operator !== undefined) return fallback ?? '';
      return options.keepUnknown ? whole : '';
    }
  );
}

/** Substitutes in one object; throws when the result is no longer YAML. */
export function substituteObject(object: unknown, options: SubstituteOptions): unknown {
  const text = stringify(object, { lineWidth: 0 });
  const replaced = substituteText(text, options);
  return replaced === text ? object : (parse(replaced) as unknown);
}

/** Whether a string still holds a `${…}` reference (left for `substituteFrom`). */
export function hasPlaceholder(text: string): boolean {
  return /\$\{[_a-zA-Z][_a-zA-Z0-9]*[^}]*\}/.test(text);
}
