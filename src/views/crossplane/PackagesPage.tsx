import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo, useState } from 'react';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { XP_PKG_GROUP } from '../../model/kinds';
import { PackageRow, packageRows } from '../../viewModels/crossplaneLists';
import { DataTable } from '../common/DataTable';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { pendingIn } from '../common/pending';
import { VisibilityNotes } from '../common/VisibilityNotes';
import { ConditionCells } from './ConditionCells';
import { CrossplaneNav } from './CrossplaneNav';
import { CrossplanePageState } from './CrossplanePageState';
import { ListFilter, matchesFilter, notFluxGroup } from './ListFilter';

const KINDS: Array<{ kind: string; title: (t: Translate) => string }> = [
  { kind: 'Provider', title: t => t('Providers') },
  { kind: 'Function', title: t => t('Functions') },
  { kind: 'Configuration', title: t => t('Configurations') },
];

function RevisionList({ row }: { row: PackageRow }) {
  const t = useT();
  if (!row.revisions.length) return <span>{t('none')}</span>;
  return (
    <span>
      {row.revisions.map((revision, position) => (
        <span key={revision.resource.name}>
          {position > 0 ? ', ' : ''}
          <ObjectLink target={revision.resource} withKind={false} />{' '}
          {revision.resource.name === row.active?.name ? `(${t('active')}) ` : ''}
          <HealthChip summary={revision.status} showReason={false} />
        </span>
      ))}
    </span>
  );
}

/** Providers, Functions and Configurations with their revisions and health. */
export function PackagesPage() {
  const t = useT();
  const data = useFluxCrossplane();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => packageRows(data.index), [data.index]);
  const multiCluster = data.clusters.length > 1;
  return (
    <SectionBox title={t('Packages')}>
      <CrossplaneNav />
      <CrossplanePageState>
        <VisibilityNotes groups={notFluxGroup} />
        <ListFilter value={filter} onChange={setFilter} />
        {KINDS.map(({ kind, title }) => (
          <SectionBox key={kind} title={title(t)}>
            <DataTable
              emptyMessage={t('None in the selected clusters.')}
              pending={pendingIn(data, [{ group: XP_PKG_GROUP, kind }])}
              data={rows.filter(
                row =>
                  row.resource.kind === kind &&
                  matchesFilter(filter, row.resource.name, row.package, row.status.reason)
              )}
              rowsPerPage={[25, 50, 100]}
              columns={[
                {
                  label: t('Name'),
                  getter: (row: PackageRow) => (
                    <ObjectLink target={row.resource} withKind={false} />
                  ),
                },
                ...(multiCluster
                  ? [{ label: t('Cluster'), getter: (row: PackageRow) => row.resource.cluster }]
                  : []),
                {
                  label: t('State'),
                  getter: (row: PackageRow) => <HealthChip summary={row.status} />,
                },
                {
                  label: t('Conditions'),
                  getter: (row: PackageRow) => <ConditionCells cells={row.conditions} />,
                },
                {
                  label: t('Message'),
                  getter: (row: PackageRow) =>
                    row.status.health === 'healthy' ? '' : row.status.message,
                },
                { label: t('Package'), getter: (row: PackageRow) => row.package ?? '' },
                {
                  label: t('Current revision'),
                  getter: (row: PackageRow) => row.currentRevision ?? '',
                },
                { label: t('Revisions'), getter: (row: PackageRow) => <RevisionList row={row} /> },
              ]}
            />
          </SectionBox>
        ))}
      </CrossplanePageState>
    </SectionBox>
  );
}
