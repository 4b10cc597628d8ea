import { definedKinds } from '../../model/crossplaneSpec';
import { asArray, asString, field } from '../../model/json';
import { XP_APIEXTENSIONS_GROUP } from '../../model/kinds';
import { splitApiVersion } from '../../model/resource';
import { RULES } from '../../rules/catalogue';
import { locationOf } from '../files';
import { doc, DOCS, finding, ValidateFinding } from '../findings';
import { RenderedObject } from '../kustomize';
import { Unit } from '../units';
import { dependsOnIds, dependsOnTransitively } from './dependencies';
import { ClusterModel, describeUnit, locationText, Placed, unitName, where, xrdsOf } from './model';

/** The units that (transitively) apply a unit's Flux Kustomization: its parents in the apply tree. */
function appliedBy(model: ClusterModel, unit: Unit): Set<Unit> {
  const parents = new Set<Unit>();
  let current: Unit | undefined = unit;
  while (current?.kustomization) {
    const object: RenderedObject = current.kustomization;
    const parent: Unit | undefined = model.placed.find(item => item.object === object)?.unit;
    if (!parent || parents.has(parent)) break;
    parents.add(parent);
    current = parent;
  }
  return parents;
}

/**
 * FLUX-CRD-ORDERING: an object whose kind is defined by an XRD (or a CRD) in
 * the tree must be applied by a Kustomization that depends on the one
 * applying the definition, and that one must wait for the definition.
 */
export function orderingChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const definitions = new Map<string, { placed: Placed; what: 'XRD' | 'CRD' }>();
  for (const xrd of xrdsOf(model)) {
    const { group, kind: compositeKind, claimKind } = definedKinds(xrd.object.value);
    for (const kind of [compositeKind, claimKind])
      if (group && kind && !definitions.has(`${group}|${kind}`))
        definitions.set(`${group}|${kind}`, { placed: xrd, what: 'XRD' });
  }
  for (const crd of model.ofKind('apiextensions.k8s.io', 'CustomResourceDefinition')) {
    const group = asString(field(crd.object.value, 'spec', 'group'));
    const kind = asString(field(crd.object.value, 'spec', 'names', 'kind'));
    if (group && kind && !definitions.has(`${group}|${kind}`))
      definitions.set(`${group}|${kind}`, { placed: crd, what: 'CRD' });
  }
  const gatingReported = new Set<string>();
  const reported = new Set<string>();
  for (const placed of model.placed) {
    const definition = definitions.get(`${placed.group}|${placed.kind}`);
    if (!definition) continue;
    const defUnit = definition.placed.unit;
    const unit = placed.unit;
    // Like the live rule, the diagnosis is about the Kustomization whose apply fails.
    const applier = unit.kustomization
      ? model.placed.find(item => item.object === unit.kustomization)
      : undefined;
    const subject = model.subject(applier ?? placed);
    const defName = `${definition.what} ${definition.placed.name}`;
    const key = `${unit.id}|${defUnit.id}|${placed.kind}`;
    if (unit === defUnit) {
      if (definition.what === 'CRD') continue; // Flux applies CRDs before the objects that use them
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(
        finding({
          rule: RULES.FLUX_CRD_ORDERING,
          subject,
          title: `${placed.kind} ${placed.name} is applied together with the ${defName} that defines its kind`,
          explanation: `${describeUnit(unit)} applies both. Crossplane creates the CRD for ${
            placed.kind
          } only after the XRD is applied, so the dry-run fails with "no matches for kind \\"${
            placed.kind
          }\\" in version \\"${placed.group}/${placed.version}\\"". Move the ${
            placed.kind
          } objects to a second Kustomization with dependsOn on this one.`,
          location: where(placed, ['kind']),
          evidence: [
            `kind: ${placed.kind} (${placed.name})`,
            `${defName} at ${locationText(definition.placed)}`,
          ],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
      continue;
    }
    // A Kustomization applied by the one that applies a CRD starts after it: Flux applies CRDs
    // first and waits for them to be established. Not so for XRDs (Crossplane makes their CRD later).
    if (definition.what === 'CRD' && appliedBy(model, unit).has(defUnit)) continue;
    if (!dependsOnTransitively(model.cluster, unit, defUnit)) {
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(
        finding({
          rule: RULES.FLUX_CRD_ORDERING,
          subject,
          title: `${describeUnit(unit)} applies ${
            placed.kind
          } objects without depending on ${describeUnit(defUnit)}, which applies the ${defName}`,
          explanation: `Nothing orders the two: when ${unitName(
            unit
          )} runs first, the apply fails with "no matches for kind \\"${
            placed.kind
          }\\"". Add "dependsOn: [{name: ${unitName(defUnit)}}]" to ${unitName(unit)}.`,
          location: unit.kustomization
            ? locationOf(unit.kustomization.origin, ['spec', 'dependsOn'])
            : where(placed, ['kind']),
          evidence: [
            unit.kustomization
              ? `spec.dependsOn: ${
                  dependsOnIds(unit)
                    .map(id => id.split('/')[2])
                    .join(', ') || 'none'
                }`
              : 'applied by the bootstrap Kustomization, which has no dependsOn',
            `${placed.kind} ${placed.name} at ${locationText(placed)}`,
            `${defName} at ${locationText(definition.placed)}`,
          ],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
      continue;
    }
    // Ordered: does the definitions' Kustomization wait until the XRD is established?
    if (definition.what !== 'XRD' || !defUnit.kustomization || gatingReported.has(defUnit.id))
      continue;
    const spec = defUnit.kustomization.value.spec;
    const waits = field(spec, 'wait') === true || asArray(field(spec, 'healthChecks')).length > 0;
    const xrdVersion = splitApiVersion(asString(definition.placed.object.value.apiVersion)).version;
    const hasExpr = asArray(field(spec, 'healthCheckExprs')).some(
      item =>
        asString(field(item, 'kind')) === 'CompositeResourceDefinition' &&
        splitApiVersion(asString(field(item, 'apiVersion'))).group === XP_APIEXTENSIONS_GROUP &&
        splitApiVersion(asString(field(item, 'apiVersion'))).version === xrdVersion
    );
    if (waits && hasExpr) continue;
    gatingReported.add(defUnit.id);
    const defPlaced = model.placed.find(item => item.object === defUnit.kustomization);
    findings.push(
      finding({
        rule: RULES.FLUX_CRD_ORDERING,
        severity: 'warning',
        subject: defPlaced ? model.subject(defPlaced) : subject,
        title: `${describeUnit(defUnit)} is Ready before its XRDs are established`,
        explanation: `${describeUnit(unit)} depends on it to order ${
          placed.kind
        } after the ${defName}, but dependsOn only waits for Ready, and ${
          waits
            ? 'kstatus counts an XRD as ready as soon as it exists'
            : 'without wait: true or healthChecks the Kustomization is Ready right after the apply (healthCheckExprs alone are not evaluated)'
        }. Set wait: true and add a healthCheckExprs entry for apiextensions.crossplane.io/${xrdVersion} CompositeResourceDefinition with current: "status.conditions.exists(e, e.type == 'Established' && e.status == 'True')".`,
        location: locationOf(defUnit.kustomization.origin, ['spec']),
        evidence: [
          `wait: ${String(field(spec, 'wait') ?? false)}, healthCheckExprs for XRD ${xrdVersion}: ${
            hasExpr ? 'yes' : 'no'
          }`,
        ],
        actions: [doc('Health check expressions', DOCS.healthCheckExprs)],
      })
    );
  }
  return findings;
}
