import { asArray, asObject, asString, field, JsonObject } from '../model/json';
import { splitApiVersion } from '../model/resource';
import { isBuiltinGroup } from './objects';

/**
 * Where the built-in renderer would not produce what kustomize produces. The
 * built-in renderer is exact or it refuses: each function here names the
 * reason a render is not exact (the unit is then reported as "not rendered
 * exactly"), or returns undefined when the built-in result is kustomize's.
 * Facts from kustomize v5 (sigs.k8s.io/kustomize/api): which kinds carry
 * strategic-merge metadata, the commonLabels field specs, the name-reference
 * and namespace field specs.
 */

function groupAndKind(object: JsonObject): { group: string; kind: string } {
  return {
    group: splitApiVersion(asString(object.apiVersion)).group,
    kind: asString(object.kind) ?? '',
  };
}

function describe(object: JsonObject): string {
  return `${asString(object.kind) ?? '?'}/${asString(field(object, 'metadata', 'name')) ?? '?'}`;
}

/** The first list in a strategic-merge patch whose merge kustomize may do otherwise than a JSON merge patch. */
function listIn(
  patch: unknown,
  target: unknown,
  builtin: boolean,
  path: string[]
): string | undefined {
  const object = asObject(patch);
  if (!object) return undefined;
  for (const [key, value] of Object.entries(object)) {
    const here = [...path, key];
    // Directives ($patch: replace/merge, $retainKeys, $setElementOrder/…, $deleteFromPrimitiveList/…).
    if (key.startsWith('$')) return `the directive ${here.join('.')}`;
    if (Array.isArray(value)) {
      const existing = field(target, key);
      const directive = value.some(item =>
        Object.keys(asObject(item) ?? {}).some(name => name.startsWith('$'))
      );
      if (directive) return `the directive in list ${here.join('.')}`;
      // A built-in kind merges lists by merge key (containers by name, ports by containerPort, …).
      if (builtin && existing !== undefined && existing !== null) return `list ${here.join('.')}`;
      continue;
    }
    const nested = listIn(value, field(target, key), builtin, here);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * A strategic-merge patch is applied here as a JSON merge patch (RFC 7386).
 * That is kustomize's result for custom resources (no merge keys: lists are
 * replaced) and for any patch without lists; a list of a built-in kind that
 * the target already has is merged by its merge key by kustomize, and
 * directives other than a top-level `$patch: delete` are not implemented.
 */
export function strategicMergeRefusal(patch: JsonObject, target: JsonObject): string | undefined {
  const { group } = groupAndKind(target);
  const body = { ...patch };
  if (body.$patch === 'delete') return undefined;
  const list = listIn(body, target, isBuiltinGroup(group), []);
  return list
    ? `strategic-merge patch of ${describe(
        target
      )} touches ${list} (kustomize merges lists of built-in kinds by their merge keys)`
    : undefined;
}

/**
 * Kinds whose selectors and pod templates kustomize's `commonLabels` (and
 * `labels` with includeSelectors/includeTemplates) also writes: the groups and
 * kinds of its commonLabels and template-label field specs.
 */
const SELECTOR_KINDS: ReadonlyArray<{ group?: string; kind: string }> = [
  { group: '', kind: 'Service' },
  { group: '', kind: 'ReplicationController' },
  { kind: 'Deployment' },
  { kind: 'ReplicaSet' },
  { kind: 'DaemonSet' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'batch', kind: 'Job' },
  { group: 'batch', kind: 'CronJob' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

/** Labels that kustomize writes beyond metadata.labels are not written here: those kinds are refused. */
export function selectorLabelsRefusal(
  objects: readonly JsonObject[],
  option: string
): string | undefined {
  const hit = objects.find(object => {
    const { group, kind } = groupAndKind(object);
    return SELECTOR_KINDS.some(
      entry => entry.kind === kind && (entry.group === undefined || entry.group === group)
    );
  });
  return hit
    ? `${option} on ${describe(
        hit
      )} (kustomize also writes them into its selectors and pod templates)`
    : undefined;
}

/** Built-in kinds that never hold a name reference kustomize rewrites. */
const NOT_REFERRING = new Set(['ConfigMap', 'Secret', 'Namespace', 'CustomResourceDefinition']);

/**
 * namePrefix/nameSuffix rename objects; kustomize then rewrites the names that
 * built-in kinds use to refer to them (volumes, envFrom, serviceAccountName,
 * roleRef, …). Custom resources hold no references kustomize knows, so a
 * rename is exact while no built-in kind that may refer is in the build.
 */
export function renameRefusal(objects: readonly JsonObject[], option: string): string | undefined {
  const hit = objects.find(object => {
    const { group, kind } = groupAndKind(object);
    return isBuiltinGroup(group) && !NOT_REFERRING.has(kind);
  });
  return hit
    ? `${option} with ${describe(
        hit
      )} in the build (kustomize also rewrites the name references of built-in kinds)`
    : undefined;
}

/** The namespace transformer also writes these fields (kustomize's namespace field specs): not written here. */
export function namespaceRefusal(
  objects: readonly JsonObject[],
  option: string
): string | undefined {
  const hit = objects.find(object => {
    const { group, kind } = groupAndKind(object);
    if (group === 'apiregistration.k8s.io' && kind === 'APIService') return true;
    if (group === 'apiextensions.k8s.io' && kind === 'CustomResourceDefinition')
      return (
        field(object, 'spec', 'conversion', 'webhook', 'clientConfig', 'service') !== undefined
      );
    // Subjects named "default" get the namespace (kustomize's setRoleBindingSubjects: defaultOnly).
    if (
      group === 'rbac.authorization.k8s.io' &&
      (kind === 'RoleBinding' || kind === 'ClusterRoleBinding')
    )
      return asArray(field(object, 'subjects')).some(
        subject => field(subject, 'name') === 'default'
      );
    return false;
  });
  return hit
    ? `${option} with ${describe(
        hit
      )} in the build (kustomize also sets the namespace it refers to: a service, or subjects named default)`
    : undefined;
}
