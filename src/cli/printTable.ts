import { Diagnosis, Severity, Subject, SuggestedAction } from '../rules/index';
import { oneLine } from './errors';

/** Human-readable report for a terminal or a CI log: worst first, plain ASCII, whole messages. */

const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'ERROR',
  warning: 'WARNING',
  info: 'INFO',
};

export function formatSubject(subject: Subject): string {
  const path = subject.namespace
    ? `${subject.kind}/${subject.namespace}/${subject.name}`
    : `${subject.kind}/${subject.name}`;
  return subject.cluster ? `${path} (cluster ${subject.cluster})` : path;
}

function formatAction(action: SuggestedAction): string[] {
  const target =
    action.target && action.kind === 'open' ? ` -> ${formatSubject(action.target)}` : '';
  const lines = [`- ${oneLine(action.label)}${target}`];
  if (action.command) lines.push(`    ${action.command}`);
  if (action.url) lines.push(`    ${action.url}`);
  return lines;
}

export interface TableOptions {
  /** Rule ids of the diagnoses of a subject, to annotate the cause chain. */
  ruleIdsOf?: (subject: Subject) => string[];
}

export function formatDiagnosis(diagnosis: Diagnosis, options: TableOptions = {}): string {
  const lines: string[] = [];
  const label = SEVERITY_LABEL[diagnosis.severity].padEnd(7);
  lines.push(`${label}  ${diagnosis.ruleId}  ${formatSubject(diagnosis.subject)}`);
  const indent = (text: string, depth = 1): string => `${'  '.repeat(depth)}${text}`;
  lines.push(indent(oneLine(diagnosis.title)));
  if (diagnosis.explanation) lines.push(indent(oneLine(diagnosis.explanation), 2));
  if (diagnosis.evidence.length) {
    lines.push(indent('Evidence:'));
    for (const evidence of diagnosis.evidence)
      lines.push(indent(`- ${evidence.kind}: ${oneLine(evidence.text)}`, 2));
  }
  if (diagnosis.causes?.length) {
    lines.push(indent('Cause chain (root cause first):'));
    diagnosis.causes.forEach((cause, i) => {
      const ids = options.ruleIdsOf?.(cause) ?? [];
      lines.push(
        indent(`${i + 1}. ${formatSubject(cause)}${ids.length ? `  [${ids.join(', ')}]` : ''}`, 2)
      );
    });
    lines.push(
      indent(
        `${diagnosis.causes.length + 1}. ${formatSubject(diagnosis.subject)}  [${
          diagnosis.ruleId
        }]`,
        2
      )
    );
  }
  if (diagnosis.actions.length) {
    lines.push(indent('Actions:'));
    for (const action of diagnosis.actions)
      lines.push(...formatAction(action).map(line => indent(line, 2)));
  }
  return lines.join('\n');
}

export function summaryLine(diagnoses: readonly Diagnosis[]): string {
  const count = (severity: Severity): number =>
    diagnoses.filter(d => d.severity === severity).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count(
    'info'
  )} info`;
}

/** The whole table output, ending with a newline. */
export function formatTable(diagnoses: readonly Diagnosis[], options: TableOptions = {}): string {
  if (diagnoses.length === 0) return 'No problems found.\n';
  const blocks = diagnoses.map(diagnosis => formatDiagnosis(diagnosis, options));
  return `${blocks.join('\n\n')}\n\n${summaryLine(diagnoses)}\n`;
}
