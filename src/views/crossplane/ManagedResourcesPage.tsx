import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import React, { useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { managedByProvider, ManagedRow, ProviderGroup } from '../../viewModels/crossplaneLists';
import { DataTable } from '../common/DataTable';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { VisibilityNotes } from '../common/VisibilityNotes';
import { ConditionCells } from './ConditionCells';
import { CrossplaneNav } from './CrossplaneNav';
import { CrossplanePageState } from './CrossplanePageState';
import { ListFilter, matchesFilter, notFluxGroup } from './ListFilter';

function ProviderTitle({ group }: { group: ProviderGroup }) {
  const t = useT();
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
      {group.provider ? (
        <>
          <ObjectLink target={group.provider} />
          {group.providerStatus ? <HealthChip summary={group.providerStatus} /> : null}
        </>
      ) : (
        <span>{t('Provider not found for {{groups}}', { groups: group.groups.join(', ') })}</span>
      )}
      <span>
        {t('{{count}} managed resources, {{failing}} failing', {
          count: group.rows.length,
          failing: group.failing,
        })}
      </span>
    </Box>
  );
}

/** Managed resources grouped by the Provider that serves their API group. */
export function ManagedResourcesPage() {
  const t = useT();
  const data = useFluxCrossplane({ allManaged: true });
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => managedByProvider(data.index), [data.index]);
  const multiCluster = data.clusters.length > 1;
  return (
    <SectionBox title={t('Managed resources')}>
      <CrossplaneNav />
      <CrossplanePageState>
        <VisibilityNotes groups={notFluxGroup} />
        <ListFilter value={filter} onChange={setFilter} />
        {groups.length === 0 ? <p>{t('No managed resources in the selected clusters.')}</p> : null}
        {groups.map(group => {
          const rows = group.rows.filter(row =>
            matchesFilter(
              filter,
              row.resource.kind,
              row.resource.namespace,
              row.resource.name,
              row.status.reason,
              row.externalName,
              row.providerConfig?.name
            )
          );
          if (!rows.length && filter) return null;
          return (
            <SectionBox key={group.key} title={group.provider?.name ?? group.groups.join(', ')}>
              <ProviderTitle group={group} />
              <DataTable
                data={rows}
                rowsPerPage={[25, 50, 100]}
                columns={[
                  {
                    label: t('Object'),
                    getter: (row: ManagedRow) => <ObjectLink target={row.resource} />,
                  },
                  ...(multiCluster
                    ? [{ label: t('Cluster'), getter: (row: ManagedRow) => row.resource.cluster }]
                    : []),
                  {
                    label: t('State'),
                    getter: (row: ManagedRow) => <HealthChip summary={row.status} />,
                  },
                  {
                    label: t('Conditions'),
                    getter: (row: ManagedRow) => <ConditionCells cells={row.conditions} />,
                  },
                  {
                    label: t('Message'),
                    getter: (row: ManagedRow) =>
                      row.status.health === 'healthy' ? '' : row.status.message,
                  },
                  {
                    label: t('ProviderConfig'),
                    getter: (row: ManagedRow) =>
                      row.providerConfig ? (
                        <span>
                          <ObjectLink target={row.providerConfig} />
                          {row.providerConfigFound ? '' : ` (${t('not found')})`}
                        </span>
                      ) : (
                        t('none')
                      ),
                  },
                  {
                    label: t('Composed by'),
                    getter: (row: ManagedRow) =>
                      row.owner ? <ObjectLink target={row.owner} /> : '',
                  },
                  {
                    label: t('External name'),
                    getter: (row: ManagedRow) => row.externalName ?? '',
                  },
                ]}
              />
            </SectionBox>
          );
        })}
      </CrossplanePageState>
    </SectionBox>
  );
}
