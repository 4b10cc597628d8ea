import { useCallback } from 'react';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { DiagnosedAs } from '../../model/crossplaneTree';
import { ObjectRef } from '../../model/resource';
import { DiagnosisReport } from '../../rules';

/**
 * What the rules said about one object, for marking root causes in a tree:
 * `root` when one of its own diagnoses (error or warning) names no deeper cause.
 */
export function diagnosedAs(report: DiagnosisReport, ref: ObjectRef): DiagnosedAs {
  const own = report
    .of(ref)
    .filter(diagnosis => diagnosis.severity !== 'info' && diagnosis.ruleId !== 'VISIBILITY');
  if (!own.length) return undefined;
  return own.some(diagnosis => !diagnosis.causes?.length) ? 'root' : 'symptom';
}

export function useDiagnosed(): (ref: ObjectRef) => DiagnosedAs {
  const { report } = useFluxCrossplane();
  return useCallback((ref: ObjectRef) => diagnosedAs(report, ref), [report]);
}
