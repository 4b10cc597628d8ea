import { Translate } from '../../i18n';
import { ObjectRole } from '../../model/clusterIndex';
import { CrossplaneReadiness } from '../../model/rollout';

function roleWords(t: Translate, role: ObjectRole, ready: number, total: number): string {
  const values = { ready, total };
  switch (role) {
    case 'claim':
      return t('{{ready}}/{{total}} claims Ready', values);
    case 'composite':
      return t('{{ready}}/{{total}} composite resources Ready', values);
    case 'managed':
      return t('{{ready}}/{{total}} managed resources Ready', values);
    case 'xrd':
      return t('{{ready}}/{{total}} XRDs established', values);
    case 'composition':
      return t('{{ready}}/{{total}} Compositions', values);
    case 'package':
      return t('{{ready}}/{{total}} packages healthy', values);
    default:
      return `${ready}/${total}`;
  }
}

/** "12/14 claims Ready, 3/3 XRDs established": what a Kustomization's Crossplane objects say. */
export function readinessText(t: Translate, readiness: CrossplaneReadiness[]): string {
  return readiness
    .map(tally => {
      const words = roleWords(t, tally.role, tally.ready, tally.total);
      return tally.failing
        ? t('{{readiness}} ({{count}} failing)', { readiness: words, count: tally.failing })
        : words;
    })
    .join(', ');
}
