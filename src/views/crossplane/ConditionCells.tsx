import React from 'react';
import { Translate, useT } from '../../i18n';
import { ConditionCell } from '../../model/crossplaneTree';
import { HealthCount } from '../../model/crossplaneTree';
import { healthLabel } from '../common/HealthChip';

export function conditionText(t: Translate, cell: ConditionCell): string {
  if (!cell.status) return t('{{type}}: not reported', { type: cell.type });
  const reason = cell.reason ? ` (${cell.reason})` : '';
  const stale = cell.stale ? ` ${t('about an older generation')}` : '';
  return `${cell.type}: ${cell.status}${reason}${stale}`;
}

/** `Synced: False (ReconcileError) · Ready: False (Creating)`, verbatim. */
export function ConditionCells({ cells }: { cells: ConditionCell[] }) {
  const t = useT();
  if (!cells.length) return null;
  return (
    <span>
      {cells.map((cell, position) => (
        <span key={cell.type} data-condition={cell.type}>
          {position > 0 ? ' · ' : ''}
          {conditionText(t, cell)}
        </span>
      ))}
    </span>
  );
}

/** `3: 1 Failing, 2 Ready`: what a collapsed level holds. */
export function countsText(t: Translate, counts: HealthCount[]): string {
  const total = counts.reduce((sum, count) => sum + count.count, 0);
  if (!total) return '';
  return `${total}: ${counts
    .map(count => `${count.count} ${healthLabel(t, count.health)}`)
    .join(', ')}`;
}
