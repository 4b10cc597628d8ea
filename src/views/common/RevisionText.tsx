import React from 'react';
import { useT } from '../../i18n';
import { isSafeWebUrl } from '../../model/commitLink';
import { Revision } from '../../model/revision';

const ONE_LINE = { whiteSpace: 'nowrap' } as const;

/**
 * A revision as people read it (`main@8a1f2c3`), linked to the commit when a safe link
 * exists; the full text on hover. Never broken across lines (a short SHA is one token).
 */
export function RevisionText({ revision, url }: { revision: Revision; url?: string }) {
  const t = useT();
  if (!revision.raw) return <span>{t('none')}</span>;
  if (url && isSafeWebUrl(url)) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" title={revision.raw} style={ONE_LINE}>
        {revision.short}
      </a>
    );
  }
  return (
    <span title={revision.raw} style={ONE_LINE}>
      {revision.short}
    </span>
  );
}
