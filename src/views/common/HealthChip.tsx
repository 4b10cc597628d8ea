import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { Translate, useT } from '../../i18n';
import { Health, HealthSummary } from '../../model/health';

/** Why the state shown is not current: its controller is down, degraded or missing. */
export function staleText(t: Translate, summary: HealthSummary): string {
  const stale = summary.staleBecause;
  if (!stale) return '';
  switch (stale.state) {
    case 'degraded':
      return t('may be stale: {{controller}} is degraded', { controller: stale.controller });
    case 'missing':
      return t('stale: {{controller}} is not installed', { controller: stale.controller });
    default:
      return t('stale: {{controller}} is down', { controller: stale.controller });
  }
}

const TONE: Record<Health, 'success' | 'warning' | 'error' | ''> = {
  healthy: 'success',
  failing: 'error',
  missing: 'error',
  progressing: 'warning',
  deleting: 'warning',
  suspended: 'warning',
  unknown: '',
  'not-visible': '',
  'no-status': '',
};

export function healthLabel(t: Translate, health: Health): string {
  switch (health) {
    case 'healthy':
      return t('Ready');
    case 'failing':
      return t('Failing');
    case 'missing':
      return t('Not found');
    case 'progressing':
      return t('Progressing');
    case 'deleting':
      return t('Deleting');
    case 'suspended':
      return t('Suspended');
    case 'not-visible':
      return t('Not visible');
    case 'no-status':
      return t('No status');
    default:
      return t('Unknown');
  }
}

/** The state word of an object, coloured; the reason follows when there is one. */
export function HealthChip({
  summary,
  showReason = true,
}: {
  summary: HealthSummary;
  showReason?: boolean;
}) {
  const t = useT();
  return (
    <span>
      <StatusLabel status={TONE[summary.health]}>{healthLabel(t, summary.health)}</StatusLabel>
      {showReason && summary.reason && summary.health !== 'healthy' ? (
        <span> {summary.reason}</span>
      ) : null}
      {summary.staleBecause ? <span> ({staleText(t, summary)})</span> : null}
    </span>
  );
}
