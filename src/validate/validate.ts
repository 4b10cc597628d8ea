import { buildIndex } from '../model/clusterIndex';
import { asString, field, JsonObject } from '../model/json';
import { RULES } from '../rules/catalogue';
import { KeyObject, subjectKey } from '../rules/context';
import { Diagnosis } from '../rules/types';
import { ClusterModel, crossReferenceChecks } from './checks';
import { RenderEngine } from './engine';
import { fallbackCluster, isCrd, isXrd } from './fallbackCluster';
import {
  FileCache,
  FileTree,
  formatLocation,
  listYamlFiles,
  locationOf,
  ManifestDoc,
  Source,
} from './files';
import { fileSubject, finding, objectSubject, ValidateFinding } from './findings';
import {
  expandLists,
  fileKey,
  isKubernetesObject,
  refusalFinding,
  RenderedObject,
  Renderer,
} from './kustomize';
import { checkObject, ObjectCheckContext, SchemaGaps, scopeLookup } from './objects';
import { SchemaRegistry } from './schema';
import { BOOTSTRAP_SOURCE, discover } from './units';
import { dedupeFileLevel, finalize, sourceSubject, yamlFinding } from './validateFindings';

/**
 * `validate`: the pull-request check of a GitOps tree. Pure: it reads files
 * through FileTree and returns diagnoses in the catalogue's shape.
 */

export interface ValidateInput {
  /** The repository Flux bootstraps from (the directory given on the command line). */
  root: FileTree;
  /** Other local checkouts, by the Flux source that points at them (`GitRepository/NS/NAME`). */
  sources?: Array<{ key: string; tree: FileTree }>;
  /** CustomResourceDefinitions, each with where it came from (file, cluster). */
  crds?: Array<{ object: unknown; origin: string }>;
  /** Objects that must be covered by an error Alert (default: the catalogue's key objects). */
  keyObjects?: KeyObject[];
  /** The source the root is, when not the bootstrap GitRepository flux-system/flux-system. */
  rootSource?: string;
  /** A real render engine (flux build, kustomize build) the units are rendered with; absent: built-in. */
  engine?: RenderEngine;
}

/** One unit as rendered: which renderer, why the built-in render is not exact, what it applies. */
export interface RenderedUnit {
  cluster: string;
  /** `Kustomization/NS/NAME`, `bootstrap:DIR`, or `dir:DIR` without Flux Kustomizations. */
  id: string;
  renderer: string;
  /** "not rendered exactly" reasons (empty when exact). */
  refusals: string[];
  /** The real engine's build error, when it failed (the built-in render is used then). */
  engineError?: string;
  objects: JsonObject[];
}

export interface ValidateReport {
  diagnoses: Diagnosis[];
  /** The clusters found (entry directories). */
  clusters: string[];
  /** YAML files read. */
  files: number;
  /** Objects rendered, over all clusters. */
  objects: number;
  /**
   * What Flux would apply, per cluster (`''` when the tree has no Flux
   * Kustomizations): for a server-side dry-run against a real API server.
   */
  rendered: Array<{ cluster: string; objects: JsonObject[] }>;
  /** Every unit rendered, with its renderer. */
  units: RenderedUnit[];
}

export function validateTree(input: ValidateInput): ValidateReport {
  const root: Source = { key: input.rootSource ?? BOOTSTRAP_SOURCE, tree: input.root };
  const sources = new Map<string, Source>([[root.key, root]]);
  for (const extra of input.sources ?? [])
    if (!sources.has(extra.key)) sources.set(extra.key, { key: extra.key, tree: extra.tree });
  const files = new FileCache();
  const findings: ValidateFinding[] = [];

  // 1. Every YAML file: syntax.
  const docs: ManifestDoc[] = [];
  let fileCount = 0;
  for (const source of sources.values()) {
    for (const path of listYamlFiles(source.tree)) {
      fileCount++;
      const parsed = files.get(source, path);
      if (!parsed) continue;
      if (parsed.error) findings.push(yamlFinding(source, path, parsed.error));
      docs.push(...parsed.docs);
    }
  }

  // 2. Definitions: CRDs given, then CRDs and XRDs of the tree.
  const schemas = new SchemaRegistry();
  for (const crd of input.crds ?? []) schemas.addCrd(crd.object, crd.origin);
  let sawCrd = (input.crds ?? []).length > 0;
  for (const manifest of docs) {
    for (const value of expandLists(manifest.value)) {
      const location = formatLocation(locationOf(manifest));
      if (isCrd(value)) sawCrd = schemas.addCrd(value, `CRD at ${location}`) || sawCrd;
      if (isXrd(value))
        schemas.addXrd(
          value,
          asString(field(value, 'apiVersion')) ?? '',
          `XRD ${asString(field(value, 'metadata', 'name')) ?? ''} at ${location}`
        );
    }
  }
  const isClusterScoped = scopeLookup(schemas);

  // 3. Clusters and what Flux applies in each.
  const renderer = new Renderer(files, isClusterScoped);
  const discovery = discover({
    root,
    sources,
    files,
    renderer,
    isClusterScoped,
    docs,
    engine: input.engine,
  });
  const clusters = discovery.clusters.length
    ? discovery.clusters
    : [fallbackCluster(root, renderer, docs)];
  const fallback = discovery.clusters.length === 0;
  findings.push(...renderer.findings, ...discovery.findings);
  for (const cluster of clusters)
    for (const unit of cluster.units.values()) findings.push(...unit.refusals.map(refusalFinding));

  // 4. Each object on its own: schema, metadata, namespace.
  const gaps: SchemaGaps = new Map();
  const objectContext: ObjectCheckContext = { schemas, gaps, isClusterScoped };
  let objectCount = 0;
  for (const cluster of clusters) {
    for (const unit of cluster.units.values()) {
      for (const object of unit.objects) {
        objectCount++;
        findings.push(
          ...checkObject(object, cluster.name || undefined, objectContext, { applied: !fallback })
        );
      }
    }
  }
  const covered = new Set(discovery.covered);
  for (const cluster of clusters)
    for (const unit of cluster.units.values()) unit.files.forEach(file => covered.add(file));
  const uncovered = new Map<string, string>();
  for (const manifest of docs) {
    const key = fileKey(manifest.source, manifest.path);
    if (covered.has(key)) continue;
    for (const value of expandLists(manifest.value)) {
      if (!isKubernetesObject(value)) continue;
      uncovered.set(key, manifest.source.tree.display(manifest.path));
      findings.push(
        ...checkObject({ value, origin: manifest }, undefined, objectContext, { applied: false })
      );
    }
  }

  // 5. Cross-references, per cluster.
  const localSources = new Set(sources.keys());
  const models = clusters.map(cluster => new ClusterModel(cluster, localSources));
  const index = buildIndex({
    objects: models.flatMap(model =>
      model.placed.map(placed => ({ ...placed.object.value, cluster: model.name }))
    ),
    clusters: models.map(model => model.name),
  });
  const checked = crossReferenceChecks({
    models,
    index,
    schemas,
    keyObjects: input.keyObjects,
    // Without Flux Kustomizations there is no apply order (or ownership) to check.
    orderKnown: !fallback,
  });
  findings.push(...checked.findings);
  const placedBySubject = new Map<string, RenderedObject>();
  for (const model of models)
    for (const placed of model.placed) {
      const key = subjectKey(objectSubject(placed.object.value, model.name));
      if (!placedBySubject.has(key)) placedBySubject.set(key, placed.object);
    }
  for (const diagnosis of checked.live) {
    const placed = placedBySubject.get(subjectKey(diagnosis.subject));
    if (placed) {
      // Point at the field the diagnosis names (`spec.providerRef.name: x`), else at the object.
      const fieldPath = diagnosis.evidence
        .map(evidence => /^(spec(?:\.[A-Za-z]+)+): /.exec(evidence.text)?.[1])
        .find((path): path is string => Boolean(path));
      const location = locationOf(placed.origin, fieldPath ? fieldPath.split('.') : undefined);
      diagnosis.evidence.push({ kind: 'field', text: `defined at ${formatLocation(location)}` });
    }
    findings.push({ diagnosis });
  }

  // 6. What could not be checked.
  const sourceUses = new Map<string, Set<string>>();
  for (const use of discovery.nonLocal) {
    const names = sourceUses.get(use.sourceKey) ?? new Set<string>();
    names.add(asString(field(use.kustomization.value, 'metadata', 'name')) ?? '');
    sourceUses.set(use.sourceKey, names);
  }
  for (const [key, names] of sourceUses) {
    findings.push(
      finding({
        rule: RULES.VISIBILITY,
        subject: sourceSubject(key),
        title: `Manifests from ${key} are not validated`,
        explanation: `Kustomization${names.size === 1 ? '' : 's'} ${[...names]
          .sort()
          .join(', ')} appl${
          names.size === 1 ? 'ies' : 'y'
        } manifests from ${key}, which is not part of this tree: what they apply is not schema-checked, and cross-references into it (dependsOn, XRDs, Compositions) are not evaluated. Check the repository out and pass --source ${key}=DIR.`,
        evidence: [`${names.size} Kustomization(s) use ${key}`],
        actions: [],
      })
    );
  }
  const gapList = [...gaps].sort(([a], [b]) => a.localeCompare(b));
  if (!sawCrd && gapList.length) {
    findings.push(
      finding({
        rule: RULES.VISIBILITY,
        subject: fileSubject(root.tree.display('') || '.'),
        title: 'No CRDs given: Flux and Crossplane objects are not schema-checked',
        explanation:
          'Pass the CRDs of the cluster with --crds DIR|FILE (or --kubeconfig to read them from a cluster) to check these objects against their schemas.',
        evidence: gapList.map(([group, kinds]) => `${group}: ${[...kinds].sort().join(', ')}`),
        actions: [],
      })
    );
  } else {
    for (const [group, kinds] of gapList) {
      findings.push(
        finding({
          rule: RULES.VISIBILITY,
          subject: fileSubject(root.tree.display('') || '.'),
          title: `No CRD for ${group}: ${[...kinds].sort().join(', ')} not schema-checked`,
          explanation: `None of the CRDs given (and no CRD or XRD in the tree) defines the group ${group}. Add its CRDs with --crds to check these objects.`,
          actions: [],
        })
      );
    }
  }
  if (uncovered.size && !fallback) {
    const list = [...uncovered.values()].sort();
    findings.push(
      finding({
        rule: RULES.VISIBILITY,
        subject: fileSubject(root.tree.display('') || '.'),
        title: `${list.length} file(s) with Kubernetes objects are not applied by any Flux Kustomization found here`,
        explanation:
          'They were schema-checked on their own, but no Kustomization of this tree (or of a source given with --source) applies them, so their references and ordering are not evaluated.',
        evidence: list.slice(0, 20),
        actions: [],
      })
    );
  }

  const clusterNames = clusters.map(cluster => cluster.name).filter(name => name !== '');
  return {
    diagnoses: finalize(dedupeFileLevel(findings), clusterNames),
    clusters: clusterNames,
    files: fileCount,
    objects: objectCount,
    rendered: models.map(model => ({
      cluster: model.name,
      objects: model.placed.map(placed => placed.object.value),
    })),
    units: clusters.flatMap(cluster =>
      [...cluster.units.values()].map(unit => {
        const item: RenderedUnit = {
          cluster: cluster.name,
          id: unit.id,
          renderer: unit.renderer,
          refusals: unit.refusals.map(refusal => refusal.reason),
          objects: unit.objects.map(object => object.value),
        };
        if (unit.engineError !== undefined) item.engineError = unit.engineError;
        return item;
      })
    ),
  };
}
