import { Translate } from '../../i18n';
import { Liveness } from '../../model/liveness';

/**
 * The answer to "is the attempted commit live?" in words, from the one model
 * function (`commitLiveness`); the facts row, Rollouts and the commit page say it this way.
 */
export function livenessText(t: Translate, liveness: Liveness): string {
  const values = {
    attempted: liveness.attempted.short,
    live: liveness.live.short || t('an unknown revision'),
    healthy: liveness.lastHealthy.short || t('none yet'),
  };
  const inferred = liveness.inferred ? ` (${t('inferred from status.history')})` : '';
  switch (liveness.state) {
    case 'live-unhealthy':
      return (
        t(
          '{{attempted}} is applied but not healthy: its objects are live (last healthy: {{healthy}})',
          values
        ) + inferred
      );
    case 'not-applied':
      return (
        (liveness.partial
          ? t(
              '{{attempted}} did not apply; the cluster runs {{live}} (CRDs and Namespaces of an earlier apply stage may be newer)',
              values
            )
          : t('{{attempted}} did not apply; the cluster runs {{live}}', values)) + inferred
      );
    case 'applying':
      return t('applying {{attempted}}; the cluster runs {{live}} until it is applied', values);
    case 'waiting':
      return liveness.live.raw
        ? t('not tried yet: waits for a dependency; the cluster runs {{live}}', values) + inferred
        : t('not tried yet: waits for a dependency; which revision runs is not known');
    case 'unknown':
      return t('which revision runs is not known');
    default:
      return '';
  }
}
