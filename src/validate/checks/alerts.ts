import { alertEventSources } from '../../model/fluxSpec';
import { asString, field } from '../../model/json';
import { FLUX_NOTIFICATION_GROUP, isFluxGroup } from '../../model/kinds';
import { VALIDATE_RULES } from '../catalogue';
import { doc, DOCS, finding, ValidateFinding } from '../findings';
import { ClusterModel, isBootstrapObject, where } from './model';

/** Alert event sources that name an object this cluster does not have: the Alert watches nothing. */
export function alertChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  for (const placed of model.ofKind(FLUX_NOTIFICATION_GROUP, 'Alert')) {
    alertEventSources(placed.object.value).forEach((source, i) => {
      const kind = asString(field(source, 'kind'));
      const name = asString(field(source, 'name'));
      if (!kind || !name || name === '*') return;
      const namespace = asString(field(source, 'namespace')) ?? placed.namespace;
      // `flux bootstrap` creates GitRepository and Kustomization flux-system/flux-system.
      if (isBootstrapObject(kind, namespace, name)) return;
      const found = model.findByKind(kind, namespace, name).some(item => isFluxGroup(item.group));
      if (found) return;
      findings.push(
        finding({
          rule: VALIDATE_RULES.VALIDATE_REF,
          severity: 'warning',
          subject: model.subject(placed),
          title: `Alert ${placed.namespace}/${placed.name} watches ${kind} ${namespace}/${name}, which this cluster does not apply`,
          explanation:
            'Events of an object that does not exist never arrive: the alert is silent. Check the name (or use "*" with matchLabels).',
          location: where(placed, ['spec', 'eventSources', i]),
          evidence: [`spec.eventSources[${i}]: ${kind}/${name}`],
          actions: [doc('Alert event sources', DOCS.alerts)],
        })
      );
    });
  }
  return findings;
}
