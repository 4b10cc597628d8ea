import { ClusterIndex } from './clusterIndex';
import { hasCrossplaneSpec } from './crossplaneSpec';
import { lastHandledReconcileAtOf } from './fluxSpec';
import { XP_APIEXTENSIONS_GROUP } from './kinds';

/**
 * What the Crossplane of one cluster can do, decided from what the cluster
 * shows (the Crossplane Deployment and its image tag are not read):
 *
 * - `v2`: Crossplane 2.x is running. Evidence: ManagedResourceDefinitions
 *   (`apiextensions.crossplane.io/v1alpha1`, created by every v2 provider
 *   install), XRDs served at `apiextensions.crossplane.io/v2` (lists are read
 *   at the newest served version, so the objects carry it), XRs with the v2
 *   `spec.crossplane` layout, or namespaced managed resources (`*.m.*` groups).
 * - `reconcileRequests`: whether `crossplane.io/reconcile-requested-at` is
 *   honoured (Crossplane ≥ 2.3). `confirmed` when an XR, claim or MR already
 *   reports `status.lastHandledReconcileAt` (only ≥ 2.3 writes it); `assumed`
 *   on any other v2 cluster: 2.0–2.2 cannot be told apart from 2.3 through
 *   the API, and there the annotation is ignored without harm (the action
 *   then reports that the request was not handled); `unsupported` on
 *   Crossplane 1.x or when nothing of Crossplane is visible.
 */
export interface CrossplaneFeatures {
  v2: boolean;
  reconcileRequests: 'confirmed' | 'assumed' | 'unsupported';
  /** Why: ids the view says in words (src/views/crossplane/CrossplaneActions.tsx); they read as English. */
  evidence: CrossplaneFeatureEvidence[];
}

/** What showed a cluster's Crossplane version. */
export type CrossplaneFeatureEvidence =
  | 'ManagedResourceDefinitions exist'
  | 'XRDs are served at apiextensions.crossplane.io/v2'
  | 'composite resources use the v2 spec.crossplane layout'
  | 'namespaced managed resources exist'
  | 'objects report status.lastHandledReconcileAt (Crossplane ≥ 2.3)';

export function crossplaneFeatures(index: ClusterIndex, cluster: string): CrossplaneFeatures {
  const evidence: CrossplaneFeatureEvidence[] = [];
  if (index.list(cluster, XP_APIEXTENSIONS_GROUP, 'ManagedResourceDefinition').length)
    evidence.push('ManagedResourceDefinitions exist');
  if (
    index
      .list(cluster, XP_APIEXTENSIONS_GROUP, 'CompositeResourceDefinition')
      .some(xrd => xrd.version === 'v2')
  )
    evidence.push('XRDs are served at apiextensions.crossplane.io/v2');
  let handled = false;
  let modernXr = false;
  let namespacedMr = false;
  for (const role of ['composite', 'claim', 'managed'] as const) {
    for (const resource of index.withRole(role)) {
      if (resource.cluster !== cluster) continue;
      if (lastHandledReconcileAtOf(resource.raw) !== undefined) handled = true;
      if (role === 'composite' && hasCrossplaneSpec(resource.raw)) modernXr = true;
      if (role === 'managed' && resource.namespace && /(^|\.)m\./.test(resource.group))
        namespacedMr = true;
    }
  }
  if (modernXr) evidence.push('composite resources use the v2 spec.crossplane layout');
  if (namespacedMr) evidence.push('namespaced managed resources exist');
  if (handled) evidence.push('objects report status.lastHandledReconcileAt (Crossplane ≥ 2.3)');
  const v2 = evidence.length > 0;
  return {
    v2,
    reconcileRequests: handled ? 'confirmed' : v2 ? 'assumed' : 'unsupported',
    evidence,
  };
}
