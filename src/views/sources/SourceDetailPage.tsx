import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { artifactUpdatedAtOf } from '../../model/fluxSpec';
import { healthOf } from '../../model/health';
import { stringField } from '../../model/json';
import { FLUX_SOURCE_GROUP } from '../../model/kinds';
import { Resource } from '../../model/resource';
import { DataTable } from '../common/DataTable';
import { FluxDetailPage } from '../common/FluxDetailPage';
import { FluxObjectFrame } from '../common/FluxObjectFrame';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { RevisionText } from '../common/RevisionText';
import { TimeLabel } from '../common/TimeLabel';
import { DeployedVersion } from '../helmreleases/HelmReleasesPage';
import { sourceFacts } from './SourcesPage';

export function SourceDetailPage() {
  return (
    <FluxDetailPage group={FLUX_SOURCE_GROUP}>
      {source => <SourceDetail source={source} />}
    </FluxDetailPage>
  );
}

function SourceDetail({ source }: { source: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const facts = sourceFacts(data.index, source, data.links);
  const ref = ['branch', 'tag', 'semver', 'commit', 'name']
    .map(key => [key, stringField(source.raw, 'spec', 'ref', key)])
    .find(([, value]) => value);
  return (
    <FluxObjectFrame
      resource={source}
      rows={[
        { name: t('State'), value: <HealthChip summary={facts.health} /> },
        { name: t('Message'), value: facts.health.message },
        {
          name: t('Revision'),
          value: <RevisionText revision={facts.revision} url={facts.commitUrl} />,
        },
        { name: t('URL'), value: facts.url ?? stringField(source.raw, 'spec', 'chart') ?? '' },
        { name: t('Reference'), value: ref ? `${ref[0]} ${ref[1]}` : '' },
        { name: t('Interval'), value: stringField(source.raw, 'spec', 'interval') ?? '' },
        {
          name: t('Credentials Secret'),
          value: stringField(source.raw, 'spec', 'secretRef', 'name') ?? t('none'),
        },
        {
          name: t('Last updated'),
          value: <TimeLabel date={artifactUpdatedAtOf(source.raw)} />,
        },
      ]}
    >
      <SectionBox title={t('Used by')}>
        <DataTable
          emptyMessage={t('No Kustomization or HelmRelease uses this source.')}
          data={facts.consumers}
          columns={[
            { label: t('Object'), getter: row => <ObjectLink target={row.resource} /> },
            {
              label: t('State'),
              getter: row => <HealthChip summary={healthOf(data.index, row.resource)} />,
            },
            {
              label: t('Runs the latest revision'),
              getter: row =>
                row.current === undefined && row.resource.kind !== 'HelmRelease' ? (
                  t('unknown')
                ) : row.current === undefined ? (
                  <span>
                    {t(
                      'does not apply (a HelmRelease deploys a chart version, not a revision of this source); deployed:'
                    )}{' '}
                    <DeployedVersion release={row.resource} />
                  </span>
                ) : row.current ? (
                  t('Yes')
                ) : (
                  t('No')
                ),
            },
          ]}
        />
      </SectionBox>
    </FluxObjectFrame>
  );
}
