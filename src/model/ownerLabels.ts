/**
 * The labels owners put on what they create, used to list only those objects:
 * kustomize-controller labels every object it applies with the Kustomization's
 * name and namespace, Crossplane every composed resource with its XR's name.
 */
export const FLUX_APPLIED_SELECTOR = 'kustomize.toolkit.fluxcd.io/name';
export const COMPOSED_SELECTOR = 'crossplane.io/composite';
