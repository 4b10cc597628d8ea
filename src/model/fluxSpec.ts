import { asArray, field, stringField } from './json';

/**
 * Typed reads of the Flux spec and status fields that more than one place reads, on the
 * objects' plain JSON (a Resource's `raw`, or a manifest the validator renders). Namespaces
 * follow the controllers: an empty or missing namespace is the object's own.
 */

export interface NamespacedName {
  name: string;
  namespace: string;
}

/** One `spec.dependsOn` entry of a Kustomization or HelmRelease. */
export interface DependencyEntry extends NamespacedName {
  /** Its position in `spec.dependsOn` (for locations in a manifest). */
  index: number;
}

/** `spec.dependsOn`, entries without a name left out. */
export function dependsOnOf(raw: unknown, namespace: string): DependencyEntry[] {
  return asArray(field(raw, 'spec', 'dependsOn')).flatMap((item, index) => {
    const name = stringField(item, 'name');
    return name ? [{ name, namespace: stringField(item, 'namespace') || namespace, index }] : [];
  });
}

/** A Kustomization's or HelmRelease's reference to a Flux source. */
export interface SourceReference extends NamespacedName {
  kind: string;
  /** The namespace as written, when one is. */
  writtenNamespace?: string;
}

/** The source reference at `path` (`spec.sourceRef`, `spec.chartRef`…); undefined without kind and name. */
export function sourceReferenceAt(
  raw: unknown,
  path: readonly string[],
  namespace: string
): SourceReference | undefined {
  const ref = field(raw, ...path);
  const kind = stringField(ref, 'kind');
  const name = stringField(ref, 'name');
  if (!kind || !name) return undefined;
  const writtenNamespace = stringField(ref, 'namespace');
  const reference: SourceReference = { kind, name, namespace: writtenNamespace || namespace };
  if (writtenNamespace) reference.writtenNamespace = writtenNamespace;
  return reference;
}

/** A Kustomization's `spec.sourceRef`. */
export function kustomizationSourceRef(
  raw: unknown,
  namespace: string
): SourceReference | undefined {
  return sourceReferenceAt(raw, ['spec', 'sourceRef'], namespace);
}

/** Where a HelmRelease names its chart's source: the chart template's sourceRef, or chartRef. */
export const HELM_CHART_SOURCE_PATHS: ReadonlyArray<readonly string[]> = [
  ['spec', 'chart', 'spec', 'sourceRef'],
  ['spec', 'chartRef'],
];

/** A HelmRelease's chart sources, each with the path it is written at. */
export function helmReleaseSourceRefs(
  raw: unknown,
  namespace: string
): Array<{ path: readonly string[]; ref: SourceReference }> {
  return HELM_CHART_SOURCE_PATHS.flatMap(path => {
    const ref = sourceReferenceAt(raw, path, namespace);
    return ref ? [{ path, ref }] : [];
  });
}

/** `status.history` of a Kustomization (kustomize-controller ≥ 1.5) or HelmRelease, as written. */
export function statusHistory(raw: unknown): unknown[] {
  return asArray(field(raw, 'status', 'history'));
}
