import { Message } from './messages';

/** The diagnosis shape of the failure-mode catalogue: a stable contract (CLI JSON, tests, UI). */

export type Severity = 'error' | 'warning' | 'info';

export interface Subject {
  cluster?: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface Evidence {
  kind: 'condition' | 'event' | 'field';
  text: string;
}

export type ActionKind =
  | 'reconcile'
  | 'reconcile-with-source'
  | 'resume'
  | 'suspend'
  | 'force'
  | 'reset'
  | 'open'
  | 'command'
  | 'doc';

export interface SuggestedAction {
  label: string;
  kind: ActionKind;
  target?: Subject;
  /** For `command` actions: the exact line to copy. */
  command?: string;
  /** For `doc` actions: an https link to upstream documentation. */
  url?: string;
  /** For `open` actions on a Pod: open this view of it (Headlamp's log viewer). */
  view?: 'logs';
}

export interface Diagnosis {
  ruleId: string;
  severity: Severity;
  subject: Subject;
  title: string;
  explanation: string;
  evidence: Evidence[];
  /** The objects whose own problems cause this one, deepest (the root cause) first. */
  causes?: Subject[];
  actions: SuggestedAction[];
  /**
   * The same texts as data, for rendering in the reader's language: each slot's message
   * key and parameters (null where the text is the controller's own words, or a rule not
   * yet converted). Not part of the CLI's JSON (see `publicDiagnosis`).
   */
  text?: DiagnosisText;
}

export interface DiagnosisText {
  title: Message | null;
  explanation: Message | null;
  /** One per `evidence` entry, in order. */
  evidence: (Message | null)[];
  /** One per `actions` entry (its label), in order. */
  actions: (Message | null)[];
}

/** A diagnosis as the CLI prints it in JSON: the English texts, without their data. */
export function publicDiagnosis(diagnosis: Diagnosis): Omit<Diagnosis, 'text'> {
  const rest: Diagnosis = { ...diagnosis };
  delete rest.text;
  return rest;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
