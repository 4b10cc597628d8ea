import { ClusterIndex } from '../model/clusterIndex';
import { ObjectRef, refKey } from '../model/resource';
import { compositionRules } from './composition';
import {
  DEFAULT_SETTINGS,
  Finding,
  Rule,
  RuleContext,
  RuleSettings,
  subjectKey,
  subjectOf,
} from './context';
import { fluxStateRules } from './fluxState';
import { helmRules } from './helm';
import { kustomizeRules } from './kustomize';
import { managedRules } from './managed';
import { notificationRules } from './notifications';
import { packageRules } from './packages';
import { addControllerLogs, runtimeRules } from './runtime';
import { sourceRules } from './sources';
import { Diagnosis, SEVERITY_RANK, Subject } from './types';
import { visibilityRules } from './visibility';

export interface DiagnoseOptions {
  /** Clock for time-based rules (stale, behind); defaults to Date.now(). */
  now?: number;
  settings?: Partial<RuleSettings>;
}

const FAMILIES: Rule[] = [
  sourceRules,
  kustomizeRules,
  helmRules,
  notificationRules,
  fluxStateRules,
  compositionRules,
  managedRules,
  packageRules,
  runtimeRules,
  visibilityRules,
];

/** All diagnoses of an index, with a lookup per object. Build once per data change. */
export class DiagnosisReport {
  readonly diagnoses: Diagnosis[];
  private readonly bySubject = new Map<string, Diagnosis[]>();

  constructor(diagnoses: Diagnosis[]) {
    this.diagnoses = diagnoses;
    for (const diagnosis of diagnoses) {
      const key = subjectKey(diagnosis.subject);
      const list = this.bySubject.get(key);
      if (list) list.push(diagnosis);
      else this.bySubject.set(key, [diagnosis]);
    }
  }

  /** The object's own diagnoses, worst first. */
  of(ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>): Diagnosis[] {
    return this.bySubject.get(refKey(ref)) ?? [];
  }

  ofSubject(subject: Subject): Diagnosis[] {
    return this.bySubject.get(subjectKey(subject)) ?? [];
  }

  /**
   * What a banner shows for one object: the root cause's diagnoses first,
   * then those of each object on the chain up, then the object's own.
   */
  forObject(
    ref: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
  ): Diagnosis[] {
    const own = this.of(ref);
    const seen = new Set<Diagnosis>();
    const result: Diagnosis[] = [];
    for (const diagnosis of own) {
      for (const cause of diagnosis.causes ?? []) {
        for (const causeDiagnosis of this.ofSubject(cause).filter(explainsFailures)) {
          if (!seen.has(causeDiagnosis) && !own.includes(causeDiagnosis)) {
            seen.add(causeDiagnosis);
            result.push(causeDiagnosis);
          }
        }
      }
    }
    return [...result, ...own];
  }
}

export function diagnose(index: ClusterIndex, options: DiagnoseOptions = {}): DiagnosisReport {
  const context: RuleContext = {
    index,
    now: options.now ?? Date.now(),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
  const findings = dedupe(FAMILIES.flatMap(rule => rule(context)));
  addControllerLogs(context, findings);
  linkCauses(findings);
  return new DiagnosisReport(findings.map(f => f.diagnosis).sort(compareDiagnoses));
}

/**
 * Diagnoses that never explain why another object fails: an Alert gap, drift, a
 * deprecated API or a visibility note on a dependency is no reason its dependents
 * are not Ready, so they are neither followed as causes nor shown as root causes.
 */
const NOT_A_CAUSE: ReadonlySet<string> = new Set([
  'FLUX-NO-ALERTS',
  'FLUX-DRIFT',
  'XP-DEPRECATED-API',
  'VISIBILITY',
]);

export function explainsFailures(diagnosis: Diagnosis): boolean {
  return !NOT_A_CAUSE.has(diagnosis.ruleId);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(item => {
    const key = `${item.diagnosis.ruleId}|${subjectKey(item.diagnosis.subject)}|${
      item.diagnosis.title
    }`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Fills `causes` (deepest first) by following each finding's blockers to the
 * objects that have findings of their own. Memoized per object, so the whole
 * pass is linear in findings plus blockers; cycles are cut.
 */
function linkCauses(findings: Finding[]): void {
  const byObject = new Map<string, Finding[]>();
  for (const item of findings) {
    if (!explainsFailures(item.diagnosis)) continue;
    const key = subjectKey(item.diagnosis.subject);
    const list = byObject.get(key);
    if (list) list.push(item);
    else byObject.set(key, [item]);
  }
  /** Path from an object down to its root cause, the object first. */
  const memo = new Map<string, Subject[]>();
  const inProgress = new Set<string>();

  const pathFrom = (ref: ObjectRef): Subject[] => {
    const key = refKey(ref);
    const cached = memo.get(key);
    if (cached) return cached;
    if (inProgress.has(key)) return [];
    inProgress.add(key);
    const own = byObject.get(key) ?? [];
    const subject = own[0]?.diagnosis.subject ?? subjectOf(ref);
    let best: Subject[] = [];
    for (const item of own) {
      const below = bestBelow(item.blockedBy);
      if (below.length > best.length) best = below;
    }
    inProgress.delete(key);
    const path = [subject, ...best];
    memo.set(key, path);
    return path;
  };

  const bestBelow = (blockers: ObjectRef[]): Subject[] => {
    let best: Subject[] = [];
    let bestHasFindings = false;
    for (const blocker of blockers) {
      const path = pathFrom(blocker);
      const hasFindings = byObject.has(refKey(blocker));
      // Prefer branches that end in a diagnosed object, then the deeper chain.
      if (
        (hasFindings && !bestHasFindings) ||
        (hasFindings === bestHasFindings && path.length > best.length)
      ) {
        best = path;
        bestHasFindings = hasFindings;
      }
    }
    return best;
  };

  for (const item of findings) {
    if (item.blockedBy.length === 0) continue;
    const chain = bestBelow(item.blockedBy);
    // In a cycle the chain comes back to the subject itself: an object is not its own cause.
    const own = subjectKey(item.diagnosis.subject);
    const back = chain.findIndex(subject => subjectKey(subject) === own);
    const causes = back >= 0 ? chain.slice(0, back) : chain;
    if (causes.length) item.diagnosis.causes = [...causes].reverse();
  }
}

export function compareDiagnoses(a: Diagnosis, b: Diagnosis): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.causes?.length ? 1 : 0) - (b.causes?.length ? 1 : 0) ||
    (a.subject.cluster ?? '').localeCompare(b.subject.cluster ?? '') ||
    a.subject.kind.localeCompare(b.subject.kind) ||
    (a.subject.namespace ?? '').localeCompare(b.subject.namespace ?? '') ||
    a.subject.name.localeCompare(b.subject.name) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
