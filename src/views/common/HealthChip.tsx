import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { Translate, useT } from '../../i18n';
import { Health, HealthSummary } from '../../model/health';

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
    </span>
  );
}
