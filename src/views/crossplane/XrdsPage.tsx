import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { XRD_KIND } from '../../model/kinds';
import { XrdRow, xrdRows } from '../../viewModels/crossplaneLists';
import { DataTable } from '../common/DataTable';
import { useGapText } from '../common/gapText';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { pendingIn } from '../common/pending';
import { VisibilityNotes } from '../common/VisibilityNotes';
import { ConditionCells } from './ConditionCells';
import { CrossplaneNav } from './CrossplaneNav';
import { CrossplanePageState } from './CrossplanePageState';
import { ListFilter, matchesFilter, notFluxGroup } from './ListFilter';

/** Every XRD (v1 and v2): whether it is established and offered, what it defines, and how much uses it. */
export function XrdsPage() {
  const t = useT();
  const gapText = useGapText();
  const data = useFluxCrossplane();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => xrdRows(data.index), [data.index]);
  const visible = rows.filter(row =>
    matchesFilter(
      filter,
      row.resource.name,
      row.kind,
      row.claimKind,
      row.resource.cluster,
      row.status.reason
    )
  );
  return (
    <SectionBox title={t('Composite resource definitions')}>
      <CrossplaneNav />
      <CrossplanePageState>
        <VisibilityNotes groups={notFluxGroup} />
        <ListFilter value={filter} onChange={setFilter} />
        <DataTable
          emptyMessage={t('No XRDs in the selected clusters.')}
          pending={pendingIn(data, [XRD_KIND])}
          data={visible}
          rowsPerPage={[25, 50, 100]}
          columns={[
            {
              label: t('Name'),
              getter: (row: XrdRow) => <ObjectLink target={row.resource} withKind={false} />,
            },
            ...(data.clusters.length > 1
              ? [{ label: t('Cluster'), getter: (row: XrdRow) => row.resource.cluster }]
              : []),
            { label: t('State'), getter: (row: XrdRow) => <HealthChip summary={row.status} /> },
            {
              label: t('Conditions'),
              getter: (row: XrdRow) => <ConditionCells cells={row.conditions} />,
            },
            {
              label: t('Message'),
              getter: (row: XrdRow) => (row.status.health === 'healthy' ? '' : row.status.message),
            },
            { label: t('Defines'), getter: (row: XrdRow) => `${row.kind}.${row.group}` },
            { label: t('Claim kind'), getter: (row: XrdRow) => row.claimKind ?? t('none') },
            { label: t('Scope'), getter: (row: XrdRow) => row.scope },
            { label: t('API version'), getter: (row: XrdRow) => row.resource.apiVersion },
            { label: t('Compositions'), getter: (row: XrdRow) => row.compositions },
            {
              label: t('XRs / claims'),
              getter: (row: XrdRow) =>
                row.gap
                  ? gapText(row.gap)
                  : row.claimKind
                  ? `${row.composites} / ${row.claims}`
                  : `${row.composites}`,
            },
          ]}
        />
      </CrossplanePageState>
    </SectionBox>
  );
}
