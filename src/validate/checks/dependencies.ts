import { dependsOnOf } from '../../model/fluxSpec';
import { asString, field } from '../../model/json';
import { RULES } from '../../rules/catalogue';
import { doc, DOCS, finding, ValidateFinding } from '../findings';
import { Cluster, Unit } from '../units';
import { ClusterModel, where } from './model';

/** The Kustomization ids a unit depends on, directly. */
export function dependsOnIds(unit: Unit): string[] {
  const value = unit.kustomization?.value;
  if (!value) return [];
  const namespace = asString(field(value, 'metadata', 'namespace')) ?? '';
  return dependsOnOf(value, namespace).map(
    dependency => `Kustomization/${dependency.namespace}/${dependency.name}`
  );
}

/** Whether `from` depends (through dependsOn, transitively) on `to`. */
export function dependsOnTransitively(cluster: Cluster, from: Unit, to: Unit): boolean {
  const seen = new Set<string>();
  const queue = [...dependsOnIds(from)];
  while (queue.length) {
    const id = queue.shift() as string;
    if (id === to.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const unit = cluster.units.get(id);
    if (unit) queue.push(...dependsOnIds(unit));
  }
  return false;
}

/** Cycles of Kustomization dependsOn: none of their members is ever applied. */
export function dependencyCycles(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const units = [...model.cluster.units.values()].filter(unit => unit.kustomization);
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = stack.slice(stack.indexOf(id));
      const key = [...cycle].sort().join('|');
      if (reported.has(key)) return;
      reported.add(key);
      const first = model.cluster.units.get(cycle[0]);
      const placed = first?.kustomization
        ? model.placed.find(item => item.object === first.kustomization)
        : undefined;
      if (!placed) return;
      const names = [...cycle, id].map(item => item.split('/').slice(1).join('/'));
      findings.push(
        finding({
          rule: RULES.FLUX_DEPENDENCY,
          subject: model.subject(placed),
          title: `dependsOn cycle: ${names.join(' -> ')}`,
          explanation:
            'Each Kustomization of the cycle waits for the next to be Ready: none of them is ever applied. Remove one dependsOn entry.',
          location: where(placed, ['spec', 'dependsOn']),
          evidence: [names.join(' -> ')],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    const unit = model.cluster.units.get(id);
    if (unit)
      for (const dependency of dependsOnIds(unit))
        if (model.cluster.units.has(dependency)) visit(dependency);
    stack.pop();
    state.set(id, 'done');
  };
  for (const unit of units) visit(unit.id);
  return findings;
}
