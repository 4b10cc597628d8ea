import { kustomizationPathOf, kustomizationSourceRef } from '../model/fluxSpec';
import { asObject, asString, field, JsonObject } from '../model/json';
import { FLUX_KUSTOMIZE_GROUP } from '../model/kinds';
import { splitApiVersion } from '../model/resource';
import { RULES } from '../rules/catalogue';
import {
  adoptEngineObjects,
  BUILTIN_RENDERER,
  dropClusterScopedNamespace,
  RenderEngine,
} from './engine';
import { dirName, FileCache, joinPath, locationOf, ManifestDoc, Source } from './files';
import { doc, DOCS, finding, objectSubject, ValidateFinding } from './findings';
import {
  expandLists,
  fileKey,
  isKubernetesObject,
  Refusal,
  RenderedObject,
  Renderer,
  ScopeLookup,
} from './kustomize';
import { fluxTransforms, ownerLabels } from './unitTransforms';

/**
 * The clusters a tree describes and, in each, the units Flux applies: a unit
 * is one Flux Kustomization and the objects it applies (rendered from a local
 * source), or the directory `flux bootstrap --path` points at. Clusters are
 * found the way Flux is set up: each directory holding Flux Kustomizations
 * that no other Kustomization applies is a cluster entry (`clusters/staging`),
 * as is a bootstrap Kustomization that applies its own directory.
 */

export const BOOTSTRAP_SOURCE = 'GitRepository/flux-system/flux-system';

export interface Unit {
  /** `Kustomization/NS/NAME`, or `bootstrap:DIR` for a cluster entry directory. */
  id: string;
  cluster: string;
  /** The Flux Kustomization (as rendered where it is defined); absent for an entry directory. */
  kustomization?: RenderedObject;
  /** The local source and path of its manifests; absent when the source is not local. */
  source?: Source;
  path?: string;
  /** The path exists in the local source. */
  exists: boolean;
  objects: RenderedObject[];
  /** Files (fileKey) it renders. */
  files: Set<string>;
  /** What rendered it: the built-in renderer or a real engine (`flux build kustomization`). */
  renderer: string;
  /** Why the built-in render is not exactly kustomize's (only when the built-in renderer rendered it). */
  refusals: Refusal[];
  /** The real engine's build failure, when it failed. */
  engineError?: string;
}

export interface Cluster {
  name: string;
  units: Map<string, Unit>;
}

export interface NonLocalUse {
  sourceKey: string;
  kustomization: RenderedObject;
  cluster: string;
}

export function isFluxKustomization(value: unknown): boolean {
  const apiVersion = asString(field(value, 'apiVersion'));
  return (
    asString(field(value, 'kind')) === 'Kustomization' &&
    splitApiVersion(apiVersion).group === FLUX_KUSTOMIZE_GROUP
  );
}

export function unitIdOf(value: unknown): string {
  return `Kustomization/${asString(field(value, 'metadata', 'namespace')) ?? ''}/${
    asString(field(value, 'metadata', 'name')) ?? ''
  }`;
}

/** `KIND/NS/NAME` of a Kustomization's source (its namespace by default). */
export function sourceKeyOf(kustomization: unknown): string | undefined {
  const source = kustomizationSourceRef(
    kustomization,
    asString(field(kustomization, 'metadata', 'namespace')) ?? ''
  );
  return source ? `${source.kind}/${source.namespace}/${source.name}` : undefined;
}

/** Normalized `spec.path` (relative to the source root); undefined when it leaves the root. */
export function pathOf(kustomization: unknown): string | undefined {
  return joinPath(kustomizationPathOf(kustomization) ?? '');
}

export interface DiscoverInput {
  root: Source;
  sources: Map<string, Source>;
  files: FileCache;
  renderer: Renderer;
  isClusterScoped: ScopeLookup;
  /** Every parsed document of every source. */
  docs: ManifestDoc[];
  /** The real engine, when one renders the units (absent: the built-in renderer). */
  engine?: RenderEngine;
}

export interface Discovery {
  clusters: Cluster[];
  nonLocal: NonLocalUse[];
  findings: ValidateFinding[];
  /** Files (fileKey) some unit renders. */
  covered: Set<string>;
}

function localSource(input: DiscoverInput, sourceKey: string | undefined): Source | undefined {
  if (!sourceKey) return undefined;
  return input.sources.get(sourceKey);
}

/** The Kustomization `flux bootstrap --path DIR` creates: what applies a cluster entry directory. */
export function impliedBootstrap(path: string): JsonObject {
  return {
    apiVersion: `${FLUX_KUSTOMIZE_GROUP}/v1`,
    kind: 'Kustomization',
    metadata: { name: 'flux-system', namespace: 'flux-system' },
    spec: {
      interval: '10m0s',
      path: `./${path}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    },
  };
}

function renderUnit(input: DiscoverInput, unit: Unit, findings: ValidateFinding[]): void {
  if (!unit.source || unit.path === undefined) return;
  const rendered = input.renderer.render(unit.source, unit.path);
  unit.exists = rendered.exists;
  unit.objects = rendered.objects;
  unit.files = rendered.files;
  unit.refusals = [...rendered.refusals];
  const builtinObjects = (sink: ValidateFinding[]): void => {
    if (unit.kustomization) fluxTransforms(input, unit, unit.kustomization, sink);
    const owner = unit.kustomization?.value;
    ownerLabels(
      unit.objects,
      owner ? asString(field(owner, 'metadata', 'namespace')) ?? '' : 'flux-system',
      owner ? asString(field(owner, 'metadata', 'name')) ?? '' : 'flux-system'
    );
  };
  builtinObjects(findings);
  const engine = input.engine;
  // Never on a remote base: the engine would fetch it.
  if (!engine || !rendered.exists || rendered.remote.length) return;
  if (
    !engine.generatesKustomization &&
    !input.renderer.hasKustomizationFile(unit.source, unit.path)
  )
    return;
  const kustomization = unit.kustomization?.value ?? impliedBootstrap(unit.path);
  const result = engine.render({ sourceKey: unit.source.key, path: unit.path, kustomization });
  if ('error' in result) {
    unit.engineError = result.error;
    const origin = unit.kustomization?.origin ?? unit.objects[0]?.origin;
    findings.push(
      finding({
        rule: RULES.FLUX_INVALID_MANIFESTS,
        subject: unit.kustomization
          ? objectSubject(unit.kustomization.value, unit.cluster)
          : { apiVersion: '', kind: 'File', name: unit.source.tree.display(unit.path) || '.' },
        title: `${engine.name} of ${unit.source.tree.display(unit.path) || '.'} fails`,
        explanation: `Flux would report BuildFailed for ${
          unit.kustomization ? 'this Kustomization' : 'the bootstrap Kustomization'
        }, and none of its objects would be applied. The message is the engine's own.`,
        location: origin ? locationOf(origin) : undefined,
        evidence: result.error
          .split('\n')
          .filter(line => line.trim() !== '')
          .slice(0, 5),
        actions: [doc('kustomization.yaml reference', DOCS.kustomize)],
      })
    );
    return;
  }
  const fallback =
    unit.kustomization?.origin ??
    unit.objects[0]?.origin ??
    input.renderer.kustomizationDoc(unit.source, unit.path);
  if (!fallback) return; // nothing to point file:line at: the built-in render stands, with its refusals
  const builtin = unit.objects;
  unit.objects = adoptEngineObjects(
    result.objects.map(value => dropClusterScopedNamespace(value, input.isClusterScoped)),
    builtin,
    fallback
  );
  unit.renderer = engine.name;
  unit.refusals = [];
  if (!engine.appliesFluxSpec) {
    // The Kustomization's own spec, by the built-in renderer (its findings are reported already).
    builtinObjects([]);
    unit.renderer = `${engine.name} + built-in Flux spec`;
  }
}

/** Every unit of one cluster, from its entry, following Kustomizations whose source is local. */
function expandCluster(
  input: DiscoverInput,
  cluster: Cluster,
  entry: Unit,
  nonLocal: NonLocalUse[],
  findings: ValidateFinding[]
): void {
  const queue: Unit[] = [entry];
  cluster.units.set(entry.id, entry);
  while (queue.length) {
    const unit = queue.shift() as Unit;
    renderUnit(input, unit, findings);
    for (const object of unit.objects) {
      if (!isFluxKustomization(object.value)) continue;
      const id = unitIdOf(object.value);
      if (cluster.units.has(id)) continue;
      const sourceKey = sourceKeyOf(object.value);
      const source = localSource(input, sourceKey);
      const path = pathOf(object.value);
      const child: Unit = {
        id,
        cluster: cluster.name,
        kustomization: object,
        exists: false,
        objects: [],
        files: new Set(),
        renderer: BUILTIN_RENDERER,
        refusals: [],
      };
      if (source && path !== undefined) {
        child.source = source;
        child.path = path;
        queue.push(child);
      } else if (source) {
        child.source = source; // spec.path leaves the source: reported as a missing path
      } else if (sourceKey) {
        nonLocal.push({ sourceKey, kustomization: object, cluster: cluster.name });
      }
      cluster.units.set(id, child);
    }
  }
}

/** Finds the clusters and renders every unit Flux would apply in each. */
export function discover(input: DiscoverInput): Discovery {
  const findings: ValidateFinding[] = [];
  const nonLocal: NonLocalUse[] = [];
  const clusters: Cluster[] = [];

  // Kustomizations as written in the files (before kustomize), to find the entries.
  const loose: Array<{ doc: ManifestDoc; value: JsonObject }> = [];
  for (const manifest of input.docs)
    for (const value of expandLists(manifest.value))
      if (isKubernetesObject(value) && isFluxKustomization(value))
        loose.push({ doc: manifest, value });

  const coveredBy = new Map<string, Set<string>>(); // unit-ish id → files
  const covered = new Set<string>();
  // Before kustomize runs, a Kustomization may not have its namespace yet: Flux's own is flux-system.
  for (const item of loose) {
    const metadata = asObject(item.value.metadata);
    if (metadata && !asString(metadata.namespace))
      item.value = { ...item.value, metadata: { ...metadata, namespace: 'flux-system' } };
  }
  for (const item of loose) {
    const source = localSource(input, sourceKeyOf(item.value));
    const path = pathOf(item.value);
    if (!source || path === undefined) continue;
    const rendered = input.renderer.render(source, path);
    coveredBy.set(`${fileKey(item.doc.source, item.doc.path)}#${item.doc.index}`, rendered.files);
    rendered.files.forEach(file => covered.add(file));
  }

  const entries: Array<{ name: string; unit: Unit }> = [];
  // Bootstrap Kustomizations: they apply the directory that holds them.
  for (const item of loose) {
    const files = coveredBy.get(`${fileKey(item.doc.source, item.doc.path)}#${item.doc.index}`);
    if (!files?.has(fileKey(item.doc.source, item.doc.path))) continue;
    const source = localSource(input, sourceKeyOf(item.value)) as Source;
    const path = pathOf(item.value) as string;
    const name = path || '.';
    if (entries.some(entry => entry.name === name)) continue;
    entries.push({
      name,
      unit: {
        id: unitIdOf(item.value),
        cluster: name,
        kustomization: { value: item.value, origin: item.doc },
        source,
        path,
        exists: true,
        objects: [],
        files: new Set(),
        renderer: BUILTIN_RENDERER,
        refusals: [],
      },
    });
  }
  // Directories of the root whose Kustomizations nothing applies: what `flux bootstrap --path` points at.
  const entryDirs = [
    ...new Set(
      loose
        .filter(
          item =>
            item.doc.source === input.root && !covered.has(fileKey(item.doc.source, item.doc.path))
        )
        .map(item => dirName(item.doc.path))
    ),
  ].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const dir of entryDirs) {
    const files = [...loose]
      .filter(item => item.doc.source === input.root && dirName(item.doc.path) === dir)
      .map(item => fileKey(item.doc.source, item.doc.path));
    if (files.every(file => covered.has(file))) continue;
    const rendered = input.renderer.render(input.root, dir);
    rendered.files.forEach(file => covered.add(file));
    const name = dir || '.';
    if (entries.some(entry => entry.name === name)) continue;
    entries.push({
      name,
      unit: {
        id: `bootstrap:${name}`,
        cluster: name,
        source: input.root,
        path: dir,
        exists: true,
        objects: [],
        files: new Set(),
        renderer: BUILTIN_RENDERER,
        refusals: [],
      },
    });
  }

  for (const entry of entries) {
    const cluster: Cluster = { name: entry.name, units: new Map() };
    expandCluster(input, cluster, entry.unit, nonLocal, findings);
    // A bootstrap Kustomization applies itself: use its rendered form.
    const self = entry.unit.kustomization
      ? entry.unit.objects.find(
          object => unitIdOf(object.value) === entry.unit.id && isFluxKustomization(object.value)
        )
      : undefined;
    if (self) entry.unit.kustomization = self;
    for (const unit of cluster.units.values()) unit.files.forEach(file => covered.add(file));
    clusters.push(cluster);
  }
  return { clusters, nonLocal, findings, covered };
}
