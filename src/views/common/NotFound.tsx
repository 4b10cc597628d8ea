import Alert from '@mui/material/Alert';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { ObjectRef } from '../../model/resource';
import { isPending } from '../../model/visibility';
import { gapMessage } from './gapText';
import { objectLabel } from './ObjectLink';
import { SectionLoading } from './pending';

/** Says whether an object is gone or merely not visible to this user. */
export function NotFound({ target }: { target: ObjectRef }) {
  const t = useT();
  const data = useFluxCrossplane();
  const gap = data.index.gapFor(
    target.cluster,
    target.group,
    target.kind,
    target.namespace || undefined
  );
  // Its list has not answered yet: unknown, so Headlamp's loader, never "not found".
  if (isPending(gap) || (!gap && data.loading)) return <SectionLoading />;
  return (
    <Alert severity={gap ? 'info' : 'warning'}>
      {gap
        ? t('{{object}} cannot be shown: {{reason}}.', {
            object: objectLabel(target),
            reason: gapMessage(t, gap) || gap.reason,
          })
        : t('{{object}} was not found in cluster {{cluster}}.', {
            object: objectLabel(target),
            cluster: target.cluster || t('(current)'),
          })}
    </Alert>
  );
}
