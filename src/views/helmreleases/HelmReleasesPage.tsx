import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { compareWorstFirst, healthOf } from '../../model/health';
import { stringField } from '../../model/json';
import { HELMRELEASE_KIND } from '../../model/kinds';
import { Resource } from '../../model/resource';
import { DataTable } from '../common/DataTable';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { failedIn, pendingIn } from '../common/pending';
import { VisibilityNotes } from '../common/VisibilityNotes';

export function chartOf(release: Resource): string {
  return (
    stringField(release.raw, 'spec', 'chart', 'spec', 'chart') ??
    (stringField(release.raw, 'spec', 'chartRef', 'name')
      ? `${stringField(release.raw, 'spec', 'chartRef', 'kind')}/${stringField(
          release.raw,
          'spec',
          'chartRef',
          'name'
        )}`
      : '')
  );
}

export function HelmReleasesPage() {
  const t = useT();
  const data = useFluxCrossplane();
  const rows = useMemo(
    () =>
      data.index
        .withRole('helmrelease')
        .map(resource => ({
          resource,
          health: healthOf(data.index, resource),
          diagnosis: data.report.forObject(resource)[0],
        }))
        .sort((a, b) =>
          compareWorstFirst(a.health.health, a.resource, b.health.health, b.resource)
        ),
    [data]
  );
  return (
    <SectionBox title={t('HelmReleases')}>
      <PageState>
        <VisibilityNotes groups={group => group === 'helm.toolkit.fluxcd.io'} />
        <DataTable
          emptyMessage={
            failedIn(data, [HELMRELEASE_KIND])
              ? t('Unknown: HelmReleases could not be listed everywhere (see above).')
              : t('No HelmReleases in the selected clusters.')
          }
          pending={pendingIn(data, [HELMRELEASE_KIND])}
          data={rows}
          rowsPerPage={[25, 50, 100]}
          columns={[
            {
              label: t('Name'),
              getter: row => <ObjectLink target={row.resource} withKind={false} />,
            },
            ...(data.clusters.length > 1
              ? [
                  {
                    label: t('Cluster'),
                    getter: (row: (typeof rows)[number]) => row.resource.cluster,
                  },
                ]
              : []),
            { label: t('State'), getter: row => <HealthChip summary={row.health} /> },
            { label: t('Chart'), getter: row => chartOf(row.resource) },
            {
              label: t('Version'),
              getter: row => stringField(row.resource.raw, 'status', 'lastAttemptedRevision') ?? '',
            },
            { label: t('Diagnosis'), getter: row => row.diagnosis?.title ?? '' },
          ]}
        />
      </PageState>
    </SectionBox>
  );
}
