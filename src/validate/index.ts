export { SHARED_RULE_IDS, VALIDATE_RULE_IDS, VALIDATE_RULES } from './catalogue';
export type { ValidateRuleInfo } from './catalogue';
export type { FileTree } from './files';
export { validateTree } from './validate';
export type { ValidateInput, ValidateReport } from './validate';
