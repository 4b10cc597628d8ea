/**
 * The controllers behind Flux and Crossplane, one file per job: labels (the labels read, and
 * which kinds are read by them only), image (image and version parsing), pods (pod trouble),
 * controller (the shapes), assemble and state (from Deployments and pods to controllers), missing
 * (controllers that should exist and do not), runtimeOf (one cluster's controllers, memoized),
 * reconcilers (who reconciles what) and features (version-gated features). The lists the data
 * layer opens to read them are planned in src/k8s/runtimeLists.ts.
 */
export {
  COMPONENT_LABEL,
  isListedBySelector,
  PART_OF_LABEL,
  REVISION_LABEL,
  VERSION_LABEL,
} from './labels';
export type { ImageRef } from './image';
export { parseImage, parseVersion, versionAtLeast } from './image';
export type { ContainerTrouble, RuntimePod } from './pods';
export { toRuntimePod } from './pods';
export type { ClusterRuntime, Controller, ControllerKind, ControllerState } from './controller';
export { FLUX_COMPONENTS } from './controller';
export type { ControllerEvidence, ControllerProblem } from './problem';
export { fluxVersionFromCrds } from './versions';
export { runtimeOf } from './runtimeOf';
export {
  isInTrouble,
  logsPod,
  packageRuntimeOf,
  reconciledBy,
  reconcilerOf,
  troubledReconcilerOf,
} from './reconcilers';
export type { FeatureSupport, RuntimeFeatures } from './features';
export {
  CROSSPLANE_RECONCILE_REQUEST_SINCE,
  KUSTOMIZATION_HISTORY_SINCE,
  runtimeFeatures,
} from './features';
