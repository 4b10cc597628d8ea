import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import TextField from '@mui/material/TextField';
import React, { useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { KUSTOMIZATION_KIND } from '../../model/kinds';
import {
  compareFacts,
  KustomizationFacts,
  kustomizationFacts,
} from '../../viewModels/kustomizationFacts';
import { DataTable } from '../common/DataTable';
import { useDiagnosisText } from '../common/diagnosisText';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { failedIn, pendingIn } from '../common/pending';
import { RevisionText } from '../common/RevisionText';
import { TimeLabel } from '../common/TimeLabel';
import { VisibilityNotes } from '../common/VisibilityNotes';

export function KustomizationsPage() {
  const t = useT();
  const words = useDiagnosisText();
  const data = useFluxCrossplane();
  const [filter, setFilter] = useState('');
  const rows = useMemo(
    () =>
      data.index
        .withRole('kustomization')
        .map(resource => kustomizationFacts(data.index, data.report, resource, data.links))
        .sort(compareFacts),
    [data]
  );
  const multiCluster = data.clusters.length > 1;
  const needle = filter.trim().toLowerCase();
  const visible = needle
    ? rows.filter(row =>
        `${row.resource.cluster} ${row.resource.namespace} ${row.resource.name} ${row.health.reason}`
          .toLowerCase()
          .includes(needle)
      )
    : rows;
  return (
    <SectionBox title={t('Kustomizations')}>
      <PageState>
        <VisibilityNotes groups={group => group.endsWith('fluxcd.io')} />
        <TextField
          size="small"
          label={t('Filter')}
          value={filter}
          onChange={event => setFilter(event.target.value)}
          sx={{ mb: 1 }}
        />
        <DataTable
          emptyMessage={
            failedIn(data, [KUSTOMIZATION_KIND])
              ? t('Unknown: Kustomizations could not be listed everywhere (see above).')
              : t('No Kustomizations in the selected clusters.')
          }
          pending={pendingIn(data, [KUSTOMIZATION_KIND])}
          data={visible}
          rowsPerPage={[25, 50, 100]}
          columns={[
            {
              label: t('Name'),
              nowrap: true,
              getter: (row: KustomizationFacts) => (
                <ObjectLink target={row.resource} withKind={false} />
              ),
              sort: (a: KustomizationFacts, b: KustomizationFacts) =>
                a.resource.name.localeCompare(b.resource.name),
            },
            ...(multiCluster
              ? [
                  {
                    label: t('Cluster'),
                    getter: (row: KustomizationFacts) => row.resource.cluster,
                    sort: true,
                  },
                ]
              : []),
            {
              label: t('State'),
              getter: (row: KustomizationFacts) => <HealthChip summary={row.health} />,
              sort: compareFacts,
            },
            {
              label: t('Applied'),
              getter: (row: KustomizationFacts) => (
                <RevisionText revision={row.applied} url={row.appliedUrl} />
              ),
            },
            {
              label: t('Attempted'),
              getter: (row: KustomizationFacts) =>
                row.attemptedDiffers ? (
                  <RevisionText revision={row.attempted} url={row.attemptedUrl} />
                ) : (
                  t('same')
                ),
            },
            {
              label: t('Source'),
              getter: (row: KustomizationFacts) =>
                row.source ? <ObjectLink target={row.source} /> : t('none'),
            },
            {
              label: t('Suspended'),
              getter: (row: KustomizationFacts) => (row.suspended ? t('Yes') : t('No')),
            },
            {
              label: t('Last handled reconcile'),
              getter: (row: KustomizationFacts) =>
                row.lastHandledReconcileAt ? (
                  <TimeLabel date={row.lastHandledReconcileAt} />
                ) : (
                  t('none')
                ),
            },
            {
              label: t('Diagnosis'),
              getter: (row: KustomizationFacts) =>
                row.topDiagnosis ? words(row.topDiagnosis).title : '',
            },
          ]}
        />
      </PageState>
    </SectionBox>
  );
}
