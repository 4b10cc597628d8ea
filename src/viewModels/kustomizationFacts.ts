import { ClusterIndex } from '../model/clusterIndex';
import { commitLink, CommitLinkSettings } from '../model/commitLink';
import { findCondition } from '../model/conditions';
import {
  intervalOf,
  lastAppliedRevisionOf,
  lastAttemptedRevisionOf,
  lastHandledReconcileAtOf,
  sourceUrlOf,
} from '../model/fluxSpec';
import { compareWorstFirst, healthOf, HealthSummary, isSuspended } from '../model/health';
import { parseKustomizationHistory } from '../model/history';
import { sourceRefOf } from '../model/join';
import { parseDuration, parseTime } from '../model/json';
import { commitLiveness, Liveness } from '../model/liveness';
import { ObjectRef, Resource } from '../model/resource';
import { parseRevision, Revision, sameRevision } from '../model/revision';
import { Diagnosis, DiagnosisReport } from '../rules';

/** What a Kustomization row or header shows, decided once (views only lay it out). */
export interface KustomizationFacts {
  resource: Resource;
  health: HealthSummary;
  suspended: boolean;
  applied: Revision;
  attempted: Revision;
  appliedUrl?: string;
  attemptedUrl?: string;
  /** The newest commit tried is not the last one that passed (`commitLiveness` says which runs). */
  attemptedDiffers: boolean;
  /** Which commit's objects run: the one answer to "is this commit live?". */
  liveness: Liveness;
  source?: ObjectRef;
  sourceResource?: Resource;
  lastHandledReconcileAt?: string;
  /** Estimated next scheduled reconciliation (last reconciled + interval), when the history tells. */
  nextReconcile?: string;
  topDiagnosis?: Diagnosis;
}

export function kustomizationFacts(
  index: ClusterIndex,
  report: DiagnosisReport,
  resource: Resource,
  links?: CommitLinkSettings
): KustomizationFacts {
  const source = sourceRefOf(resource);
  const sourceResource = source ? index.get(source) : undefined;
  const status = resource.raw.status;
  const applied = parseRevision(lastAppliedRevisionOf(resource.raw), source?.kind);
  const attempted = parseRevision(lastAttemptedRevisionOf(resource.raw), source?.kind);
  const url = sourceUrlOf(sourceResource?.raw);
  const history = parseKustomizationHistory(status, source?.kind);
  const interval = parseDuration(intervalOf(resource.raw));
  const last = parseTime(history[0]?.lastReconciled);
  return {
    resource,
    health: healthOf(index, resource),
    suspended: isSuspended(resource),
    applied,
    attempted,
    appliedUrl:
      source?.kind === 'GitRepository' ? commitLink(url, applied.commit, links) : undefined,
    attemptedUrl:
      source?.kind === 'GitRepository' ? commitLink(url, attempted.commit, links) : undefined,
    attemptedDiffers: !!attempted.raw && !!applied.raw && !sameRevision(applied.raw, attempted.raw),
    liveness: commitLiveness(resource, source?.kind),
    source,
    sourceResource,
    lastHandledReconcileAt: lastHandledReconcileAtOf(resource.raw),
    nextReconcile:
      last !== undefined && interval !== undefined && !isSuspended(resource)
        ? new Date(last + interval).toISOString()
        : undefined,
    topDiagnosis: report.forObject(resource)[0],
  };
}

/** Failed first, then by cluster, namespace and name. */
export function compareFacts(a: KustomizationFacts, b: KustomizationFacts): number {
  return compareWorstFirst(a.health.health, a.resource, b.health.health, b.resource);
}

export function readyMessage(resource: Resource): string {
  return findCondition(resource, 'Ready')?.message ?? '';
}
