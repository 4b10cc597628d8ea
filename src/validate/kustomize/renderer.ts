import { asArray, asObject, asString, field } from '../../model/json';
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
} from '../files';
import { ValidateFinding } from '../findings';
import { clone, Selector, selectorOf } from '../patch';
import { PatchReader } from './patches';
import { buildFailure, kustomizationFileProblems } from './problems';
import { absorb, copyObject, expandLists, transformMetadata } from './transforms';
import {
  fileKey,
  isKubernetesObject,
  isRemote,
  KUSTOMIZATION_FILES,
  mayBeRemote,
  NOT_RENDERED,
  RenderedObject,
  RenderResult,
  ScopeLookup,
} from './types';

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

export class Renderer {
  private readonly cache = new Map<string, RenderResult>();
  readonly findings: ValidateFinding[] = [];

  /** Kustomize's patch transformer, also applied to a Flux Kustomization's spec.patches. */
  readonly patches: PatchReader;

  constructor(private readonly files: FileCache, private readonly isClusterScoped: ScopeLookup) {
    this.patches = new PatchReader(
      (location, dir, source, message) => this.buildProblem(location, dir, source, message),
      (source, path) => this.parsed(source, path)
    );
  }

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
    const display = source.tree.display(dir);
    const built = this.kustomizationFileIn(source, dir) !== undefined;
    this.report(buildFailure(location, display, message, advice, built));
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
    for (const problem of kustomizationFileProblems(spec, source.tree.display(dir), {
      component: inherited !== undefined,
      nested: stack.length > 0,
    }))
      this.buildProblem(location(problem.path), dir, source, problem.message);
    const refuse = (at: Location, reason: string): void => {
      result.refusals.push({ location: at, reason });
    };
    for (const key of NOT_RENDERED) {
      if (spec[key] !== undefined) refuse(location([key]), `${key} in ${location().file}`);
    }

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
        this.patches.apply(
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
        const patch = this.patches.content(
          source,
          dir,
          entry,
          location(['patchesStrategicMerge', i])
        );
        return patch === undefined ? [] : [{ patch, path: ['patchesStrategicMerge', i] }];
      })
    );
    applyPatches(
      asArray(spec.patches).flatMap((entry, i) => {
        const content = asString(field(entry, 'patch')) ?? asString(field(entry, 'path'));
        const patch =
          field(entry, 'patch') !== undefined
            ? this.patches.inline(
                asString(field(entry, 'patch')) ?? '',
                location(['patches', i]),
                dir,
                source
              )
            : this.patches.content(source, dir, content, location(['patches', i]));
        return patch === undefined
          ? []
          : [{ patch, selector: selectorOf(field(entry, 'target')), path: ['patches', i] }];
      })
    );
    transformMetadata(objects, spec, location, refuse, this.isClusterScoped);
    applyPatches(
      asArray(spec.patchesJson6902).flatMap((entry, i) => {
        const patch =
          field(entry, 'patch') !== undefined
            ? this.patches.inline(
                asString(field(entry, 'patch')) ?? '',
                location(['patchesJson6902', i]),
                dir,
                source
              )
            : this.patches.content(
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
}
