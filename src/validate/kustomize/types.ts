import { asObject, JsonObject } from '../../model/json';
import { Location, ManifestDoc, Source } from '../files';
import { ObjectId } from '../patch';

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
export const KNOWN_FIELDS = new Set([
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
export const NOT_RENDERED = [
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

export function isRemote(entry: string): boolean {
  return (
    /^[a-z]+:\/\//i.test(entry) ||
    entry.startsWith('git@') ||
    entry.startsWith('github.com/') ||
    entry.includes('?ref=')
  );
}

/** An entry kustomize would try to fetch when it is not a local path (`host.tld/org/repo`, `git::…`, `…?ref=`). */
export function mayBeRemote(entry: string): boolean {
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
