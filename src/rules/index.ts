export { diagnose, DiagnosisReport, compareDiagnoses, explainsFailures } from './diagnose';
export { diagnosedAs } from './rootCause';
export type { DiagnoseOptions } from './diagnose';
export { RULES, RULE_IDS } from './catalogue';
export type { RuleInfo } from './catalogue';
export {
  DEFAULT_SETTINGS,
  DEFAULT_KEY_OBJECTS,
  keyObjectsIn,
  refOfSubject,
  subjectKey,
  subjectOf,
} from './context';
export type { KeyObject, RuleSettings } from './context';
export type { Diagnosis, Evidence, Severity, Subject, SuggestedAction, ActionKind } from './types';
export type { DiagnosisText } from './types';
export { publicDiagnosis, SEVERITY_RANK } from './types';
export { capTitle } from './context';
export { englishTemplate, interpolate, msg, renderEnglish, renderMessage } from './messages';
export type { Message, MessageKey, MessageParam, MessageValues, Translator } from './messages';
export { gapWords } from './visibility';
export { evidenceLine, evidenceMessage, problemMessage } from './runtimeProblem';
export type { GapWords } from './visibility';
