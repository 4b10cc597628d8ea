import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { statusHistory } from '../../model/fluxSpec';
import { healthOf } from '../../model/health';
import { asNumber, field, stringField } from '../../model/json';
import { FLUX_HELM_GROUP } from '../../model/kinds';
import { helmReleaseSourceOf } from '../../model/provenance';
import { refOf, Resource } from '../../model/resource';
import { DataTable } from '../common/DataTable';
import { FluxDetailPage } from '../common/FluxDetailPage';
import { FluxObjectFrame } from '../common/FluxObjectFrame';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { TimeLabel } from '../common/TimeLabel';
import { AttemptedVersion, chartOf, DeployedVersion } from './HelmReleasesPage';

interface ReleaseSnapshot {
  version?: number;
  chartVersion: string;
  status: string;
  firstDeployed: string;
  lastDeployed: string;
  appVersion: string;
}

/** helm-controller's `status.history[]`: one snapshot per Helm release revision, newest first. */
function releaseHistory(release: Resource): ReleaseSnapshot[] {
  return statusHistory(release.raw).map(item => ({
    version: asNumber(field(item, 'version')),
    chartVersion: stringField(item, 'chartVersion') ?? '',
    status: stringField(item, 'status') ?? '',
    firstDeployed: stringField(item, 'firstDeployed') ?? '',
    lastDeployed: stringField(item, 'lastDeployed') ?? '',
    appVersion: stringField(item, 'appVersion') ?? '',
  }));
}

export function HelmReleaseDetailPage() {
  return (
    <FluxDetailPage group={FLUX_HELM_GROUP} kind="HelmRelease">
      {release => <HelmReleaseDetail release={release} />}
    </FluxDetailPage>
  );
}

function HelmReleaseDetail({ release }: { release: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const source = helmReleaseSourceOf(release);
  const health = healthOf(data.index, release);
  return (
    <FluxObjectFrame
      resource={release}
      eventTargets={[refOf(release), ...(source ? [source] : [])]}
      rows={[
        { name: t('State'), value: <HealthChip summary={health} /> },
        { name: t('Message'), value: health.message },
        { name: t('Chart'), value: chartOf(release) },
        { name: t('Version deployed'), value: <DeployedVersion release={release} /> },
        {
          name: t('Version attempted'),
          value: <AttemptedVersion release={release} />,
        },
        { name: t('Chart source'), value: source ? <ObjectLink target={source} /> : t('unknown') },
        { name: t('Interval'), value: stringField(release.raw, 'spec', 'interval') ?? '' },
        {
          name: t('Target namespace'),
          value: stringField(release.raw, 'spec', 'targetNamespace') ?? release.namespace,
        },
        {
          name: t('Failures'),
          value: String(asNumber(field(release.raw, 'status', 'failures')) ?? 0),
        },
      ]}
    >
      <SectionBox title={t('Release history (status.history)')}>
        <DataTable
          emptyMessage={t('No release history.')}
          data={releaseHistory(release)}
          columns={[
            { label: t('Revision'), getter: (row: ReleaseSnapshot) => row.version ?? '' },
            { label: t('Chart version'), getter: (row: ReleaseSnapshot) => row.chartVersion },
            { label: t('App version'), getter: (row: ReleaseSnapshot) => row.appVersion },
            { label: t('Status'), getter: (row: ReleaseSnapshot) => row.status },
            {
              label: t('First deployed'),
              getter: (row: ReleaseSnapshot) => <TimeLabel date={row.firstDeployed} />,
            },
            {
              label: t('Last deployed'),
              getter: (row: ReleaseSnapshot) => <TimeLabel date={row.lastDeployed} />,
            },
          ]}
        />
      </SectionBox>
    </FluxObjectFrame>
  );
}
