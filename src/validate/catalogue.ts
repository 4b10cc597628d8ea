import { RULES } from '../rules/catalogue';
import { Severity } from '../rules/types';

/**
 * Rule ids of the `validate` command. Where a check finds, before merge, what
 * a live rule would report after it (a Source that does not exist, a missing
 * dependency, claims applied before their XRD…), it reports the live rule's
 * id so that one id means one failure mode everywhere. The ids below exist
 * only here: checks with no live counterpart. Documented in docs/validate.md.
 */
export interface ValidateRuleInfo {
  id: string;
  severity: Severity;
  summary: string;
}

export const VALIDATE_RULES = {
  VALIDATE_YAML: {
    id: 'VALIDATE-YAML',
    severity: 'error',
    summary: 'A file is not valid YAML',
  },
  VALIDATE_SCHEMA: {
    id: 'VALIDATE-SCHEMA',
    severity: 'error',
    summary: 'An object does not match the schema of its kind',
  },
  VALIDATE_REF: {
    id: 'VALIDATE-REF',
    severity: 'error',
    summary: 'A reference points at nothing in the tree, or two Kustomizations apply one object',
  },
} as const satisfies Record<string, ValidateRuleInfo>;

/** The ids only `validate` reports. */
export const VALIDATE_RULE_IDS: string[] = Object.values(VALIDATE_RULES).map(info => info.id);

/** Live-rule ids `validate` also reports, for the same failure found before merge. */
export const SHARED_RULE_IDS: string[] = [
  RULES.FLUX_INVALID_MANIFESTS.id,
  RULES.FLUX_ARTIFACT.id,
  RULES.FLUX_DEPENDENCY.id,
  RULES.FLUX_CRD_ORDERING.id,
  RULES.FLUX_NO_ALERTS.id,
  RULES.FLUX_SUSPENDED.id,
  RULES.XP_NO_COMPOSITION.id,
  RULES.XP_FUNCTION_MISSING.id,
  RULES.XP_DEPRECATED_API.id,
  RULES.VISIBILITY.id,
];
