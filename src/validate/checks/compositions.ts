import {
  compositeTypeRefOf,
  definedKinds,
  pipelineStepsOf,
  xrdVersionsOf,
} from '../../model/crossplaneSpec';
import { asString, field } from '../../model/json';
import { isFluxGroup, XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from '../../model/kinds';
import { RULES } from '../../rules/catalogue';
import { doc, DOCS, finding, ValidateFinding } from '../findings';
import { SchemaRegistry } from '../schema';
import { ClusterModel, locationText, Placed, where, xrdDefining, xrdsOf } from './model';

export function compositionChecks(model: ClusterModel, schemas: SchemaRegistry): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const functions = new Set(model.ofKind(XP_PKG_GROUP, 'Function').map(item => item.name));
  const hasConfiguration = model.ofKind(XP_PKG_GROUP, 'Configuration').length > 0;
  for (const placed of model.ofKind(XP_APIEXTENSIONS_GROUP, 'Composition')) {
    const value = placed.object.value;
    const subject = model.subject(placed);
    const { apiVersion, group, version, kind } = compositeTypeRefOf(value);
    if (apiVersion && kind) {
      const defined = xrdDefining(model, group, kind);
      if (!defined || defined.role !== 'composite') {
        if (!schemas.get(group, kind)) {
          findings.push(
            finding({
              rule: RULES.XP_NO_COMPOSITION,
              severity: 'warning',
              subject,
              title: `No XRD in this cluster defines ${kind} in ${group} (compositeTypeRef of Composition ${placed.name})`,
              explanation:
                'No composite resource can select this Composition until an XRD defines its type. Check compositeTypeRef, or apply the XRD (in a Kustomization this one depends on).',
              location: where(placed, ['spec', 'compositeTypeRef']),
              evidence: [`spec.compositeTypeRef: ${apiVersion}, ${kind}`],
              actions: [doc('Compositions', DOCS.compositions)],
            })
          );
        }
      } else {
        const versions = xrdVersionsOf(defined.xrd.object.value);
        const match = versions.find(item => asString(field(item, 'name')) === version);
        const problem = !match
          ? `the XRD has no version ${version}`
          : field(match, 'served') !== true
          ? `version ${version} is not served`
          : field(match, 'referenceable') !== true
          ? `version ${version} is not the referenceable version`
          : undefined;
        if (problem) {
          const referenceable = versions
            .filter(item => field(item, 'referenceable') === true)
            .map(item => `${group}/${asString(field(item, 'name'))}`);
          findings.push(
            finding({
              rule: RULES.XP_NO_COMPOSITION,
              subject,
              title: `Composition ${placed.name} references ${apiVersion} ${kind}, but ${problem}`,
              explanation: `Crossplane only selects Compositions whose compositeTypeRef names the XRD's referenceable version (${
                referenceable.join(', ') || 'none'
              }); XRs of ${kind} would report "no compatible Compositions found".`,
              location: where(placed, ['spec', 'compositeTypeRef', 'apiVersion']),
              evidence: [
                `spec.compositeTypeRef.apiVersion: ${apiVersion}`,
                `XRD ${defined.xrd.name}: ${locationText(defined.xrd)}`,
              ],
              actions: [doc('Composite resource definitions', DOCS.xrds)],
            })
          );
        }
      }
    }
    pipelineStepsOf(value).forEach((step, i) => {
      const name = asString(field(step, 'functionRef', 'name'));
      if (!name || functions.has(name)) return;
      findings.push(
        finding({
          rule: RULES.XP_FUNCTION_MISSING,
          severity: hasConfiguration ? 'warning' : 'error',
          subject,
          title: `Pipeline step "${asString(field(step, 'step')) ?? i}" of Composition ${
            placed.name
          } names Function ${name}, which this cluster does not install`,
          explanation: `XRs using this Composition would fail with "cannot find an active FunctionRevision". Add a pkg.crossplane.io Function named ${name}${
            hasConfiguration
              ? ' (unless a Configuration in this cluster installs it as a dependency)'
              : ''
          }, or fix functionRef.name.`,
          location: where(placed, ['spec', 'pipeline', i, 'functionRef', 'name']),
          evidence: [
            `spec.pipeline[${i}].functionRef.name: ${name}`,
            `Functions in this cluster: ${[...functions].sort().join(', ') || 'none'}`,
          ],
          actions: [doc('Composition functions', DOCS.functions)],
        })
      );
    });
  }
  // Composition references of XRDs, XRs and claims.
  const compositions = new Map(
    model.ofKind(XP_APIEXTENSIONS_GROUP, 'Composition').map(item => [item.name, item])
  );
  for (const xrd of xrdsOf(model)) {
    for (const refField of ['defaultCompositionRef', 'enforcedCompositionRef']) {
      const name = asString(field(xrd.object.value, 'spec', refField, 'name'));
      if (!name || compositions.has(name)) continue;
      findings.push(missingComposition(model, xrd, ['spec', refField, 'name'], name));
    }
  }
  for (const placed of model.placed) {
    if (placed.group === '' || isFluxGroup(placed.group)) continue;
    const defined = xrdDefining(model, placed.group, placed.kind);
    if (!defined) continue;
    for (const path of [
      ['spec', 'crossplane', 'compositionRef', 'name'],
      ['spec', 'compositionRef', 'name'],
    ]) {
      const name = asString(field(placed.object.value, ...path));
      if (!name) continue;
      const composition = compositions.get(name);
      if (!composition) {
        findings.push(missingComposition(model, placed, path, name));
        continue;
      }
      const xrdValue = defined.xrd.object.value;
      const compositeKind = definedKinds(xrdValue).kind;
      const { kind: typeKind, group: typeGroup } = compositeTypeRefOf(composition.object.value);
      if (typeKind !== compositeKind || typeGroup !== placed.group) {
        findings.push(
          finding({
            rule: RULES.XP_NO_COMPOSITION,
            subject: model.subject(placed),
            title: `${placed.kind} ${placed.namespace ? `${placed.namespace}/` : ''}${
              placed.name
            } selects Composition ${name}, which is for ${typeKind ?? '?'}`,
            explanation: `Crossplane would report "referenced composition is not compatible": the Composition's compositeTypeRef names ${typeGroup}/${typeKind}, not ${placed.group}/${compositeKind}.`,
            location: where(placed, path),
            evidence: [
              `${path.join('.')}: ${name}`,
              `Composition ${name}: ${locationText(composition)}`,
            ],
            actions: [doc('Compositions', DOCS.compositions)],
          })
        );
      }
    }
  }
  return findings;
}

function missingComposition(
  model: ClusterModel,
  placed: Placed,
  path: string[],
  name: string
): ValidateFinding {
  return finding({
    rule: RULES.XP_NO_COMPOSITION,
    subject: model.subject(placed),
    title: `${placed.kind} ${placed.namespace ? `${placed.namespace}/` : ''}${
      placed.name
    } references Composition ${name}, which this cluster does not apply`,
    explanation: `Crossplane would report "cannot select Composition" until a Composition named ${name} exists. Fix the name or add the Composition (in a Kustomization this one depends on).`,
    location: where(placed, path),
    evidence: [`${path.join('.')}: ${name}`],
    actions: [doc('Compositions', DOCS.compositions)],
  });
}
