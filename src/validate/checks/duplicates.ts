import { refKey } from '../../model/resource';
import { RULES } from '../../rules/catalogue';
import { VALIDATE_RULES } from '../catalogue';
import { doc, DOCS, finding, ValidateFinding } from '../findings';
import { ClusterModel, describeUnit, locationText } from './model';

/** Two copies of one object: in one build (kustomize fails) or in two Kustomizations (they fight over it). */
export function duplicateChecks(model: ClusterModel, acrossUnits: boolean): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const seen = new Set<string>();
  for (const placed of model.placed) {
    const copies = model.all(placed.group, placed.kind, placed.namespace, placed.name);
    const key = refKey({ cluster: '', ...placed });
    if (copies.length < 2 || seen.has(key)) continue;
    seen.add(key);
    const units = [...new Set(copies.map(copy => copy.unit))];
    const id = `${placed.kind}/${placed.namespace ? `${placed.namespace}/` : ''}${placed.name}`;
    if (units.length === 1) {
      findings.push(
        finding({
          rule: RULES.FLUX_INVALID_MANIFESTS,
          subject: model.subject(placed),
          title: `${id} is defined twice in one build`,
          explanation: `kustomize stops with "may not add resource with an already registered id" and ${describeUnit(
            placed.unit
          )} applies nothing.`,
          evidence: copies.map(copy => `defined at ${locationText(copy)}`),
          actions: [doc('kustomization.yaml resources', DOCS.kustomize)],
        })
      );
    } else if (acrossUnits) {
      findings.push(
        finding({
          rule: VALIDATE_RULES.VALIDATE_REF,
          subject: model.subject(placed),
          title: `${id} is applied by ${units.length} Kustomizations`,
          explanation: `${units
            .map(describeUnit)
            .join(
              ' and '
            )} both apply it: each overwrites the other's version, and pruning by one deletes what the other applied. Keep it in one of them.`,
          evidence: copies.map(copy => `${describeUnit(copy.unit)}: ${locationText(copy)}`),
          actions: [doc('Kustomization reference', DOCS.kustomization)],
        })
      );
    }
  }
  return findings;
}
