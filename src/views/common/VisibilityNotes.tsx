import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { isReadFailure } from '../../model/visibility';
import { useGapText } from './gapText';
import { TimeLabel } from './TimeLabel';

/** What could not be read, so that nothing on the page is taken for "healthy" or "missing" by mistake. */
export function VisibilityNotes({ groups }: { groups?: (group: string) => boolean }) {
  const t = useT();
  const gapText = useGapText();
  const data = useFluxCrossplane();
  const gaps = data.index.visibility.filter(
    gap => isReadFailure(gap) && gap.reason !== 'not-found' && (!groups || groups(gap.group))
  );
  // Namespaces left out on purpose (Headlamp's namespace chooser, allowed namespaces): one line per cluster.
  const scopes = new Map<string, string[]>();
  for (const gap of data.index.visibility)
    if (gap.reason === 'outside-namespaces' && !scopes.has(gap.cluster))
      scopes.set(gap.cluster, gap.exceptNamespaces ?? []);
  // Lists beyond the watch budget are re-read on a timer: the page is not live for them.
  const polled = data.liveness && data.liveness.polled > 0 ? data.liveness : undefined;
  const oldestRead = polled?.oldestReadAt();
  if (!gaps.length && !data.discoveryErrors.length && !scopes.size && !polled) return null;
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
      {polled && (
        <Alert severity="info" data-testid="not-live">
          {t(
            '{{polled}} of {{total}} lists are re-read every {{seconds}} s instead of watched, to stay within the browser’s connection budget: objects of those kinds may be up to that old.',
            {
              polled: polled.polled,
              total: polled.polled + polled.watched,
              seconds: Math.round(polled.intervalMs / 1000),
            }
          )}{' '}
          {oldestRead === undefined ? (
            t('Some of them have not answered yet.')
          ) : (
            <>
              {t('Oldest read:')} <TimeLabel date={new Date(oldestRead).toISOString()} />
            </>
          )}
        </Alert>
      )}
      {gaps.map(gap => (
        <Alert
          key={`${gap.cluster}|${gap.group}|${gap.kind}|${gap.namespace ?? ''}`}
          severity="info"
        >
          {gapText(gap)}{' '}
          {t('What depends on it is shown as not visible, not as missing or healthy.')}
        </Alert>
      ))}
    </Box>
  );
}
