import {
  dependsOnOf,
  isSuspendedSpec,
  kustomizationPathOf,
  kustomizationSourceRef,
} from '../../model/fluxSpec';
import { asArray, asString, field } from '../../model/json';
import { FLUX_KUSTOMIZE_GROUP } from '../../model/kinds';
import { RULES } from '../../rules/catalogue';
import { VALIDATE_RULES } from '../catalogue';
import { command, doc, DOCS, finding, ValidateFinding } from '../findings';
import { BOOTSTRAP_SOURCE, unitIdOf } from '../units';
import {
  ClusterModel,
  createSourceCommand,
  fluxSourceExists,
  isBootstrapObject,
  suspended,
  where,
} from './model';

export function kustomizationChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  for (const placed of model.ofKind(FLUX_KUSTOMIZE_GROUP, 'Kustomization')) {
    const value = placed.object.value;
    const subject = model.subject(placed);
    const namespace = placed.namespace;
    const id = `Kustomization ${namespace}/${placed.name}`;
    // The source.
    const source = kustomizationSourceRef(value, namespace);
    if (source) {
      const { kind, name, namespace: sourceNamespace } = source;
      const key = `${kind}/${sourceNamespace}/${name}`;
      if (!fluxSourceExists(model, kind, sourceNamespace, name) && key !== BOOTSTRAP_SOURCE) {
        findings.push(
          finding({
            rule: RULES.FLUX_ARTIFACT,
            subject,
            title: `Source '${kind}/${sourceNamespace}/${name}' of ${id} is not defined`,
            explanation: `No ${kind} ${sourceNamespace}/${name} is applied in this cluster, so Flux would report ArtifactFailed ("Source '${kind}/${sourceNamespace}/${name}' not found") and apply nothing. Add the source or fix spec.sourceRef.`,
            location: where(placed, ['spec', 'sourceRef']),
            evidence: [
              `spec.sourceRef: ${kind}/${name}${
                source.writtenNamespace ? ` in ${sourceNamespace}` : ''
              }`,
            ],
            actions: [
              command(`Generate the ${kind}`, createSourceCommand(kind, sourceNamespace, name)),
            ],
          })
        );
      }
    }
    // The path, when the source is local.
    const unit = model.cluster.units.get(unitIdOf(value));
    if (unit && unit.source && unit.kustomization === placed.object && !unit.exists) {
      const path = kustomizationPathOf(value) ?? './';
      findings.push(
        finding({
          rule: RULES.FLUX_ARTIFACT,
          subject,
          title: `kustomization path not found: ${path}`,
          explanation: `${id} points at ${path}, which is not a directory of its source (${
            unit.source.key
          }${
            unit.source.key === BOOTSTRAP_SOURCE ? ', the repository being validated' : ''
          }). Flux would report "kustomization path not found" and apply nothing.`,
          location: where(placed, ['spec', 'path']),
          evidence: [`spec.path: ${path}`],
          actions: [
            command('Directories of the source', `ls ${unit.source.tree.display('') || '.'}`),
          ],
        })
      );
    }
    // Dependencies.
    for (const { name: dependency, namespace: dependencyNamespace, index: i } of dependsOnOf(
      value,
      namespace
    )) {
      if (model.get(FLUX_KUSTOMIZE_GROUP, 'Kustomization', dependencyNamespace, dependency))
        continue;
      if (isBootstrapObject('Kustomization', dependencyNamespace, dependency)) continue;
      findings.push(
        finding({
          rule: RULES.FLUX_DEPENDENCY,
          subject,
          title: `dependency '${dependencyNamespace}/${dependency}' of ${id} is not defined`,
          explanation: `No Kustomization ${dependencyNamespace}/${dependency} is applied in this cluster: ${placed.name} would wait for it forever ("unable to get '${dependencyNamespace}/${dependency}' dependency"). Fix the name or add the Kustomization.`,
          location: where(placed, ['spec', 'dependsOn', i, 'name']),
          evidence: [`spec.dependsOn[${i}].name: ${dependency}`],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
    }
    if (isSuspendedSpec(value)) findings.push(suspended(model, placed));
    // Health checks of objects the Kustomization does not apply never pass.
    if (unit && unit.source && unit.exists && unit.kustomization === placed.object) {
      asArray(field(value, 'spec', 'healthChecks')).forEach((item, i) => {
        const checkKind = asString(field(item, 'kind'));
        const checkName = asString(field(item, 'name'));
        if (!checkKind || !checkName) return;
        const checkNamespace = asString(field(item, 'namespace')) ?? namespace;
        if (
          model.findByKind(checkKind, checkNamespace, checkName).length ||
          model.findByKind(checkKind, '', checkName).length
        )
          return;
        findings.push(
          finding({
            rule: VALIDATE_RULES.VALIDATE_REF,
            severity: 'warning',
            subject,
            title: `Health check of ${id} names ${checkKind} ${checkNamespace}/${checkName}, which this cluster does not apply`,
            explanation:
              'The health check would wait for an object that never appears and time out (HealthCheckFailed). Fix the name, or drop the entry.',
            location: where(placed, ['spec', 'healthChecks', i]),
            evidence: [`spec.healthChecks[${i}]: ${checkKind} ${checkNamespace}/${checkName}`],
            actions: [doc('Health checks', `${DOCS.kustomization}#health-checks`)],
          })
        );
      });
    }
  }
  return findings;
}
