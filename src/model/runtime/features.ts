import { ClusterIndex } from '../clusterIndex';
import { crossplaneFeatures } from '../crossplaneFeatures';
import { statusHistory } from '../fluxSpec';
import { versionAtLeast } from './image';
import { fluxController } from './reconcilers';
import { runtimeOf } from './runtimeOf';

/** Version-gated features: what the controllers of one cluster can do. */

export type FeatureSupport = 'yes' | 'no' | 'unknown';

export interface RuntimeFeatures {
  fluxVersion?: string;
  crossplaneVersion?: string;
  kustomizeControllerVersion?: string;
  /**
   * Crossplane honours `crossplane.io/reconcile-requested-at` (≥ 2.3): `yes`
   * from the running version or from objects that report
   * `status.lastHandledReconcileAt`, `no` when the running version is older,
   * `unknown` when neither can be read.
   */
  crossplaneReconcileRequest: FeatureSupport;
  /** kustomize-controller records `status.history` on Kustomizations (≥ 1.5). */
  kustomizationHistory: FeatureSupport;
  /** Why, in words for a tooltip or a test. */
  evidence: string[];
}

export const CROSSPLANE_RECONCILE_REQUEST_SINCE = 'v2.3.0';
export const KUSTOMIZATION_HISTORY_SINCE = 'v1.5.0';

/**
 * What the controllers of one cluster can do, from their versions (image
 * tags, version labels) and from what their objects already show. Pure; call
 * it before offering a version-gated action or reading a version-gated field.
 */
export function runtimeFeatures(
  index: ClusterIndex,
  cluster: string,
  crds?: readonly unknown[]
): RuntimeFeatures {
  const runtime = runtimeOf(index, cluster, crds);
  const evidence: string[] = [];
  const features: RuntimeFeatures = {
    crossplaneReconcileRequest: 'unknown',
    kustomizationHistory: 'unknown',
    evidence,
  };
  if (runtime.fluxVersion) features.fluxVersion = runtime.fluxVersion;
  if (runtime.crossplaneVersion) features.crossplaneVersion = runtime.crossplaneVersion;

  const kustomize = fluxController(index, cluster, 'kustomize-controller');
  if (kustomize?.version) features.kustomizeControllerVersion = kustomize.version;
  const historyByVersion = versionAtLeast(kustomize?.version, KUSTOMIZATION_HISTORY_SINCE);
  const historySeen = index
    .withRole('kustomization')
    .some(k => k.cluster === cluster && statusHistory(k.raw).length > 0);
  if (historySeen) {
    features.kustomizationHistory = 'yes';
    evidence.push('Kustomizations report status.history');
  } else if (historyByVersion !== undefined) {
    features.kustomizationHistory = historyByVersion ? 'yes' : 'no';
    evidence.push(
      `kustomize-controller ${kustomize?.version} ${
        historyByVersion ? '≥' : '<'
      } ${KUSTOMIZATION_HISTORY_SINCE}`
    );
  }

  const handled = crossplaneFeatures(index, cluster).reconcileRequests === 'confirmed';
  const requestByVersion = versionAtLeast(
    runtime.crossplaneVersion,
    CROSSPLANE_RECONCILE_REQUEST_SINCE
  );
  if (requestByVersion !== undefined) {
    features.crossplaneReconcileRequest = requestByVersion ? 'yes' : 'no';
    evidence.push(
      `Crossplane ${runtime.crossplaneVersion} ${
        requestByVersion ? '≥' : '<'
      } ${CROSSPLANE_RECONCILE_REQUEST_SINCE}`
    );
  } else if (handled) {
    features.crossplaneReconcileRequest = 'yes';
    evidence.push('objects report status.lastHandledReconcileAt (Crossplane ≥ 2.3)');
  }
  return features;
}
