import { mergePatch as mergeJsonPatch } from '../common/jsonPatch';
import { matchesLabelSelector } from '../common/labelSelector';
import { asObject, asString, field, JsonObject, stringMap } from '../model/json';
import { splitApiVersion } from '../model/resource';

/**
 * The patch kinds kustomize and Flux apply: RFC 6902 JSON patches, and
 * strategic-merge patches. A strategic merge on a custom resource is a JSON
 * merge patch (RFC 7386): custom resources have no merge keys, so lists are
 * replaced. Built-in kinds would merge some lists by key; the validator does
 * not schema-check built-in kinds, so the approximation does not change a
 * verdict. The `$patch: delete` directive removes the target.
 */

export { clone, jsonPatch, PatchError } from '../common/jsonPatch';
export { matchesLabelSelector } from '../common/labelSelector';

const DIRECTIVES: ReadonlySet<string> = new Set(['$patch']);

/** RFC 7386 merge as kustomize applies a strategic-merge patch to a custom resource: directives (`$patch`) are dropped. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  return mergeJsonPatch(target, patch, DIRECTIVES);
}

/** A patch target: the fields of kustomize's selector. Names, namespaces and kinds are anchored regular expressions. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export function selectorOf(value: unknown): Selector | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  const selector: Selector = {};
  for (const key of [
    'group',
    'version',
    'kind',
    'name',
    'namespace',
    'labelSelector',
    'annotationSelector',
  ] as const) {
    const text = asString(object[key]);
    if (text !== undefined && text !== '') selector[key] = text;
  }
  return selector;
}

function anchored(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/** A name and namespace an object has had: kustomize matches patches against the current one and every earlier one. */
export interface ObjectId {
  name: string;
  namespace: string;
}

export function idOf(object: JsonObject): ObjectId {
  return {
    name: asString(field(object, 'metadata', 'name')) ?? '',
    namespace: asString(field(object, 'metadata', 'namespace')) ?? '',
  };
}

export function matchesSelector(
  selector: Selector,
  object: JsonObject,
  previous: readonly ObjectId[] = []
): boolean {
  const { group, version } = splitApiVersion(asString(object.apiVersion));
  const kind = asString(object.kind) ?? '';
  if (selector.group !== undefined && !anchored(selector.group, group)) return false;
  if (selector.version !== undefined && !anchored(selector.version, version)) return false;
  if (selector.kind !== undefined && !anchored(selector.kind, kind)) return false;
  const idMatches = ({ name, namespace }: ObjectId): boolean =>
    (selector.name === undefined || anchored(selector.name, name)) &&
    (selector.namespace === undefined || anchored(selector.namespace, namespace));
  if (![idOf(object), ...previous].some(idMatches)) return false;
  if (
    selector.labelSelector !== undefined &&
    !matchesLabelSelector(selector.labelSelector, stringMap(field(object, 'metadata', 'labels')))
  )
    return false;
  if (
    selector.annotationSelector !== undefined &&
    !matchesLabelSelector(
      selector.annotationSelector,
      stringMap(field(object, 'metadata', 'annotations'))
    )
  )
    return false;
  return true;
}

/**
 * The implicit target of a strategic-merge patch without `target`: the object
 * of its group, version, kind and name, in its namespace, where no namespace
 * means `default` on both sides (kustomize's effective namespace); the
 * object's current id or any earlier one (before a prefix or a namespace).
 */
export function matchesPatchIdentity(
  patch: JsonObject,
  object: JsonObject,
  previous: readonly ObjectId[] = []
): boolean {
  const want = splitApiVersion(asString(patch.apiVersion));
  const have = splitApiVersion(asString(object.apiVersion));
  if (asString(patch.kind) !== asString(object.kind)) return false;
  if (want.group !== have.group || (want.version && want.version !== have.version)) return false;
  const name = asString(field(patch, 'metadata', 'name')) ?? '';
  const effective = (namespace: string): string => namespace || 'default';
  const namespace = effective(asString(field(patch, 'metadata', 'namespace')) ?? '');
  return [idOf(object), ...previous].some(
    id => id.name === name && effective(id.namespace) === namespace
  );
}
