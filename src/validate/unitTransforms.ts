import { parse as parseYaml } from 'yaml';
import { asArray, asObject, asString, field, JsonObject } from '../model/json';
import { RULES } from '../rules/catalogue';
import { namespaceRefusal } from './exactness';
import { locationOf } from './files';
import { doc, DOCS, finding, objectSubject, ValidateFinding } from './findings';
import {
  renameAll,
  renamedReferrers,
  RenderedObject,
  setMetadata,
  setNamespace,
} from './kustomize';
import { selectorOf } from './patch';
import { substituteObject, VARIABLE_NAME } from './substitute';
import type { DiscoverInput, Unit } from './units';

/** What a Flux Kustomization's spec adds to the build of its path, and what of it is not rendered exactly. */

const OWNER_NAME = 'kustomize.toolkit.fluxcd.io/name';
const OWNER_NAMESPACE = 'kustomize.toolkit.fluxcd.io/namespace';

/** Applies what a Flux Kustomization adds to the build: patches, targetNamespace, prefixes, common metadata, post-build substitution. */
export function fluxTransforms(
  input: DiscoverInput,
  unit: Unit,
  kustomization: RenderedObject,
  findings: ValidateFinding[]
): void {
  const spec = asObject(kustomization.value.spec) ?? {};
  const location = (path: Array<string | number>) => locationOf(kustomization.origin, path);
  fluxSpecRefusals(input, unit, spec, location);
  asArray(spec.patches).forEach((entry, i) => {
    const text = asString(field(entry, 'patch'));
    if (text === undefined) return;
    let patch: unknown;
    try {
      patch = parseYaml(text) as unknown;
    } catch (error) {
      findings.push(
        finding({
          rule: RULES.FLUX_INVALID_MANIFESTS,
          subject: objectSubject(kustomization.value, unit.cluster),
          title: `spec.patches[${i}] of Kustomization ${
            asString(field(kustomization.value, 'metadata', 'name')) ?? ''
          } is not valid YAML`,
          explanation: 'Flux would report BuildFailed.',
          location: location(['spec', 'patches', i, 'patch']),
          evidence: [error instanceof Error ? error.message.split('\n')[0] : String(error)],
          actions: [doc('Kustomization patches', `${DOCS.kustomization}#patches`)],
        })
      );
      return;
    }
    input.renderer.patches.apply(
      unit.objects,
      patch,
      selectorOf(field(entry, 'target')),
      location(['spec', 'patches', i]),
      unit.path ?? '',
      unit.source ?? input.root,
      unit.refusals
    );
  });
  const targetNamespace = asString(spec.targetNamespace);
  if (targetNamespace) {
    const refusal = namespaceRefusal(
      unit.objects.map(object => object.value),
      'spec.targetNamespace'
    );
    if (refusal)
      unit.refusals.push({ location: location(['spec', 'targetNamespace']), reason: refusal });
    setNamespace(unit.objects, targetNamespace, input.isClusterScoped);
  }
  const prefix = asString(spec.namePrefix) ?? '';
  const suffix = asString(spec.nameSuffix) ?? '';
  if (prefix || suffix) renameAll(unit.objects, prefix, suffix);
  const renameReason = renamedReferrers(unit.objects, 'spec.namePrefix/nameSuffix');
  if (renameReason)
    unit.refusals.push({
      location: location(['spec', prefix ? 'namePrefix' : suffix ? 'nameSuffix' : 'path']),
      reason: renameReason,
    });
  const labels = asObject(field(spec, 'commonMetadata', 'labels'));
  const annotations = asObject(field(spec, 'commonMetadata', 'annotations'));
  if (labels) setMetadata(unit.objects, 'labels', stringsOf(labels));
  if (annotations) setMetadata(unit.objects, 'annotations', stringsOf(annotations));

  const substitute = asObject(field(spec, 'postBuild', 'substitute'));
  const substituteFrom = asArray(field(spec, 'postBuild', 'substituteFrom'));
  // Flux substitutes only when at least one variable or one source of variables is set.
  if (Object.keys(substitute ?? {}).length || substituteFrom.length) {
    const vars = stringsOf(substitute ?? {});
    for (const name of Object.keys(vars)) {
      if (!VARIABLE_NAME.test(name))
        findings.push(
          finding({
            rule: RULES.FLUX_INVALID_MANIFESTS,
            subject: objectSubject(kustomization.value, unit.cluster),
            title: `Variable name "${name}" is not valid`,
            explanation:
              'Flux accepts variable names matching ^[_[:alpha:]][_[:alpha:][:digit:]]*$ and fails the build otherwise.',
            location: location(['spec', 'postBuild', 'substitute', name]),
            evidence: [`spec.postBuild.substitute.${name}`],
            actions: [
              doc(
                'Post-build substitution',
                `${DOCS.kustomization}#post-build-variable-substitution`
              ),
            ],
          })
        );
    }
    const options = { vars, keepUnknown: substituteFrom.length > 0 };
    for (const object of unit.objects) {
      const disabled = (map: unknown): boolean =>
        asString(field(map, 'kustomize.toolkit.fluxcd.io/substitute')) === 'disabled';
      if (
        disabled(field(object.value, 'metadata', 'labels')) ||
        disabled(field(object.value, 'metadata', 'annotations'))
      )
        continue;
      try {
        const result = asObject(substituteObject(object.value, options));
        if (result) object.value = result;
      } catch (error) {
        findings.push(
          finding({
            rule: RULES.FLUX_INVALID_MANIFESTS,
            subject: objectSubject(object.value, unit.cluster),
            title: 'Post-build substitution produces invalid YAML',
            explanation: 'Flux would fail the build after substituting variables.',
            location: locationOf(object.origin),
            evidence: [error instanceof Error ? error.message.split('\n')[0] : String(error)],
            actions: [
              doc(
                'Post-build substitution',
                `${DOCS.kustomization}#post-build-variable-substitution`
              ),
            ],
          })
        );
      }
    }
  }
}

/**
 * Flux writes its spec into the directory's kustomization.yaml before the
 * build (fluxcd/pkg/kustomize's generator): targetNamespace, namePrefix and
 * nameSuffix replace the file's, spec.patches join the file's patches (they
 * run before its namespace and prefix), spec.components and spec.images join
 * the file's. Here the spec is applied after the build: where that differs,
 * the unit is refused.
 */
function fluxSpecRefusals(
  input: DiscoverInput,
  unit: Unit,
  spec: JsonObject,
  location: (path: Array<string | number>) => ReturnType<typeof locationOf>
): void {
  const refuse = (path: Array<string | number>, reason: string): void => {
    unit.refusals.push({ location: location(path), reason });
  };
  for (const key of ['components', 'images'] as const)
    if (asArray(spec[key]).length) refuse(['spec', key], `spec.${key} of the Flux Kustomization`);
  const file =
    unit.source && unit.path !== undefined
      ? asObject(input.renderer.kustomizationDoc(unit.source, unit.path)?.value)
      : undefined;
  if (!file) return;
  for (const key of ['namePrefix', 'nameSuffix'] as const)
    if (asString(spec[key]) && asString(file[key]))
      refuse(['spec', key], `spec.${key} replaces ${key} of the directory's kustomization.yaml`);
  const renamesInFile = ['namespace', 'namePrefix', 'nameSuffix'].some(key => asString(file[key]));
  const tracked = unit.objects.every(object => object.previous !== undefined || !renamesInFile);
  if (asArray(spec.patches).length && renamesInFile && !tracked)
    refuse(
      ['spec', 'patches'],
      "spec.patches run inside the directory's kustomization.yaml, before its namespace and name prefix"
    );
}

function stringsOf(object: JsonObject): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(object))
    if (value !== null && value !== undefined) result[key] = String(value);
  return result;
}

/** Sets the labels Flux puts on what a Kustomization applies. */
export function ownerLabels(objects: RenderedObject[], namespace: string, name: string): void {
  setMetadata(objects, 'labels', { [OWNER_NAME]: name, [OWNER_NAMESPACE]: namespace });
}
