import { builtinKind } from '../model/builtinKinds';
import { ClusterIndex } from '../model/clusterIndex';
import { composedRefs } from '../model/crossplane';
import {
  definedKinds,
  desiredStateOf,
  installedObjectRefs,
  writtenScopeOf,
  xrdVersionsOf,
} from '../model/crossplaneSpec';
import { asArray, field, stringField } from '../model/json';
import {
  CROSSPLANE_KINDS,
  FLUX_KINDS,
  isProviderConfigKind,
  KindInfo,
  kindInfo,
  KUSTOMIZATION_KIND,
} from '../model/kinds';
import { COMPOSED_SELECTOR, FLUX_APPLIED_SELECTOR } from '../model/ownerLabels';

/**
 * A kind to list, with everything a client needs to build the request.
 * Fixed kinds come from the kinds table; the rest are read because they are
 * in use (issue 13), not because a CRD exists: XR and claim kinds of XRDs,
 * ProviderConfig kinds, and the kinds inventories and XRs' resource references
 * name. Kinds Crossplane's trees need are listed whole; other kinds (a
 * ConfigMap, a Deployment) only by the label their owner puts on what it
 * applied, so a list returns what the plugin shows, not the whole kind.
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
  origin: 'fixed' | 'xrd' | 'crd' | 'provider-revision' | 'inventory' | 'composed' | 'on-demand';
  /**
   * Only objects with this label (a Kubernetes label selector): Flux's
   * (`FLUX_APPLIED_SELECTOR`) for kinds inventories name, Crossplane's
   * (`COMPOSED_SELECTOR`) for kinds XRs compose. Unset: the whole kind.
   */
  labelSelector?: string;
}

/** What readers ask for beyond the kinds in use (the managed-resources page: every managed kind). */
export interface KindDemand {
  allManaged: boolean;
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

export function listedKindKey(
  kind: Pick<ListedKind, 'group' | 'plural' | 'labelSelector'>
): string {
  return `${kind.group}/${kind.plural}${kind.labelSelector ? `?${kind.labelSelector}` : ''}`;
}

/** XR and claim kinds defined by the XRDs in the index (per cluster). */
function kindsFromXrds(index: ClusterIndex, cluster: string): ListedKind[] {
  const result: ListedKind[] = [];
  for (const xrd of index.list(
    cluster,
    'apiextensions.crossplane.io',
    'CompositeResourceDefinition'
  )) {
    const { group, kind, plural, claimKind, claimPlural } = definedKinds(xrd.raw);
    if (!group) continue;
    const versions = xrdVersionsOf(xrd.raw)
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
      writtenScopeOf(xrd.raw) ?? (xrd.version === 'v1' ? 'LegacyCluster' : 'Namespaced');
    if (kind && plural)
      result.push({
        group,
        kind,
        plural,
        versions,
        namespaced: scope === 'Namespaced',
        origin: 'xrd',
      });
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

/** A CRD's kind, and whether Crossplane's trees need the whole kind (managed, composite, claim). */
interface CrdKind extends ListedKind {
  categories: string[];
}

/**
 * Every kind the cluster's CustomResourceDefinitions define, by `group/kind`,
 * with its plural, scope and served versions (storage version first).
 */
export function crdCatalogue(crds: readonly unknown[]): Map<string, CrdKind> {
  const catalogue = new Map<string, CrdKind>();
  for (const crd of crds) {
    const group = stringField(crd, 'spec', 'group');
    const kind = stringField(crd, 'spec', 'names', 'kind');
    const plural = stringField(crd, 'spec', 'names', 'plural');
    if (!group || !kind || !plural) continue;
    const categories = asArray(field(crd, 'spec', 'names', 'categories')).filter(
      (c): c is string => typeof c === 'string'
    );
    const versions = asArray(field(crd, 'spec', 'versions'))
      .filter(version => field(version, 'served') !== false)
      .sort((a, b) => Number(field(b, 'storage') === true) - Number(field(a, 'storage') === true))
      .flatMap(version => {
        const name = stringField(version, 'name');
        return name ? [name] : [];
      });
    catalogue.set(`${group}/${kind}`, {
      group,
      kind,
      plural,
      versions,
      namespaced: stringField(crd, 'spec', 'scope') === 'Namespaced',
      origin: 'crd',
      categories,
    });
  }
  return catalogue;
}

function isCrossplaneTreeKind(kind: CrdKind): boolean {
  return (
    kind.categories.includes('managed') ||
    kind.categories.includes('composite') ||
    kind.categories.includes('claim')
  );
}

function withoutCategories(crd: CrdKind): ListedKind {
  const { group, kind, plural, versions, namespaced, origin } = crd;
  return { group, kind, plural, versions, namespaced, origin };
}

/**
 * Managed-resource, composite, claim and ProviderConfig kinds from
 * CustomResourceDefinitions (what the managed-resources page lists on demand,
 * and the ProviderConfig kinds of each provider); other CRDs are skipped.
 */
export function kindsFromCrds(crds: readonly unknown[]): ListedKind[] {
  return [...crdCatalogue(crds).values()]
    .filter(kind => isCrossplaneTreeKind(kind) || isProviderConfigKind(kind.kind))
    .map(withoutCategories);
}

/** Managed kinds named by ProviderRevisions' `status.objectRefs` (CRD names `plural.group`). */
function kindsFromProviderRevisions(index: ClusterIndex, cluster: string): ListedKind[] {
  const result: ListedKind[] = [];
  for (const revision of index.list(cluster, 'pkg.crossplane.io', 'ProviderRevision')) {
    if (desiredStateOf(revision.raw) === 'Inactive') continue;
    for (const { kind, name } of installedObjectRefs(revision.raw)) {
      if (kind !== 'CustomResourceDefinition') continue;
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

const PROVIDER_CONFIG_PLURALS: ReadonlyMap<string, string> = new Map([
  ['providerconfigs', 'ProviderConfig'],
  ['clusterproviderconfigs', 'ClusterProviderConfig'],
]);

/**
 * The plurals a CRD of this kind may have (Kubernetes' own lower-case English
 * plural rules, as kubebuilder generates them): only ever compared with the
 * names of CRDs a provider revision says it installed, never used as a guess.
 */
function pluralsOf(kind: string): string[] {
  const lower = kind.toLowerCase();
  const plurals = [`${lower}s`, `${lower}es`];
  if (/[^aeiou]y$/.test(lower)) plurals.push(`${lower.slice(0, -1)}ies`);
  return plurals;
}

/** Kinds named by inventories (`inventory`) and by XRs' resource references (`composed`). */
function referencedKinds(
  index: ClusterIndex,
  cluster: string
): Map<string, { group: string; kind: string; via: 'inventory' | 'composed' }> {
  const named = new Map<string, { group: string; kind: string; via: 'inventory' | 'composed' }>();
  const note = (group: string, kind: string, via: 'inventory' | 'composed') => {
    const key = `${group}/${kind}|${via}`;
    if (!named.has(key)) named.set(key, { group, kind, via });
  };
  for (const kustomization of index.list(cluster, KUSTOMIZATION_KIND.group, 'Kustomization')) {
    for (const entry of index.inventory(kustomization).entries)
      note(entry.group, entry.kind, 'inventory');
  }
  for (const xr of index.withRole('composite')) {
    if (xr.cluster !== cluster) continue;
    for (const { ref } of composedRefs(index, xr)) note(ref.group, ref.kind, 'composed');
  }
  return named;
}

/**
 * Every kind to list in one cluster beyond the fixed ones, because it is in
 * use: XR and claim kinds of the XRDs, ProviderConfig kinds, the kinds
 * inventories and XRs name, and, while a reader asks (`demand.allManaged`),
 * every managed kind. Deduplicated by group, plural and selector (CRD facts
 * win, then XRDs, then provider revisions), in a stable order.
 */
export function kindsInUse(
  index: ClusterIndex,
  cluster: string,
  crds: readonly unknown[] | undefined,
  demand: KindDemand = { allManaged: false }
): ListedKind[] {
  const byKey = new Map<string, ListedKind>();
  const fixed = new Set(FIXED_KINDS.map(listedKindKey));
  const add = (kind: ListedKind) => {
    const key = listedKindKey(kind);
    if (!fixed.has(key) && !byKey.has(key)) byKey.set(key, kind);
  };
  const catalogue = crdCatalogue(crds ?? []);
  const xrdKinds = kindsFromXrds(index, cluster);
  for (const kind of catalogue.values())
    if (isProviderConfigKind(kind.kind) || (demand.allManaged && isCrossplaneTreeKind(kind)))
      add(withoutCategories(kind));
  for (const kind of xrdKinds) add(kind);
  if (demand.allManaged) for (const kind of kindsFromProviderRevisions(index, cluster)) add(kind);
  // Without a readable CRD list (RBAC), the provider revisions still name every CRD they
  // installed (`plural.group`): ProviderConfig kinds always, other kinds when a reference names them.
  const fromRevisions = catalogue.size ? [] : kindsFromProviderRevisions(index, cluster);
  for (const kind of fromRevisions) {
    const configKind = PROVIDER_CONFIG_PLURALS.get(kind.plural);
    if (configKind)
      add({
        ...kind,
        kind: configKind,
        namespaced: configKind === 'ProviderConfig' && kind.namespaced,
      });
  }
  const definedByXrds = new Set(xrdKinds.map(kind => `${kind.group}/${kind.kind}`));
  for (const { group, kind, via } of referencedKinds(index, cluster).values()) {
    if (kindInfo(group, kind) || definedByXrds.has(`${group}/${kind}`)) continue;
    const crd = catalogue.get(`${group}/${kind}`);
    // Crossplane's trees need every object of an XR, claim or managed kind: listed whole.
    if (crd && (isCrossplaneTreeKind(crd) || index.providerRevisionForGroup(cluster, group))) {
      add({ ...withoutCategories(crd), origin: via });
      continue;
    }
    const installed = fromRevisions.find(
      candidate => candidate.group === group && pluralsOf(kind).includes(candidate.plural)
    );
    if (installed) {
      add({ ...installed, kind, origin: via });
      continue;
    }
    const labelSelector = via === 'inventory' ? FLUX_APPLIED_SELECTOR : COMPOSED_SELECTOR;
    if (crd) {
      add({ ...withoutCategories(crd), origin: via, labelSelector });
      continue;
    }
    const builtin = builtinKind(group, kind);
    if (builtin)
      add({
        group,
        kind,
        plural: builtin.plural,
        versions: [builtin.version],
        namespaced: builtin.namespaced,
        origin: via,
        labelSelector,
      });
    // Any other kind (no CRD readable, not one of Kubernetes' own we know): not read.
  }
  return [...byKey.values()].sort((a, b) => listedKindKey(a).localeCompare(listedKindKey(b)));
}
