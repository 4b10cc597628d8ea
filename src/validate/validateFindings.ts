import { subjectKey } from '../rules/context';
import { compareDiagnoses } from '../rules/diagnose';
import { Diagnosis, Subject } from '../rules/types';
import { VALIDATE_RULES } from './catalogue';
import { Source } from './files';
import { fileSubject, finding, showLines, ValidateFinding } from './findings';

/** validate's findings as they leave it: YAML errors, one finding per file, diagnoses per cluster. */

export function yamlFinding(
  source: Source,
  path: string,
  error: { line: number; column: number; message: string }
): ValidateFinding {
  const location = { file: source.tree.display(path), line: error.line };
  return finding({
    rule: VALIDATE_RULES.VALIDATE_YAML,
    subject: fileSubject(location.file),
    title: `${location.file} is not valid YAML`,
    explanation:
      'kustomize (and Flux) cannot read the file: every Kustomization that includes it fails with BuildFailed, and nothing in it is applied.',
    location,
    evidence: [`${error.message} (column ${error.column})`],
    actions: [showLines(location)],
    fileLevel: true,
  });
}

/** Removes the cluster from subjects when there is one cluster; merges the same finding across clusters. */
export function finalize(findings: ValidateFinding[], clusters: string[]): Diagnosis[] {
  const single = clusters.length <= 1;
  const strip = (subject: Subject): Subject => {
    const copy = { ...subject };
    delete copy.cluster;
    return copy;
  };
  const groups = new Map<string, { diagnosis: Diagnosis; clusters: Set<string> }>();
  for (const item of findings) {
    const diagnosis = item.diagnosis;
    const key = [
      diagnosis.ruleId,
      diagnosis.severity,
      subjectKey(strip(diagnosis.subject)),
      diagnosis.title,
      diagnosis.evidence.map(evidence => evidence.text).join('\n'),
    ].join('\u0000');
    const group = groups.get(key);
    if (group) {
      if (diagnosis.subject.cluster) group.clusters.add(diagnosis.subject.cluster);
      continue;
    }
    groups.set(key, {
      diagnosis,
      clusters: new Set(diagnosis.subject.cluster ? [diagnosis.subject.cluster] : []),
    });
  }
  const result: Diagnosis[] = [];
  for (const { diagnosis, clusters: seenIn } of groups.values()) {
    if (single || seenIn.size > 1 || item(diagnosis)) {
      const merged: Diagnosis = {
        ...diagnosis,
        subject: strip(diagnosis.subject),
        actions: diagnosis.actions.map(action =>
          action.target ? { ...action, target: strip(action.target) } : action
        ),
      };
      if (diagnosis.causes) merged.causes = diagnosis.causes.map(strip);
      if (!single && seenIn.size > 1)
        merged.explanation = `${diagnosis.explanation} (clusters: ${[...seenIn]
          .sort()
          .join(', ')})`;
      result.push(merged);
    } else {
      result.push(diagnosis);
    }
  }
  return result.sort(compareDiagnoses);

  function item(diagnosis: Diagnosis): boolean {
    return diagnosis.subject.kind === 'File';
  }
}

export function sourceSubject(key: string): Subject {
  const [kind, namespace, name] = key.split('/');
  const subject: Subject = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind, name: name ?? key };
  if (namespace) subject.namespace = namespace;
  return subject;
}

/** A file rendered into several clusters yields its content problems once. */
export function dedupeFileLevel(findings: ValidateFinding[]): ValidateFinding[] {
  const seen = new Set<string>();
  return findings.filter(item => {
    if (!item.fileLevel) return true;
    const subject = { ...item.diagnosis.subject };
    delete subject.cluster;
    const key = [
      item.diagnosis.ruleId,
      subjectKey(subject),
      item.diagnosis.title,
      item.diagnosis.evidence.map(evidence => evidence.text).join('\n'),
    ].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    if (item.diagnosis.subject.cluster) {
      // Content problems are the file's, whichever cluster renders it.
      item.diagnosis = { ...item.diagnosis, subject };
    }
    return true;
  });
}
