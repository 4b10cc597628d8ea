import { dependsOnOf, helmReleaseSourceRefs, isSuspendedSpec } from '../../model/fluxSpec';
import { FLUX_HELM_GROUP, FLUX_NOTIFICATION_GROUP, FLUX_SOURCE_GROUP } from '../../model/kinds';
import { RULES } from '../../rules/catalogue';
import { command, doc, DOCS, finding, ValidateFinding } from '../findings';
import { ClusterModel, createSourceCommand, fluxSourceExists, suspended, where } from './model';

export function helmReleaseChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  for (const placed of model.ofKind(FLUX_HELM_GROUP, 'HelmRelease')) {
    const value = placed.object.value;
    const subject = model.subject(placed);
    const id = `HelmRelease ${placed.namespace}/${placed.name}`;
    for (const { path, ref } of helmReleaseSourceRefs(value, placed.namespace)) {
      const { kind, name, namespace } = ref;
      if (fluxSourceExists(model, kind, namespace, name)) continue;
      findings.push(
        finding({
          rule: RULES.FLUX_ARTIFACT,
          subject,
          title: `Source '${kind}/${namespace}/${name}' of ${id} is not defined`,
          explanation: `No ${kind} ${namespace}/${name} is applied in this cluster: the chart cannot be fetched and the release is never installed (ArtifactFailed). Add the source or fix ${path.join(
            '.'
          )}.`,
          location: where(placed, [...path]),
          evidence: [`${path.join('.')}: ${kind}/${name}`],
          actions: [command(`Generate the ${kind}`, createSourceCommand(kind, namespace, name))],
        })
      );
    }
    for (const { name: dependency, namespace, index: i } of dependsOnOf(value, placed.namespace)) {
      if (model.get(FLUX_HELM_GROUP, 'HelmRelease', namespace, dependency)) continue;
      findings.push(
        finding({
          rule: RULES.FLUX_DEPENDENCY,
          subject,
          title: `dependency '${namespace}/${dependency}' of ${id} is not defined`,
          explanation: `No HelmRelease ${namespace}/${dependency} is applied in this cluster: the release would wait for it forever.`,
          location: where(placed, ['spec', 'dependsOn', i, 'name']),
          evidence: [`spec.dependsOn[${i}].name: ${dependency}`],
          actions: [doc('HelmRelease dependencies', `${DOCS.helmRelease}#dependencies`)],
        })
      );
    }
    if (isSuspendedSpec(value)) findings.push(suspended(model, placed));
  }
  for (const placed of model.placed) {
    if (placed.group !== FLUX_SOURCE_GROUP && placed.group !== FLUX_NOTIFICATION_GROUP) continue;
    if (isSuspendedSpec(placed.object.value)) findings.push(suspended(model, placed));
  }
  return findings;
}
