import TextField from '@mui/material/TextField';
import React from 'react';
import { useT } from '../../i18n';

/** The text filter above a Crossplane list. */
export function ListFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useT();
  return (
    <TextField
      size="small"
      label={t('Filter')}
      value={value}
      onChange={event => onChange(event.target.value)}
      sx={{ mb: 1 }}
    />
  );
}

/** Whether any of the texts holds the filter (case-insensitive); an empty filter keeps everything. */
export function matchesFilter(filter: string, ...texts: Array<string | undefined>): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return texts.some(text => text?.toLowerCase().includes(needle));
}

export const notFluxGroup = (group: string): boolean =>
  group.endsWith('crossplane.io') || !group.endsWith('fluxcd.io');
