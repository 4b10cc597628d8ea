import { DateLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import { formatDuration } from '@kinvolk/headlamp-plugin/lib/Utils';
import React from 'react';
import { useT } from '../../i18n';

/**
 * A timestamp as Headlamp shows one: relative (Headlamp's DateLabel, its local
 * date on hover) with the exact RFC 3339 time in the title; a time in the
 * future as "in 4m". Text that is not a time is shown as it is, said so.
 */
export function TimeLabel({ date, now = Date.now() }: { date: string | undefined; now?: number }) {
  const t = useT();
  if (!date) return <span>{t('unknown')}</span>;
  const time = Date.parse(date);
  if (Number.isNaN(time)) return <span>{t('{{text}} (not a time)', { text: date })}</span>;
  const iso = new Date(time).toISOString();
  if (time > now) {
    return (
      <span title={iso} data-time={iso} style={{ whiteSpace: 'nowrap' }}>
        {t('in {{duration}}', { duration: formatDuration(time - now) })}
      </span>
    );
  }
  return (
    <span title={iso} data-time={iso} style={{ whiteSpace: 'nowrap' }}>
      <DateLabel date={iso} />
    </span>
  );
}

/** The next scheduled reconcile as a time: "in 4m", or "due 2m ago" when it is late. */
export function NextReconcile({ at, now = Date.now() }: { at: string; now?: number }) {
  const t = useT();
  const time = Date.parse(at);
  if (Number.isNaN(time) || time > now) return <TimeLabel date={at} now={now} />;
  const iso = new Date(time).toISOString();
  return (
    <span title={iso} data-time={iso} style={{ whiteSpace: 'nowrap' }}>
      {t('due {{duration}} ago', { duration: formatDuration(now - time) })}
    </span>
  );
}
