import { Translate } from '../../i18n';
import { Fact, FactLabel, TreeGroup } from '../../model/crossplaneTree';

/** Each fact label of the Crossplane tree (model/crossplaneTree/facts.ts) as a static t() call. */
const FACT_LABELS: Record<FactLabel, (t: Translate) => string> = {
  Defines: t => t('Defines'),
  'Claim kind': t => t('Claim kind'),
  Scope: t => t('Scope'),
  Mode: t => t('Mode'),
  For: t => t('For'),
  'Current revision': t => t('Current revision'),
  Package: t => t('Package'),
  'Desired state': t => t('Desired state'),
  Composition: t => t('Composition'),
  'Composition revision': t => t('Composition revision'),
  'Resource name': t => t('Resource name'),
  'External name': t => t('External name'),
  Paused: t => t('Paused'),
  Step: t => t('Step'),
};

/** Each heading of the Crossplane tree (model/crossplaneTree/section.ts) as a static t() call. */
const TREE_GROUPS: Record<TreeGroup, (t: Translate) => string> = {
  'Definitions and their claims and composite resources': t =>
    t('Definitions and their claims and composite resources'),
  'Claims and composite resources whose XRD is not found': t =>
    t('Claims and composite resources whose XRD is not found'),
  'Claims and composite resources whose Composition is not found': t =>
    t('Claims and composite resources whose Composition is not found'),
  'Claims and composite resources': t => t('Claims and composite resources'),
  Pipeline: t => t('Pipeline'),
  Packages: t => t('Packages'),
  'Managed resources': t => t('Managed resources'),
  'Other Crossplane objects': t => t('Other Crossplane objects'),
};

export function factLabel(t: Translate, label: FactLabel): string {
  return FACT_LABELS[label](t);
}

/** A fact's value in words: `yes` is translated, everything else is the object's own value. */
export function factValue(t: Translate, fact: Fact): string {
  return fact.value === 'yes' ? t('yes') : fact.value;
}

export function treeGroupLabel(t: Translate, group: TreeGroup): string {
  return TREE_GROUPS[group](t);
}
