import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { helmChartNameOf, helmChartRefOf } from '../../model/fluxSpec';
import { compareWorstFirst, healthOf } from '../../model/health';
import { helmReleaseVersions } from '../../model/helmHistory';
import { HELMRELEASE_KIND } from '../../model/kinds';
import { Resource } from '../../model/resource';
import { DataTable } from '../common/DataTable';
import { useDiagnosisText } from '../common/diagnosisText';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { failedIn, pendingIn } from '../common/pending';
import { VisibilityNotes } from '../common/VisibilityNotes';

export function chartOf(release: Resource): string {
  const chartRef = helmChartRefOf(release.raw, release.namespace);
  return helmChartNameOf(release.raw) ?? (chartRef ? `${chartRef.kind}/${chartRef.name}` : '');
}

/** The chart version status.history records as deployed, or says that none is. */
export function DeployedVersion({ release }: { release: Resource }) {
  const t = useT();
  const { deployed } = helmReleaseVersions(release);
  if (!deployed) return <span>{t('none recorded in status.history')}</span>;
  return <span>{deployed.chartVersion}</span>;
}

/** The last attempted chart version, only where it is not the deployed one. */
export function AttemptedVersion({ release }: { release: Resource }) {
  const t = useT();
  const { attemptedVersion, attemptedDiffers, deployed } = helmReleaseVersions(release);
  if (!attemptedVersion) return <span>{t('none')}</span>;
  // Nothing deployed: whatever was attempted is not what runs.
  return attemptedDiffers || !deployed ? <span>{attemptedVersion}</span> : <span>{t('same')}</span>;
}

export function HelmReleasesPage() {
  const t = useT();
  const words = useDiagnosisText();
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
              nowrap: true,
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
              label: t('Deployed'),
              getter: row => <DeployedVersion release={row.resource} />,
              nowrap: true,
            },
            {
              label: t('Attempted'),
              getter: row => <AttemptedVersion release={row.resource} />,
              nowrap: true,
            },
            {
              label: t('Diagnosis'),
              getter: row => (row.diagnosis ? words(row.diagnosis).title : ''),
            },
          ]}
        />
      </PageState>
    </SectionBox>
  );
}
