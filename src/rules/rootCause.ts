import { DiagnosedAs } from '../model/crossplaneTree';
import { ObjectRef } from '../model/resource';
import { DiagnosisReport, explainsFailures } from './diagnose';

/**
 * What the rules say of one object for marking root causes in a tree: `root` when one of its
 * own diagnoses (error or warning, of a rule whose diagnoses explain failures) names no deeper
 * cause, `symptom` when all of them name one, undefined when it has none.
 */
export function diagnosedAs(report: DiagnosisReport, ref: ObjectRef): DiagnosedAs {
  const own = report
    .of(ref)
    .filter(diagnosis => diagnosis.severity !== 'info' && explainsFailures(diagnosis));
  if (!own.length) return undefined;
  return own.some(diagnosis => !diagnosis.causes?.length) ? 'root' : 'symptom';
}
