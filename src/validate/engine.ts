import { asString, field, JsonObject } from '../model/json';
import { splitApiVersion } from '../model/resource';
import { ManifestDoc } from './files';
import { RenderedObject, ScopeLookup } from './kustomize';

/**
 * A real render engine (`flux build kustomization`, `kustomize build`,
 * `kubectl kustomize`) as the validator sees it: the CLI runs the tool, the
 * validator stays pure. A unit is rendered by the engine when it is there;
 * the built-in renderer still runs first, for file:line and for what the
 * engine must not be run on (remote bases).
 */

export interface EngineRequest {
  /** The local source (`GitRepository/NS/NAME`) and the directory in it. */
  sourceKey: string;
  path: string;
  /** The Flux Kustomization that applies the directory (as rendered where it is defined). */
  kustomization: JsonObject;
}

export type EngineResult = { objects: JsonObject[] } | { error: string };

export interface RenderEngine {
  /** What the output names: `flux build kustomization`, `kustomize build`, `kubectl kustomize`. */
  name: string;
  /**
   * The engine applies the Flux Kustomization's own spec (patches,
   * targetNamespace, namePrefix/nameSuffix, commonMetadata, postBuild) and the
   * owner labels, as `flux build` does; otherwise the validator applies them.
   */
  appliesFluxSpec: boolean;
  /** Whether it renders a directory without kustomization.yaml (Flux generates one). */
  generatesKustomization: boolean;
  render(request: EngineRequest): EngineResult;
}

/** The name of the built-in renderer in the output. */
export const BUILTIN_RENDERER = 'built-in';

function identity(value: JsonObject, withNamespace: boolean): string {
  const { group } = splitApiVersion(asString(value.apiVersion));
  return [
    group,
    asString(value.kind) ?? '',
    withNamespace ? asString(field(value, 'metadata', 'namespace')) ?? '' : '',
    asString(field(value, 'metadata', 'name')) ?? '',
  ].join('\u0000');
}

/**
 * The API server stores a cluster-scoped object without a namespace;
 * kustomize sets one on kinds it has no schema for (custom resources).
 */
export function dropClusterScopedNamespace(
  value: JsonObject,
  isClusterScoped: ScopeLookup
): JsonObject {
  const { group } = splitApiVersion(asString(value.apiVersion));
  const metadata = field(value, 'metadata');
  if (
    isClusterScoped(group, asString(value.kind) ?? '') !== true ||
    typeof metadata !== 'object' ||
    metadata === null ||
    !('namespace' in metadata)
  )
    return value;
  const copy = { ...(metadata as JsonObject) };
  delete copy.namespace;
  return { ...value, metadata: copy };
}

/**
 * The engine's objects, each with the document it comes from: the built-in
 * render's object of the same kind and name (namespace first), else `fallback`.
 */
export function adoptEngineObjects(
  objects: readonly JsonObject[],
  builtin: readonly RenderedObject[],
  fallback: ManifestDoc
): RenderedObject[] {
  const exact = new Map<string, ManifestDoc>();
  const loose = new Map<string, ManifestDoc>();
  for (const object of builtin) {
    const key = identity(object.value, true);
    if (!exact.has(key)) exact.set(key, object.origin);
    const looseKey = identity(object.value, false);
    if (!loose.has(looseKey)) loose.set(looseKey, object.origin);
  }
  return objects.map(value => ({
    value,
    origin: exact.get(identity(value, true)) ?? loose.get(identity(value, false)) ?? fallback,
  }));
}
