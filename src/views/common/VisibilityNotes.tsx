import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { describeGap, isReadFailure } from '../../model/visibility';

/** What could not be read, so that nothing on the page is taken for "healthy" or "missing" by mistake. */
export function VisibilityNotes({ groups }: { groups?: (group: string) => boolean }) {
  const t = useT();
  const data = useFluxCrossplane();
  const gaps = data.index.visibility.filter(
    gap => isReadFailure(gap) && gap.reason !== 'not-found' && (!groups || groups(gap.group))
  );
  // Namespaces left out on purpose (Headlamp's namespace chooser, allowed namespaces): one line per cluster.
  const scopes = new Map<string, string[]>();
  for (const gap of data.index.visibility)
    if (gap.reason === 'outside-namespaces' && !scopes.has(gap.cluster))
      scopes.set(gap.cluster, gap.exceptNamespaces ?? []);
  if (!gaps.length && !data.discoveryErrors.length && !scopes.size) return null;
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
      {[...scopes].map(([cluster, namespaces]) => (
        <Alert key={`scope-${cluster}`} severity="info">
          {t(
            'Showing namespaces {{namespaces}} only (namespace selection); objects elsewhere are not read and not counted as missing.',
            { namespaces: namespaces.join(', ') || t('(none)') }
          )}
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
