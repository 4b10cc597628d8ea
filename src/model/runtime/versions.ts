import { field, stringField, stringMap } from '../json';
import { PART_OF_LABEL, VERSION_LABEL } from './labels';

export function mostCommon(values: Array<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** The Flux distribution version from CRD labels (`app.kubernetes.io/version` on the toolkit CRDs). */
export function fluxVersionFromCrds(crds: readonly unknown[] | undefined): string | undefined {
  return mostCommon(
    (crds ?? []).map(crd =>
      (stringField(crd, 'spec', 'group') ?? '').endsWith('.toolkit.fluxcd.io') &&
      stringMap(field(crd, 'metadata', 'labels'))[PART_OF_LABEL] === 'flux'
        ? stringMap(field(crd, 'metadata', 'labels'))[VERSION_LABEL]
        : undefined
    )
  );
}
