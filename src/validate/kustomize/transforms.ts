import { asArray, asObject, asString, field, JsonObject } from '../../model/json';
import { splitApiVersion } from '../../model/resource';
import { RULES } from '../../rules/catalogue';
import { namespaceRefusal, renameRefusal, selectorLabelsRefusal } from '../exactness';
import { Location } from '../files';
import { command, fileSubject, finding, ValidateFinding } from '../findings';
import { clone, idOf } from '../patch';
import { Refusal, RenderedObject, RenderResult, ScopeLookup } from './types';

export function copyObject(object: RenderedObject): RenderedObject {
  const copy: RenderedObject = { value: clone(object.value), origin: object.origin };
  if (object.renamed) copy.renamed = true;
  if (object.previous) copy.previous = object.previous.map(id => ({ ...id }));
  return copy;
}

/** Adds what a nested render produced (a resource directory, a component, a sub-kustomization). */
export function absorb(result: RenderResult, sub: RenderResult): void {
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

export function stringEntries(value: unknown): Record<string, string> {
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

/**
 * Kustomize's namespace, namePrefix/nameSuffix, commonLabels/labels and commonAnnotations
 * transformers, in its order; what they would not do exactly is refused where it is written.
 */
export function transformMetadata(
  objects: RenderedObject[],
  spec: JsonObject,
  location: (path?: Array<string | number>) => Location,
  refuse: (at: Location, reason: string) => void,
  isClusterScoped: ScopeLookup
): void {
  const namespace = asString(spec.namespace);
  if (namespace) {
    const refusal = namespaceRefusal(
      objects.map(object => object.value),
      `namespace in ${location().file}`
    );
    if (refusal) refuse(location(['namespace']), refusal);
    setNamespace(objects, namespace, isClusterScoped);
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
}
