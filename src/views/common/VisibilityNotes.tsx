import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { describeGap } from '../../model/visibility';

/** What could not be read, so that nothing on the page is taken for "healthy" or "missing" by mistake. */
export function VisibilityNotes({ groups }: { groups?: (group: string) => boolean }) {
  const t = useT();
  const data = useFluxCrossplane();
  const gaps = data.index.visibility.filter(
    gap => gap.reason !== 'not-found' && (!groups || groups(gap.group))
  );
  if (!gaps.length && !data.discoveryErrors.length) return null;
  return (
    <Box sx={{ mb: 2 }}>
      {data.discoveryErrors.map(error => (
        <Alert key={`discovery-${error.cluster}`} severity="info">
          {t('API discovery failed in cluster {{cluster}}: {{message}}', {
            cluster: error.cluster,
            message: error.message,
          })}
        </Alert>
      ))}
      {gaps.map(gap => (
        <Alert
          key={`${gap.cluster}|${gap.group}|${gap.kind}|${gap.namespace ?? ''}`}
          severity="info"
        >
          {describeGap(gap)}{' '}
          {t('What depends on it is shown as not visible, not as missing or healthy.')}
        </Alert>
      ))}
    </Box>
  );
}
