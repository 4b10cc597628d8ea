import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { XRD_KIND } from '../../model/kinds';
import { provenanceOf } from '../../model/provenance';
import { ANY_KIND } from '../../model/visibility';
import {
  CompositeKindRow,
  compositeKindRows,
  CompositeRow,
  compositeRows,
} from '../../viewModels/crossplaneLists';
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

function ManagedBy({ row }: { row: CompositeRow }) {
  const t = useT();
  const data = useFluxCrossplane();
  const provenance = provenanceOf(data.index, row.resource, data.links);
  if (!provenance) return <span>{t('not managed by Flux')}</span>;
  return <ObjectLink target={provenance.manager} />;
}

/**
 * Every XR and claim kind the XRDs define (v1 and v2 XRDs, LegacyCluster,
 * Cluster and Namespaced scope), then every XR and claim with its state.
 */
export function CompositesPage() {
  const t = useT();
  const gapText = useGapText();
  const data = useFluxCrossplane();
  const [filter, setFilter] = useState('');
  const kinds = useMemo(() => compositeKindRows(data.index), [data.index]);
  const rows = useMemo(() => compositeRows(data.index), [data.index]);
  const multiCluster = data.clusters.length > 1;
  const visible = rows.filter(row =>
    matchesFilter(
      filter,
      row.resource.kind,
      row.resource.namespace,
      row.resource.name,
      row.resource.cluster,
      row.status.reason,
      row.composition
    )
  );
  return (
    <SectionBox title={t('Composite resources and claims')}>
      <CrossplaneNav />
      <CrossplanePageState>
        <VisibilityNotes groups={notFluxGroup} />
        <SectionBox title={t('Kinds defined by XRDs')}>
          <DataTable
            emptyMessage={t('No XRDs define composite resource kinds in the selected clusters.')}
            pending={pendingIn(data, [XRD_KIND])}
            data={kinds}
            columns={[
              { label: t('Kind'), getter: (row: CompositeKindRow) => `${row.kind}.${row.group}` },
              ...(multiCluster
                ? [{ label: t('Cluster'), getter: (row: CompositeKindRow) => row.cluster }]
                : []),
              {
                label: t('Is'),
                getter: (row: CompositeKindRow) =>
                  row.role === 'claim' ? t('claim') : t('composite resource'),
              },
              { label: t('Scope'), getter: (row: CompositeKindRow) => row.scope },
              {
                label: t('XRD'),
                getter: (row: CompositeKindRow) => <ObjectLink target={row.xrd} withKind={false} />,
              },
              {
                label: t('Objects'),
                getter: (row: CompositeKindRow) => (row.gap ? gapText(row.gap) : row.count),
              },
              { label: t('Failing'), getter: (row: CompositeKindRow) => row.failing },
            ]}
          />
        </SectionBox>
        <ListFilter value={filter} onChange={setFilter} />
        <DataTable
          emptyMessage={t('No composite resources or claims in the selected clusters.')}
          pending={pendingIn(data, [XRD_KIND, { group: ANY_KIND, kind: ANY_KIND }])}
          data={visible}
          rowsPerPage={[25, 50, 100]}
          columns={[
            {
              label: t('Object'),
              getter: (row: CompositeRow) => <ObjectLink target={row.resource} />,
            },
            ...(multiCluster
              ? [{ label: t('Cluster'), getter: (row: CompositeRow) => row.resource.cluster }]
              : []),
            { label: t('Scope'), getter: (row: CompositeRow) => row.scope },
            {
              label: t('State'),
              getter: (row: CompositeRow) => <HealthChip summary={row.status} />,
            },
            {
              label: t('Conditions'),
              getter: (row: CompositeRow) => <ConditionCells cells={row.conditions} />,
            },
            {
              label: t('Message'),
              getter: (row: CompositeRow) =>
                row.status.health === 'healthy' ? '' : row.status.message,
            },
            { label: t('Composition'), getter: (row: CompositeRow) => row.composition ?? '' },
            {
              label: t('Claim / XR'),
              getter: (row: CompositeRow) =>
                row.related ? (
                  <span>
                    {row.relatedRelation === 'xr'
                      ? t('XR')
                      : row.relatedRelation === 'claim'
                      ? t('claimed by')
                      : t('composed by')}{' '}
                    <ObjectLink target={row.related} />
                  </span>
                ) : (
                  ''
                ),
            },
            { label: t('Managed by'), getter: (row: CompositeRow) => <ManagedBy row={row} /> },
          ]}
        />
      </CrossplanePageState>
    </SectionBox>
  );
}
