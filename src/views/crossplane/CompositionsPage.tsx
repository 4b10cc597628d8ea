import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { COMPOSITION_KIND } from '../../model/kinds';
import { CompositionRow, compositionRows } from '../../viewModels/crossplaneLists';
import { DataTable } from '../common/DataTable';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { pendingIn } from '../common/pending';
import { VisibilityNotes } from '../common/VisibilityNotes';
import { CrossplaneNav } from './CrossplaneNav';
import { CrossplanePageState } from './CrossplanePageState';
import { ListFilter, matchesFilter, notFluxGroup } from './ListFilter';

function Pipeline({ row }: { row: CompositionRow }) {
  const t = useT();
  if (!row.steps.length) return <span>{t('no pipeline')}</span>;
  return (
    <span>
      {row.steps.map((step, position) => (
        <span key={`${position}-${step.step}`}>
          {position > 0 ? ' → ' : ''}
          {step.step}:{' '}
          <ObjectLink
            target={{
              cluster: row.resource.cluster,
              group: 'pkg.crossplane.io',
              kind: 'Function',
              namespace: '',
              name: step.functionName,
            }}
            withKind={false}
          />{' '}
          <HealthChip summary={step.status} showReason={false} />
        </span>
      ))}
    </span>
  );
}

function Revisions({ row }: { row: CompositionRow }) {
  const t = useT();
  if (!row.revisions.length) return <span>{t('none')}</span>;
  return (
    <span>
      {row.revisions.map((revision, position) => (
        <span key={revision.resource.name}>
          {position > 0 ? ', ' : ''}
          {revision.number !== undefined ? `#${revision.number} ` : ''}
          <ObjectLink target={revision.resource} withKind={false} />
          {position === 0 ? ` (${t('latest')})` : ''}
        </span>
      ))}
    </span>
  );
}

/** Every Composition: its type, mode, pipeline with each Function's health, and its revisions. */
export function CompositionsPage() {
  const t = useT();
  const data = useFluxCrossplane();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => compositionRows(data.index), [data.index]);
  const visible = rows.filter(row =>
    matchesFilter(
      filter,
      row.resource.name,
      row.compositeType,
      row.resource.cluster,
      ...row.steps.map(step => step.functionName)
    )
  );
  return (
    <SectionBox title={t('Compositions')}>
      <CrossplaneNav />
      <CrossplanePageState>
        <VisibilityNotes groups={notFluxGroup} />
        <ListFilter value={filter} onChange={setFilter} />
        <DataTable
          emptyMessage={t('No Compositions in the selected clusters.')}
          pending={pendingIn(data, [COMPOSITION_KIND])}
          data={visible}
          rowsPerPage={[25, 50, 100]}
          columns={[
            {
              label: t('Name'),
              getter: (row: CompositionRow) => (
                <ObjectLink target={row.resource} withKind={false} />
              ),
            },
            ...(data.clusters.length > 1
              ? [{ label: t('Cluster'), getter: (row: CompositionRow) => row.resource.cluster }]
              : []),
            {
              label: t('Composes'),
              getter: (row: CompositionRow) =>
                row.xrd ? (
                  <span>
                    {row.compositeType} — <ObjectLink target={row.xrd} withKind={false} />
                  </span>
                ) : (
                  `${row.compositeType} — ${t('no XRD found')}`
                ),
            },
            { label: t('Mode'), getter: (row: CompositionRow) => row.mode },
            { label: t('Pipeline'), getter: (row: CompositionRow) => <Pipeline row={row} /> },
            {
              label: t('Functions'),
              getter: (row: CompositionRow) => (
                <HealthChip summary={{ health: row.functionsHealth, reason: '', message: '' }} />
              ),
            },
            { label: t('Revisions'), getter: (row: CompositionRow) => <Revisions row={row} /> },
            { label: t('Used by XRs'), getter: (row: CompositionRow) => row.usedBy },
          ]}
        />
      </CrossplanePageState>
    </SectionBox>
  );
}
