import { ClusterIndex } from '../../model/clusterIndex';
import { alertProviderNameOf } from '../../model/fluxSpec';
import { FLUX_NOTIFICATION_GROUP } from '../../model/kinds';
import { RULES } from '../../rules/catalogue';
import { DEFAULT_SETTINGS, KeyObject, refOfSubject, RuleContext } from '../../rules/context';
import { notificationRules } from '../../rules/notifications';
import { packageRules } from '../../rules/packages';
import { Diagnosis } from '../../rules/types';
import { ValidateFinding } from '../findings';
import { SchemaRegistry } from '../schema';
import { alertChecks } from './alerts';
import { compositionChecks } from './compositions';
import { dependencyCycles } from './dependencies';
import { duplicateChecks } from './duplicates';
import { helmReleaseChecks } from './helmReleases';
import { kustomizationChecks } from './kustomizations';
import { ClusterModel } from './model';
import { orderingChecks } from './ordering';

/**
 * Cross-reference checks over the rendered clusters: what would make a
 * reconciliation fail or stall even though every object is valid on its own.
 * One file per check family; the cluster model they share is in model.ts.
 */

export type { Placed } from './model';
export { ClusterModel } from './model';

export interface CheckInput {
  models: ClusterModel[];
  index: ClusterIndex;
  schemas: SchemaRegistry;
  keyObjects?: KeyObject[];
  /** False when the tree has no Flux Kustomizations: no apply order or ownership to check. */
  orderKnown?: boolean;
}

/**
 * An Alert whose spec.providerRef names a Provider the tree does not define sends its events
 * nowhere: an error before merge (the live rule says "missing or not Ready", a warning, because
 * a cluster may still get the Provider from elsewhere; Git is the whole of what validate reads).
 */
function alertWithoutProvider(index: ClusterIndex, diagnosis: Diagnosis): Diagnosis {
  if (diagnosis.ruleId !== RULES.FLUX_NO_ALERTS.id || diagnosis.subject.kind !== 'Alert')
    return diagnosis;
  const alert = index.get(refOfSubject(diagnosis.subject));
  const name = alert ? alertProviderNameOf(alert.raw) : undefined;
  const provider = name
    ? index.get({
        cluster: alert?.cluster ?? '',
        group: FLUX_NOTIFICATION_GROUP,
        kind: 'Provider',
        namespace: alert?.namespace ?? '',
        name,
      })
    : undefined;
  return alert && !provider ? { ...diagnosis, severity: 'error' } : diagnosis;
}

/** Diagnoses of the live rules that read only what Git holds: alert coverage and removed Crossplane APIs. */
function liveRuleDiagnoses(input: CheckInput): Diagnosis[] {
  const context: RuleContext = {
    index: input.index,
    now: 0,
    settings: {
      ...DEFAULT_SETTINGS,
      ...(input.keyObjects ? { keyObjects: input.keyObjects } : {}),
    },
  };
  return [
    ...notificationRules(context).map(item => alertWithoutProvider(input.index, item.diagnosis)),
    ...packageRules(context)
      .map(item => item.diagnosis)
      .filter(diagnosis => diagnosis.ruleId === RULES.XP_DEPRECATED_API.id),
  ];
}

export interface CheckResult {
  findings: ValidateFinding[];
  /** Diagnoses of the live rules, without locations yet. */
  live: Diagnosis[];
}

export function crossReferenceChecks(input: CheckInput): CheckResult {
  const findings: ValidateFinding[] = [];
  for (const model of input.models) {
    findings.push(
      ...duplicateChecks(model, input.orderKnown !== false),
      ...kustomizationChecks(model),
      ...dependencyCycles(model),
      ...helmReleaseChecks(model),
      ...alertChecks(model),
      ...compositionChecks(model, input.schemas),
      ...(input.orderKnown !== false ? orderingChecks(model) : [])
    );
  }
  return { findings, live: liveRuleDiagnoses(input) };
}
