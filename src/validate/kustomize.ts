import { parse } from 'yaml';
import { shellWord } from '../common/shellWord';
import { asArray, asObject, asString, field, JsonObject } from '../model/json';
import { splitApiVersion } from '../model/resource';
import { RULES } from '../rules/catalogue';
import {
  namespaceRefusal,
  renameRefusal,
  selectorLabelsRefusal,
  strategicMergeRefusal,
} from './exactness';
import {
  FileCache,
  isYamlFile,
  joinPath,
  Location,
  locationOf,
  ManifestDoc,
  MAX_DEPTH,
  ParsedFile,
  Source,
} from './files';
import {
  command,
  doc,
  DOCS,
  fileSubject,
  finding,
  showLines,
  ValidateFinding,
} from './findings';
import {
  clone,
  idOf,
  jsonPatch,
  matchesPatchIdentity,
  matchesSelector,
  mergePatch,
  ObjectId,
  PatchError,
  Selector,
  selectorOf,
} from './patch';

/**
 * Renders a directory of a source the way kustomize-controller does before it
 * applies it: a `kustomization.yaml` is built (resources, components,
 * namespace, prefixes, labels, annotations, patches); a directory without one
 * gets the kustomization Flux generates (every YAML file below it, and
 * sub-directories that hold a kustomization as a whole). The result is
 * kustomize's, or it carries a refusal: what is not rendered exactly (remote
 * bases, generators, Helm charts, strategic merges of built-in lists, …) is
 * reported as not rendered exactly (VISIBILITY), never as fine.
 */

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** An object as rendered, with the document it came from (for file:line). */
export interface RenderedObject {
  value: JsonObject;
  origin: ManifestDoc;
  /** namePrefix/nameSuffix renamed it (kustomize then rewrites references to it). */
  renamed?: boolean;
  /** Earlier names and namespaces (before a prefix, suffix or namespace): patches match them too. */
  previous?: ObjectId[];
}

/** What the built-in renderer did not render as kustomize does, and where it is written. */
export interface Refusal {
  location: Location;
  reason: string;
}

export interface RenderResult {
  /** The path exists in the source (a directory). */
  exists: boolean;
  objects: RenderedObject[];
  /** Files (`sourceKey\0path`) whose content the render used. */
  files: Set<string>;
  /** Why the objects are not exactly kustomize's (empty: they are). */
  refusals: Refusal[];
  /** Entries that are not local files (remote bases): a real engine must not be run on them. */
  remote: string[];
}

/** Tells whether a kind is cluster-scoped (the namespace transformer leaves those alone). */
export type ScopeLookup = (group: string, kind: string) => boolean | undefined;

/** Fields kustomize accepts in a kustomization file (kustomize v5). */
const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'bases',
  'components',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'helmCharts',
  'helmGlobals',
  'helmChartInflationGenerator',
  'generators',
  'transformers',
  'validators',
  'replacements',
  'vars',
  'configurations',
  'crds',
  'openapi',
  'buildMetadata',
  'sortOptions',
  'nameReference',
]);

/** Fields whose effect the built-in renderer does not reproduce (sortOptions only orders the output). */
const NOT_RENDERED = [
  'configMapGenerator',
  'secretGenerator',
  'helmCharts',
  'helmChartInflationGenerator',
  'generators',
  'transformers',
  'validators',
  'replacements',
  'vars',
  'images',
  'replicas',
  'openapi',
  'crds',
  'configurations',
  'buildMetadata',
];

export function fileKey(source: Source, path: string): string {
  return `${source.key}\u0000${path}`;
}

function isRemote(entry: string): boolean {
  return (
    /^[a-z]+:\/\//i.test(entry) ||
    entry.startsWith('git@') ||
    entry.startsWith('github.com/') ||
    entry.includes('?ref=')
  );
}

/** An entry kustomize would try to fetch when it is not a local path (`host.tld/org/repo`, `git::…`, `…?ref=`). */
function mayBeRemote(entry: string): boolean {
  return (
    isRemote(entry) ||
    /^[^./][^/]*\.[^/]*\//.test(entry) ||
    entry.includes('::') ||
    entry.includes('@') ||
    entry.includes('?')
  );
}

export function isKubernetesObject(value: unknown): value is JsonObject {
  const object = asObject(value);
  return (
    object !== undefined &&
    typeof object.apiVersion === 'string' &&
    typeof object.kind === 'string' &&
    object.kind !== '' &&
    asObject(object.metadata) !== undefined
  );
}

export class Renderer {
  private readonly cache = new Map<string, RenderResult>();
  readonly findings: ValidateFinding[] = [];

  constructor(private readonly files: FileCache, private readonly isClusterScoped: ScopeLookup) {}

  private report(item: ValidateFinding): void {
    this.findings.push(item);
  }

  private buildProblem(
    location: Location,
    dir: string,
    source: Source,
    message: string,
    advice = ''
  ): void {
    this.report(
      finding({
        rule: RULES.FLUX_INVALID_MANIFESTS,
        subject: fileSubject(location.file),
        title: `kustomize build of ${source.tree.display(dir) || '.'} would fail`,
        explanation: `Flux would report BuildFailed for every Kustomization that applies this path, and none of its objects would be applied.${
          advice ? ` ${advice}` : ''
        }`,
        location,
        evidence: [message],
        actions: [
          showLines(location),
          ...(this.kustomizationFileIn(source, dir)
            ? [
                command(
                  'Build it the way Flux does',
                  `kubectl kustomize ${shellWord(source.tree.display(dir) || '.')}`
                ),
              ]
            : []),
          doc('kustomization.yaml reference', DOCS.kustomize),
        ],
        fileLevel: true,
      })
    );
  }

  private parsed(source: Source, path: string): ParsedFile | undefined {
    return this.files.get(source, path);
  }

  /** The directory has a kustomization file (else Flux generates one). */
  hasKustomizationFile(source: Source, dir: string): boolean {
    return this.kustomizationFileIn(source, dir) !== undefined;
  }

  /** The kustomization file's document, to point at when nothing else locates an object. */
  kustomizationDoc(source: Source, dir: string): ManifestDoc | undefined {
    const path = this.kustomizationFileIn(source, dir);
    return path ? this.parsed(source, path)?.docs[0] : undefined;
  }

  private kustomizationFileIn(source: Source, dir: string): string | undefined {
    const entries = source.tree.list(dir);
    if (!entries) return undefined;
    for (const name of KUSTOMIZATION_FILES) {
      if (entries.some(entry => entry.type === 'file' && entry.name === name))
        return dir ? `${dir}/${name}` : name;
    }
    return undefined;
  }

  /** Renders a path (a directory) of a source. Cached: findings are reported once. */
  render(source: Source, dir: string): RenderResult {
    const key = fileKey(source, dir);
    const cached = this.cache.get(key);
    if (cached) return { ...cached, objects: cached.objects.map(copyObject) };
    const result = this.renderDir(source, dir, []);
    this.cache.set(key, result);
    return { ...result, objects: result.objects.map(copyObject) };
  }

  /**
   * Renders a directory. A component (`inherited` given) works on the objects
   * of the kustomization that lists it: its resources are added to them and
   * its transformers apply to them all, as kustomize does.
   */
  private renderDir(
    source: Source,
    dir: string,
    stack: string[],
    inherited?: RenderedObject[]
  ): RenderResult {
    const result: RenderResult = {
      exists: false,
      objects: [],
      files: new Set(),
      refusals: [],
      remote: [],
    };
    if (!source.tree.list(dir)) return result;
    result.exists = true;
    const kustomizationFile = this.kustomizationFileIn(source, dir);
    if (kustomizationFile)
      return this.build(source, dir, kustomizationFile, stack, result, inherited);
    // What Flux generates: every YAML file below, sub-directories with a kustomization as a whole.
    const walk = (path: string): void => {
      if (path.split('/').length > MAX_DEPTH) return;
      const entries = [...(source.tree.list(path) ?? [])].sort((a, b) =>
        a.name.localeCompare(b.name)
      );
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const child = path ? `${path}/${entry.name}` : entry.name;
        if (entry.type === 'dir') {
          if (this.kustomizationFileIn(source, child)) {
            const sub = this.renderDir(source, child, [...stack, dir]);
            absorb(result, sub);
          } else walk(child);
        } else if (isYamlFile(entry.name)) {
          this.addFile(source, child, dir, result, true);
        }
      }
    };
    walk(dir);
    return result;
  }

  /** Adds the objects of one manifest file. Returns false when the file could not be used. */
  private addFile(
    source: Source,
    path: string,
    dir: string,
    result: RenderResult,
    generated: boolean
  ): boolean {
    result.files.add(fileKey(source, path));
    const parsed = this.parsed(source, path);
    if (!parsed) return false;
    if (parsed.error) return false; // reported as VALIDATE-YAML by the file pass
    for (const manifest of parsed.docs) {
      for (const value of expandLists(manifest.value)) {
        if (!isKubernetesObject(value)) {
          const location = locationOf(manifest);
          this.buildProblem(
            location,
            dir,
            source,
            generated
              ? `failed to decode Kubernetes YAML from ${
                  location.file
                }: missing Resource metadata (document ${
                  manifest.index + 1
                } has no apiVersion, kind and metadata)`
              : `missing Resource metadata in document ${manifest.index + 1} of ${
                  location.file
                } (no apiVersion, kind and metadata)`,
            generated
              ? 'Without a kustomization.yaml, Flux generates one that includes every YAML file under the path: move the file out, exclude it with .sourceignore, or write a kustomization.yaml that lists the manifests.'
              : ''
          );
          continue;
        }
        result.objects.push({ value: clone(value), origin: manifest });
      }
    }
    return true;
  }

  private build(
    source: Source,
    dir: string,
    kustomizationPath: string,
    stack: string[],
    result: RenderResult,
    inherited?: RenderedObject[]
  ): RenderResult {
    if (inherited) result.objects = inherited;
    result.files.add(fileKey(source, kustomizationPath));
    const parsed = this.parsed(source, kustomizationPath);
    if (!parsed || parsed.error) return result;
    const manifest = parsed.docs[0];
    if (!manifest) return result;
    const spec = asObject(manifest.value);
    const location = (path?: Array<string | number>): Location => locationOf(manifest, path);
    if (!spec) {
      this.buildProblem(location(), dir, source, `${kustomizationPath} is not a map`);
      return result;
    }
    for (const key of Object.keys(spec)) {
      if (!KNOWN_FIELDS.has(key))
        this.buildProblem(
          location([key]),
          dir,
          source,
          `invalid Kustomization: json: unknown field "${key}"`
        );
    }
    const refuse = (at: Location, reason: string): void => {
      result.refusals.push({ location: at, reason });
    };
    for (const key of NOT_RENDERED) {
      if (spec[key] !== undefined) refuse(location([key]), `${key} in ${location().file}`);
    }
    const kind = asString(spec.kind);
    if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component')
      this.buildProblem(
        location(['kind']),
        dir,
        source,
        `kind "${kind}" is not a kustomization (expected Kustomization or Component)`
      );
    const display = source.tree.display(dir);
    if (inherited && kind !== 'Component')
      this.buildProblem(
        location(),
        dir,
        source,
        `expected kind 'Component' for path '${display}' but got '${kind ?? 'Kustomization'}'`
      );
    if (!inherited && kind === 'Component' && stack.length > 0)
      this.buildProblem(
        location(['kind']),
        dir,
        source,
        `expected kind != 'Component' for path '${display}'`
      );

    const nextStack = [...stack, dir];
    const addEntry = (entry: unknown, path: Array<string | number>, component: boolean): void => {
      const text = asString(entry);
      if (text === undefined) {
        this.buildProblem(location(path), dir, source, `${path.join('.')} must be a string`);
        return;
      }
      if (isRemote(text)) {
        refuse(location(path), `remote ${component ? 'component' : 'resource'} ${text}`);
        result.remote.push(text);
        return;
      }
      const target = joinPath(dir, text);
      if (target === undefined) {
        this.buildProblem(
          location(path),
          dir,
          source,
          `accumulating resources: ${text} is outside the source root (Flux only reads files inside the source artifact)`
        );
        return;
      }
      if (source.tree.list(target)) {
        if (nextStack.includes(target) || target === dir) {
          this.buildProblem(
            location(path),
            dir,
            source,
            `accumulating resources: cycle through ${text}`
          );
          return;
        }
        if (!this.kustomizationFileIn(source, target)) {
          this.buildProblem(
            location(path),
            dir,
            source,
            `accumulating resources: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${source.tree.display(
              target
            )}'`
          );
          return;
        }
        if (component) {
          const sub = this.renderDir(source, target, nextStack, result.objects);
          result.objects = sub.objects;
          absorb(result, { ...sub, objects: [] });
        } else absorb(result, this.renderDir(source, target, nextStack));
        return;
      }
      if (source.tree.read(target) === undefined) {
        // Not a local file: kustomize tries what looks like a host name as a remote base.
        if (mayBeRemote(text)) result.remote.push(text);
        this.buildProblem(
          location(path),
          dir,
          source,
          `accumulating resources: accumulation err='accumulating resources from '${text}': open ${source.tree.display(
            target
          )}: no such file or directory'`
        );
        return;
      }
      this.addFile(source, target, dir, result, false);
    };
    asArray(spec.resources).forEach((entry, i) => addEntry(entry, ['resources', i], false));
    asArray(spec.bases).forEach((entry, i) => addEntry(entry, ['bases', i], false));
    asArray(spec.components).forEach((entry, i) => addEntry(entry, ['components', i], true));

    const objects = result.objects;
    const applyPatches = (
      patches: Array<{ patch: unknown; selector?: Selector; path: Array<string | number> }>
    ): void => {
      for (const item of patches)
        this.applyPatch(
          objects,
          item.patch,
          item.selector,
          location(item.path),
          dir,
          source,
          result.refusals
        );
    };
    // The order of kustomize's built-in transformers.
    applyPatches(
      asArray(spec.patchesStrategicMerge).flatMap((entry, i) => {
        const patch = this.patchContent(source, dir, entry, location(['patchesStrategicMerge', i]));
        return patch === undefined ? [] : [{ patch, path: ['patchesStrategicMerge', i] }];
      })
    );
    applyPatches(
      asArray(spec.patches).flatMap((entry, i) => {
        const content = asString(field(entry, 'patch')) ?? asString(field(entry, 'path'));
        const patch =
          field(entry, 'patch') !== undefined
            ? this.inlinePatch(
                asString(field(entry, 'patch')) ?? '',
                location(['patches', i]),
                dir,
                source
              )
            : this.patchContent(source, dir, content, location(['patches', i]));
        return patch === undefined
          ? []
          : [{ patch, selector: selectorOf(field(entry, 'target')), path: ['patches', i] }];
      })
    );
    const namespace = asString(spec.namespace);
    if (namespace) {
      const refusal = namespaceRefusal(
        objects.map(object => object.value),
        `namespace in ${location().file}`
      );
      if (refusal) refuse(location(['namespace']), refusal);
      setNamespace(objects, namespace, this.isClusterScoped);
    }
    const prefix = asString(spec.namePrefix) ?? '';
    const suffix = asString(spec.nameSuffix) ?? '';
    if (prefix || suffix) renameAll(objects, prefix, suffix);
    const renameReason = renamedReferrers(objects, `namePrefix/nameSuffix in ${location().file}`);
    if (renameReason)
      refuse(location([prefix ? 'namePrefix' : suffix ? 'nameSuffix' : 'resources']), renameReason);
    const commonLabels = stringEntries(spec.commonLabels);
    if (Object.keys(commonLabels).length) {
      const refusal = selectorLabelsRefusal(
        objects.map(object => object.value),
        `commonLabels in ${location().file}`
      );
      if (refusal) refuse(location(['commonLabels']), refusal);
    }
    const labels: Record<string, string> = { ...commonLabels };
    asArray(spec.labels).forEach((entry, i) => {
      Object.assign(labels, stringEntries(field(entry, 'pairs')));
      if (field(entry, 'fields') !== undefined)
        refuse(location(['labels', i, 'fields']), `labels[${i}].fields in ${location().file}`);
      if (field(entry, 'includeSelectors') === true || field(entry, 'includeTemplates') === true) {
        const refusal = selectorLabelsRefusal(
          objects.map(object => object.value),
          `labels[${i}] with includeSelectors/includeTemplates in ${location().file}`
        );
        if (refusal) refuse(location(['labels', i]), refusal);
      }
    });
    setMetadata(objects, 'labels', labels);
    setMetadata(objects, 'annotations', stringEntries(spec.commonAnnotations));
    applyPatches(
      asArray(spec.patchesJson6902).flatMap((entry, i) => {
        const patch =
          field(entry, 'patch') !== undefined
            ? this.inlinePatch(
                asString(field(entry, 'patch')) ?? '',
                location(['patchesJson6902', i]),
                dir,
                source
              )
            : this.patchContent(
                source,
                dir,
                field(entry, 'path'),
                location(['patchesJson6902', i])
              );
        return patch === undefined
          ? []
          : [
              {
                patch,
                selector: selectorOf(field(entry, 'target')) ?? {},
                path: ['patchesJson6902', i],
              },
            ];
      })
    );
    return result;
  }

  private inlinePatch(text: string, location: Location, dir: string, source: Source): unknown {
    try {
      return parse(text) as unknown;
    } catch (error) {
      this.buildProblem(
        location,
        dir,
        source,
        `the inline patch is not valid YAML: ${
          error instanceof Error ? error.message.split('\n')[0] : String(error)
        }`
      );
      return undefined;
    }
  }

  /** A patch given as a file path (or, for patchesStrategicMerge, inline YAML). */
  private patchContent(source: Source, dir: string, entry: unknown, location: Location): unknown {
    const text = asString(entry);
    if (text === undefined) return undefined;
    if (text.includes('\n') || text.trim().startsWith('{'))
      return this.inlinePatch(text, location, dir, source);
    const target = joinPath(dir, text);
    const content = target === undefined ? undefined : source.tree.read(target);
    if (target === undefined || content === undefined) {
      this.buildProblem(location, dir, source, `patch file ${text} does not exist`);
      return undefined;
    }
    const parsed = this.parsed(source, target);
    if (!parsed || parsed.error) return undefined;
    return parsed.docs[0]?.value;
  }

  applyPatch(
    objects: RenderedObject[],
    patch: unknown,
    selector: Selector | undefined,
    location: Location,
    dir: string,
    source: Source,
    refusals: Refusal[]
  ): void {
    const isJson6902 = Array.isArray(patch);
    const patchObject = asObject(patch);
    if (!isJson6902 && !patchObject) {
      this.buildProblem(
        location,
        dir,
        source,
        'a patch must be a map (strategic merge) or a list of JSON 6902 operations'
      );
      return;
    }
    if (!selector && !patchObject) {
      this.buildProblem(location, dir, source, 'a JSON 6902 patch needs a target');
      return;
    }
    const matched = objects.filter(object =>
      selector
        ? matchesSelector(selector, object.value, object.previous)
        : matchesPatchIdentity(patchObject as JsonObject, object.value, object.previous)
    );
    if (matched.length === 0 && !selector) {
      this.buildProblem(
        location,
        dir,
        source,
        `no matches for Id ${asString(patchObject?.kind) ?? '?'}/${
          asString(field(patchObject, 'metadata', 'name')) ?? '?'
        }; failed to find unique target for patch`
      );
      return;
    }
    for (const object of matched) {
      try {
        if (isJson6902) {
          const result = asObject(jsonPatch(object.value, patch as unknown[]));
          if (result) object.value = result;
        } else if (field(patchObject, '$patch') === 'delete') {
          objects.splice(objects.indexOf(object), 1);
        } else {
          const body: JsonObject = { ...(patchObject as JsonObject) };
          if (selector) {
            // With an explicit target the patch's own identity does not rename the target.
            delete body.apiVersion;
            delete body.kind;
            const metadata = asObject(body.metadata);
            if (metadata) {
              const rest = { ...metadata };
              delete rest.name;
              delete rest.namespace;
              body.metadata = rest;
            }
          }
          const reason = strategicMergeRefusal(body, object.value);
          if (reason) refusals.push({ location, reason });
          const result = asObject(mergePatch(object.value, body));
          if (result) object.value = result;
        }
      } catch (error) {
        if (!(error instanceof PatchError)) throw error;
        this.buildProblem(
          location,
          dir,
          source,
          `applying the patch to ${asString(object.value.kind)}/${asString(
            field(object.value, 'metadata', 'name')
          )}: ${error.message}`
        );
      }
    }
  }
}

function copyObject(object: RenderedObject): RenderedObject {
  const copy: RenderedObject = { value: clone(object.value), origin: object.origin };
  if (object.renamed) copy.renamed = true;
  if (object.previous) copy.previous = object.previous.map(id => ({ ...id }));
  return copy;
}

/** Adds what a nested render produced (a resource directory, a component, a sub-kustomization). */
function absorb(result: RenderResult, sub: RenderResult): void {
  result.objects.push(...sub.objects);
  sub.files.forEach(file => result.files.add(file));
  result.refusals.push(...sub.refusals);
  result.remote.push(...sub.remote);
}

/** Renamed objects and built-in kinds that may refer to them in one build: kustomize rewrites the references. */
export function renamedReferrers(objects: RenderedObject[], option: string): string | undefined {
  if (!objects.some(object => object.renamed)) return undefined;
  return renameRefusal(
    objects.map(object => object.value),
    option
  );
}

/** The VISIBILITY finding for a unit the built-in renderer did not render exactly. */
export function refusalFinding(refusal: Refusal): ValidateFinding {
  return finding({
    rule: RULES.VISIBILITY,
    subject: fileSubject(refusal.location.file),
    title: `not rendered exactly: ${refusal.reason}`,
    explanation:
      'The built-in renderer does not reproduce this as kustomize does, so what it renders here may differ from what Flux applies: run validate where the flux CLI or kustomize is installed (--renderer flux|kustomize) to render it with the real engine.',
    location: refusal.location,
    evidence: [refusal.reason],
    actions: [
      command(
        'Render it with Flux',
        'flux build kustomization NAME --path DIR --kustomization-file FILE --dry-run'
      ),
    ],
    fileLevel: true,
  });
}

function stringEntries(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(asObject(value) ?? {})) {
    if (entry !== null && entry !== undefined) result[key] = String(entry);
  }
  return result;
}

/** `kind: List` (and `*List` with items) expands into its items, as kustomize does. */
export function expandLists(value: unknown): unknown[] {
  const object = asObject(value);
  if (object && Array.isArray(object.items) && String(object.kind ?? '').endsWith('List'))
    return object.items.flatMap(expandLists);
  return [value];
}

/** Keeps the object's id before a transformer changes it. */
function remember(object: RenderedObject): void {
  const id = idOf(object.value);
  const previous = object.previous ?? [];
  if (!previous.some(item => item.name === id.name && item.namespace === id.namespace))
    object.previous = [...previous, id];
}

/** kustomize's namespace transformer: namespaced objects get the namespace, a Namespace object is renamed to it. */
export function setNamespace(
  objects: RenderedObject[],
  namespace: string,
  isClusterScoped: ScopeLookup
): void {
  for (const object of objects) {
    const { group } = splitApiVersion(asString(object.value.apiVersion));
    const kind = asString(object.value.kind) ?? '';
    if (group === '' && kind === 'Namespace') {
      remember(object);
      object.value = {
        ...object.value,
        metadata: { ...(asObject(object.value.metadata) ?? {}), name: namespace },
      };
      continue;
    }
    if (isClusterScoped(group, kind) === true) continue;
    remember(object);
    const metadata = { ...(asObject(object.value.metadata) ?? {}) };
    metadata.namespace = namespace;
    object.value = { ...object.value, metadata };
  }
}

/** kustomize's prefix/suffix transformers (which skip CRDs, APIServices and Namespaces). */
export function renameAll(objects: RenderedObject[], prefix: string, suffix: string): void {
  for (const object of objects) {
    const kind = object.value.kind;
    const { group } = splitApiVersion(asString(object.value.apiVersion));
    if (
      kind === 'CustomResourceDefinition' ||
      kind === 'Namespace' ||
      (kind === 'APIService' && group === 'apiregistration.k8s.io')
    )
      continue;
    remember(object);
    const metadata = { ...(asObject(object.value.metadata) ?? {}) };
    if (typeof metadata.name === 'string') metadata.name = `${prefix}${metadata.name}${suffix}`;
    object.value = { ...object.value, metadata };
    object.renamed = true;
  }
}

export function setMetadata(
  objects: RenderedObject[],
  map: 'labels' | 'annotations',
  entries: Record<string, string>
): void {
  if (Object.keys(entries).length === 0) return;
  for (const object of objects) {
    const metadata = { ...(asObject(object.value.metadata) ?? {}) };
    metadata[map] = { ...(asObject(metadata[map]) ?? {}), ...entries };
    object.value = { ...object.value, metadata };
  }
}
