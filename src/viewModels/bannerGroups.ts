import { ObjectRef, refKey } from '../model/resource';
import { Diagnosis, refOfSubject, Subject, subjectKey } from '../rules';
import { explainsFailures } from '../rules/diagnose';

/** The symptoms one object shows because of a root cause elsewhere. */
export interface ExplainedObject {
  subject: Subject;
  diagnoses: Diagnosis[];
}

/** One banner: a diagnosis, and when it is a root cause, the objects it explains. */
export interface BannerGroup {
  /** Stable across renders: rule, object (with its API group) and title. */
  key: string;
  diagnosis: Diagnosis;
  explains: ExplainedObject[];
}

export function diagnosisKey(diagnosis: Diagnosis): string {
  return `${diagnosis.ruleId}|${subjectKey(diagnosis.subject)}|${diagnosis.title}`;
}

/**
 * One banner per root cause: a diagnosis whose chain of causes (deepest first)
 * reaches an object that has a diagnosis of its own in `diagnoses` is folded
 * under that object's banner, and so are the other failure diagnoses of an
 * object that is explained that way (its rollout not landing, say). What does
 * not explain failures (alert gaps, drift, visibility notes) is never folded.
 * `keep` names an object whose own diagnoses stay banners (the page's object).
 * Order follows `diagnoses`.
 */
export function groupByRootCause(
  diagnoses: readonly Diagnosis[],
  keep?: Pick<ObjectRef, 'cluster' | 'group' | 'kind' | 'namespace' | 'name'>
): BannerGroup[] {
  const keptKey = keep ? refKey(keep) : undefined;
  const diagnosed = new Set<string>();
  for (const diagnosis of diagnoses)
    if (explainsFailures(diagnosis)) diagnosed.add(subjectKey(diagnosis.subject));

  const rootOf = (diagnosis: Diagnosis): string | undefined => {
    const own = subjectKey(diagnosis.subject);
    for (const cause of diagnosis.causes ?? []) {
      const key = subjectKey(cause);
      if (key !== own && diagnosed.has(key)) return key;
    }
    return undefined;
  };
  const objectRoot = new Map<string, string>();
  for (const diagnosis of diagnoses) {
    const own = subjectKey(diagnosis.subject);
    const root = explainsFailures(diagnosis) ? rootOf(diagnosis) : undefined;
    if (root && !objectRoot.has(own)) objectRoot.set(own, root);
  }

  const groups: BannerGroup[] = [];
  const leadOf = new Map<string, BannerGroup>();
  const folded = new Map<string, Diagnosis[]>();
  for (const diagnosis of diagnoses) {
    const own = subjectKey(diagnosis.subject);
    const root =
      explainsFailures(diagnosis) && own !== keptKey
        ? rootOf(diagnosis) ?? objectRoot.get(own)
        : undefined;
    if (root && root !== own) {
      const list = folded.get(root) ?? [];
      list.push(diagnosis);
      folded.set(root, list);
      continue;
    }
    const group: BannerGroup = { key: diagnosisKey(diagnosis), diagnosis, explains: [] };
    groups.push(group);
    if (explainsFailures(diagnosis) && !leadOf.has(own)) leadOf.set(own, group);
  }
  for (const [root, items] of folded) {
    const lead = leadOf.get(root);
    if (!lead) {
      // The root's own diagnosis was folded elsewhere (a cycle): its symptoms stand alone.
      for (const diagnosis of items)
        groups.push({ key: diagnosisKey(diagnosis), diagnosis, explains: [] });
      continue;
    }
    for (const diagnosis of items) {
      const key = subjectKey(diagnosis.subject);
      const entry = lead.explains.find(item => subjectKey(item.subject) === key);
      if (entry) entry.diagnoses.push(diagnosis);
      else lead.explains.push({ subject: diagnosis.subject, diagnoses: [diagnosis] });
    }
  }
  return groups;
}

/**
 * What to show while a request may be changing the findings: the banners shown
 * before it, held as they were while `inFlight`, so nothing collapses or jumps
 * while the controller works; `held` says the page must say so.
 */
export function holdWhileInFlight(
  shown: BannerGroup[],
  next: BannerGroup[],
  inFlight: boolean
): { groups: BannerGroup[]; held: boolean } {
  const signature = (list: BannerGroup[]) => list.map(group => group.key).join('\n');
  if (!inFlight || signature(next) === signature(shown)) return { groups: next, held: false };
  return { groups: shown, held: true };
}

/** The object a subject names, for links. */
export const subjectRef = refOfSubject;
