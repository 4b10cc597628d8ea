import { ClusterIndex } from './clusterIndex';
import { asArray, field, stringField } from './json';
import { CROSSPLANE_KINDS, FLUX_KINDS, KindInfo } from './kinds';

/**
 * A kind to list, with everything a client needs to build the request.
 * Fixed kinds come from the kinds table; XR, claim, managed-resource and
 * ProviderConfig kinds are found at run time (XRDs, CRDs, provider revisions).
 */
export interface ListedKind {
  group: string;
  /** Unknown for kinds found only by CRD name; the listed objects carry it. */
  kind: string;
  plural: string;
  /** Versions to try, newest first; the first served one is used. */
  versions: string[];
  namespaced: boolean;
  /** Why it is listed (for notes and debugging). */
  origin: 'fixed' | 'xrd' | 'crd' | 'provider-revision';
}

export const FIXED_KINDS: ListedKind[] = [...FLUX_KINDS, ...CROSSPLANE_KINDS].map(
  (info: KindInfo) => ({
    group: info.group,
    kind: info.kind,
    plural: info.plural,
    versions: info.versions,
    namespaced: info.namespaced,
    origin: 'fixed',
  })
);

export function listedKindKey(kind: Pick<ListedKind, 'group' | 'plural'>): string {
  return `${kind.group}/${kind.plural}`;
}

/** XR and claim kinds defined by the XRDs in the index (per cluster). */
function kindsFromXrds(index: ClusterIndex, cluster: string): ListedKind[] {
  const result: ListedKind[] = [];
  for (const xrd of index.list(
    cluster,
    'apiextensions.crossplane.io',
    'CompositeResourceDefinition'
  )) {
    const group = stringField(xrd.raw, 'spec', 'group');
    if (!group) continue;
    const versions = asArray(field(xrd.raw, 'spec', 'versions'))
      .filter(version => field(version, 'served') !== false)
      .sort(
        (a, b) =>
          Number(field(b, 'referenceable') === true) - Number(field(a, 'referenceable') === true)
      )
      .flatMap(version => {
        const name = stringField(version, 'name');
        return name ? [name] : [];
      });
    const scope =
      stringField(xrd.raw, 'spec', 'scope') ??
      (xrd.version === 'v1' ? 'LegacyCluster' : 'Namespaced');
    const kind = stringField(xrd.raw, 'spec', 'names', 'kind');
    const plural = stringField(xrd.raw, 'spec', 'names', 'plural');
    if (kind && plural)
      result.push({
        group,
        kind,
        plural,
        versions,
        namespaced: scope === 'Namespaced',
        origin: 'xrd',
      });
    const claimKind = stringField(xrd.raw, 'spec', 'claimNames', 'kind');
    const claimPlural = stringField(xrd.raw, 'spec', 'claimNames', 'plural');
    if (claimKind && claimPlural)
      result.push({
        group,
        kind: claimKind,
        plural: claimPlural,
        versions,
        namespaced: true,
        origin: 'xrd',
      });
  }
  return result;
}

/**
 * Managed-resource and ProviderConfig kinds from CustomResourceDefinitions:
 * categories `managed` (MRs), `composite`/`claim` (XRs and claims), and the
 * ProviderConfig kinds of each provider.
 */
export function kindsFromCrds(crds: readonly unknown[]): ListedKind[] {
  const result: ListedKind[] = [];
  for (const crd of crds) {
    const group = stringField(crd, 'spec', 'group');
    const kind = stringField(crd, 'spec', 'names', 'kind');
    const plural = stringField(crd, 'spec', 'names', 'plural');
    if (!group || !kind || !plural) continue;
    const categories = asArray(field(crd, 'spec', 'names', 'categories')).filter(
      (c): c is string => typeof c === 'string'
    );
    const interesting =
      categories.includes('managed') ||
      categories.includes('composite') ||
      categories.includes('claim') ||
      kind === 'ProviderConfig' ||
      kind === 'ClusterProviderConfig';
    if (!interesting) continue;
    const versions = asArray(field(crd, 'spec', 'versions'))
      .filter(version => field(version, 'served') !== false)
      .sort((a, b) => Number(field(b, 'storage') === true) - Number(field(a, 'storage') === true))
      .flatMap(version => {
        const name = stringField(version, 'name');
        return name ? [name] : [];
      });
    result.push({
      group,
      kind,
      plural,
      versions,
      namespaced: stringField(crd, 'spec', 'scope') === 'Namespaced',
      origin: 'crd',
    });
  }
  return result;
}

/** Managed kinds named by ProviderRevisions' `status.objectRefs` (CRD names `plural.group`). */
function kindsFromProviderRevisions(index: ClusterIndex, cluster: string): ListedKind[] {
  const result: ListedKind[] = [];
  for (const revision of index.list(cluster, 'pkg.crossplane.io', 'ProviderRevision')) {
    if (stringField(revision.raw, 'spec', 'desiredState') === 'Inactive') continue;
    for (const objectRef of asArray(field(revision.raw, 'status', 'objectRefs'))) {
      if (stringField(objectRef, 'kind') !== 'CustomResourceDefinition') continue;
      const name = stringField(objectRef, 'name') ?? '';
      const dot = name.indexOf('.');
      if (dot <= 0) continue;
      result.push({
        group: name.slice(dot + 1),
        kind: '',
        plural: name.slice(0, dot),
        versions: [],
        // Namespaced MRs live in `.m.` groups (Crossplane v2); the rest are cluster-scoped.
        namespaced: /(^|\.)m\./.test(name.slice(dot + 1)),
        origin: 'provider-revision',
      });
    }
  }
  return result;
}

/**
 * Every kind to list in one cluster beyond the fixed ones, deduplicated by
 * group and plural (CRD facts win, then XRDs, then provider revisions).
 */
export function dynamicKinds(
  index: ClusterIndex,
  cluster: string,
  crds: readonly unknown[] | undefined
): ListedKind[] {
  const byKey = new Map<string, ListedKind>();
  const fixed = new Set(FIXED_KINDS.map(listedKindKey));
  for (const kind of [
    ...kindsFromCrds(crds ?? []),
    ...kindsFromXrds(index, cluster),
    ...kindsFromProviderRevisions(index, cluster),
  ]) {
    const key = listedKindKey(kind);
    if (fixed.has(key) || byKey.has(key)) continue;
    byKey.set(key, kind);
  }
  return [...byKey.values()].sort((a, b) => listedKindKey(a).localeCompare(listedKindKey(b)));
}
