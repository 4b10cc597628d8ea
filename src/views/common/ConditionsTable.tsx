import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { useT } from '../../i18n';
import { isStale } from '../../model/conditions';
import { Resource } from '../../model/resource';
import { DataTable } from './DataTable';
import { TimeLabel } from './TimeLabel';

/** Every condition verbatim, with a note where it describes an older generation of the spec. */
export function ConditionsTable({ resource }: { resource: Resource }) {
  const t = useT();
  return (
    <SectionBox title={t('Conditions')}>
      <DataTable
        emptyMessage={t('This object reports no conditions.')}
        data={resource.conditions}
        columns={[
          { label: t('Type'), getter: condition => condition.type },
          {
            label: t('Status'),
            getter: condition =>
              isStale(condition, resource.generation)
                ? `${condition.status} (${t('about an older generation')})`
                : condition.status,
          },
          { label: t('Reason'), getter: condition => condition.reason },
          { label: t('Message'), getter: condition => condition.message },
          {
            label: t('Since'),
            getter: condition => <TimeLabel date={condition.lastTransitionTime} />,
          },
        ]}
      />
    </SectionBox>
  );
}
