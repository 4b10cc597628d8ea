import { asArray, asBoolean, field, stringField } from './json';

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

/** `spec.suspend: true` (any Flux object the controllers can suspend). */
export function isSuspendedSpec(raw: unknown): boolean {
  return asBoolean(field(raw, 'spec', 'suspend')) === true;
}

/** `spec.interval`, as written (a Go duration: `10m`, `1h30m`). */
export function intervalOf(raw: unknown): string | undefined {
  return stringField(raw, 'spec', 'interval');
}

/** `spec.timeout`, as written; unset means the controller's default (for a Kustomization: the interval). */
export function timeoutOf(raw: unknown): string | undefined {
  return stringField(raw, 'spec', 'timeout');
}

/** `status.lastAppliedRevision`: the last revision applied and healthy (Kustomization, HelmRelease). */
export function lastAppliedRevisionOf(raw: unknown): string | undefined {
  return stringField(raw, 'status', 'lastAppliedRevision');
}

/** `status.lastAttemptedRevision`: the newest revision tried (a HelmRelease: the chart version). */
export function lastAttemptedRevisionOf(raw: unknown): string | undefined {
  return stringField(raw, 'status', 'lastAttemptedRevision');
}

/** `status.lastAppliedOriginRevision`: the origin (Git) revision of the last applied OCI artifact. */
export function lastAppliedOriginRevisionOf(raw: unknown): string | undefined {
  return stringField(raw, 'status', 'lastAppliedOriginRevision');
}

/** `status.lastHandledReconcileAt`: the last `reconcile.fluxcd.io/requestedAt` token handled. */
export function lastHandledReconcileAtOf(raw: unknown): string | undefined {
  return stringField(raw, 'status', 'lastHandledReconcileAt');
}

/** `status.inventory` of a Kustomization, as written (inventory.ts parses it). */
export function statusInventory(raw: unknown): unknown {
  return field(raw, 'status', 'inventory');
}

/** A source's `status.artifact.revision`: the revision it serves now. */
export function artifactRevisionOf(source: unknown): string | undefined {
  return stringField(source, 'status', 'artifact', 'revision');
}

/** A source's `status.artifact.lastUpdateTime`. */
export function artifactUpdatedAtOf(source: unknown): string | undefined {
  return stringField(source, 'status', 'artifact', 'lastUpdateTime');
}

/** A source's `spec.url`. */
export function sourceUrlOf(source: unknown): string | undefined {
  return stringField(source, 'spec', 'url');
}

/** A source's `spec.secretRef.name` (its credentials). */
export function secretRefNameOf(source: unknown): string | undefined {
  return stringField(source, 'spec', 'secretRef', 'name');
}

/** A HelmRelease's `spec.chartRef` (an OCIRepository or HelmChart it uses directly). */
export function helmChartRefOf(raw: unknown, namespace: string): SourceReference | undefined {
  return sourceReferenceAt(raw, ['spec', 'chartRef'], namespace);
}

/** A HelmRelease's chart name (`spec.chart.spec.chart`), when it uses a chart template. */
export function helmChartNameOf(raw: unknown): string | undefined {
  return stringField(raw, 'spec', 'chart', 'spec', 'chart');
}

/** The HelmChart a HelmRelease's chart template made (`status.helmChart`, `namespace/name`). */
export function helmChartStatusOf(raw: unknown): NamespacedName | undefined {
  const helmChart = stringField(raw, 'status', 'helmChart') ?? '';
  const slash = helmChart.indexOf('/');
  return slash > 0
    ? { namespace: helmChart.slice(0, slash), name: helmChart.slice(slash + 1) }
    : undefined;
}

/** An Alert's `spec.providerRef.name`. */
export function alertProviderNameOf(alert: unknown): string | undefined {
  return stringField(alert, 'spec', 'providerRef', 'name');
}

/** An Alert's `spec.eventSeverity` (notification-controller's default: `info`). */
export function alertSeverityOf(alert: unknown): string {
  return stringField(alert, 'spec', 'eventSeverity') ?? 'info';
}

/** An Alert's `spec.eventSources`, as written. */
export function alertEventSources(alert: unknown): unknown[] {
  return asArray(field(alert, 'spec', 'eventSources'));
}

/** A Kustomization's `spec.path` as written (relative to the source root; unset means `./`). */
export function kustomizationPathOf(raw: unknown): string | undefined {
  return stringField(raw, 'spec', 'path');
}
