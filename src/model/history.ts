import { asArray, asNumber, field, stringField } from './json';
import { parseRevision, Revision } from './revision';

/** One snapshot of `status.history[]` (kustomize-controller ≥ 1.5, helm-controller): a commit's record. */
export interface HistoryEntry {
  digest: string;
  revision: Revision;
  origin: Revision;
  firstReconciled?: string;
  lastReconciled?: string;
  lastReconciledDuration?: string;
  /** `success`, `failure`, or whatever the controller wrote. */
  lastReconciledStatus: string;
  totalReconciliations?: number;
}

export function parseKustomizationHistory(status: unknown, sourceKind?: string): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const item of asArray(field(status, 'history'))) {
    if (typeof item !== 'object' || item === null) continue;
    entries.push({
      digest: stringField(item, 'digest') ?? '',
      revision: parseRevision(stringField(item, 'metadata', 'revision'), sourceKind),
      origin: parseRevision(stringField(item, 'metadata', 'originRevision'), 'GitRepository'),
      firstReconciled: stringField(item, 'firstReconciled'),
      lastReconciled: stringField(item, 'lastReconciled'),
      lastReconciledDuration: stringField(item, 'lastReconciledDuration'),
      lastReconciledStatus: stringField(item, 'lastReconciledStatus') ?? '',
      totalReconciliations: asNumber(field(item, 'totalReconciliations')),
    });
  }
  // Newest first, whatever order the controller kept.
  return entries.sort((a, b) => (b.lastReconciled ?? '').localeCompare(a.lastReconciled ?? ''));
}
