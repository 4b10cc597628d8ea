/**
 * Rendering as kustomize-controller does: renderer (directories and kustomization files),
 * patches (kustomize's patch transformer), transforms (namespace, names, labels, annotations)
 * and types (what a render returns).
 */
export type { BuildProblem } from './patches';
export { PatchReader } from './patches';
export { buildFailure, kustomizationFileProblems } from './problems';
export { Renderer } from './renderer';
export {
  expandLists,
  refusalFinding,
  renameAll,
  renamedReferrers,
  setMetadata,
  setNamespace,
} from './transforms';
export type { RenderedObject, RenderResult, Refusal, ScopeLookup } from './types';
export { fileKey, isKubernetesObject, KUSTOMIZATION_FILES } from './types';
