import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { commitLink } from '../../model/commitLink';
import { Health, healthOf } from '../../model/health';
import { Role } from '../../model/index';
import { stringField } from '../../model/json';
import { Resource } from '../../model/resource';
import { parseRevision } from '../../model/revision';
import { keyObjectsIn } from '../../rules';
import { groupByRootCause } from '../common/bannerGroups';
import { DataTable } from '../common/DataTable';
import { BannerList } from '../common/DiagnosisBanner';
import { HealthChip, healthLabel } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { PermissionNoteScope } from '../common/PermissionNote';
import { RevisionText } from '../common/RevisionText';
import { VisibilityNotes } from '../common/VisibilityNotes';
import { kustomizationFacts } from '../kustomizations/kustomizationFacts';

const ATTENTION_LIMIT = 50;
const COUNTED_ROLES: Array<{ role: Role; label: string }> = [
  { role: 'kustomization', label: 'Kustomizations' },
  { role: 'helmrelease', label: 'HelmReleases' },
  { role: 'source', label: 'Sources' },
];
const COUNTED_HEALTH: Health[] = ['healthy', 'failing', 'progressing', 'suspended', 'unknown'];

function KeyObjects() {
  const t = useT();
  const data = useFluxCrossplane();
  const rows = useMemo(
    () => data.settings.keyObjects.flatMap(key => keyObjectsIn(data.index, key)),
    [data]
  );
  const revisionCell = (resource: Resource) => {
    if (resource.kind === 'Kustomization') {
      const facts = kustomizationFacts(data.index, data.report, resource, data.links);
      return (
        <span>
          <RevisionText revision={facts.applied} url={facts.appliedUrl} />
          {facts.attemptedDiffers ? (
            <span>
              {' '}
              ({t('attempted')} <RevisionText revision={facts.attempted} url={facts.attemptedUrl} />
              )
            </span>
          ) : null}
        </span>
      );
    }
    const revision = parseRevision(
      stringField(resource.raw, 'status', 'artifact', 'revision'),
      resource.kind
    );
    const url =
      resource.kind === 'GitRepository'
        ? commitLink(stringField(resource.raw, 'spec', 'url'), revision.commit, data.links)
        : undefined;
    return <RevisionText revision={revision} url={url} />;
  };
  return (
    <SectionBox title={t('Key objects')}>
      <DataTable
        emptyMessage={t(
          'None of the key objects (plugin settings) exists in the selected clusters.'
        )}
        data={rows}
        columns={[
          {
            label: t('Object'),
            getter: (resource: Resource) => <ObjectLink target={resource} />,
            nowrap: true,
          },
          ...(data.clusters.length > 1
            ? [{ label: t('Cluster'), getter: (resource: Resource) => resource.cluster }]
            : []),
          {
            label: t('State'),
            getter: (resource: Resource) => <HealthChip summary={healthOf(data.index, resource)} />,
          },
          { label: t('Revision'), getter: revisionCell },
        ]}
      />
    </SectionBox>
  );
}

function Counts() {
  const t = useT();
  const data = useFluxCrossplane();
  const rows = COUNTED_ROLES.map(({ role, label }) => {
    const counts = new Map<Health, number>();
    for (const resource of data.index.withRole(role)) {
      const health = healthOf(data.index, resource).health;
      const bucket = COUNTED_HEALTH.includes(health) ? health : 'unknown';
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
    return { label: t(label), counts };
  });
  return (
    <SectionBox title={t('Flux objects by state')}>
      <DataTable
        data={rows}
        columns={[
          { label: t('Kind'), getter: row => row.label },
          ...COUNTED_HEALTH.map(health => ({
            label: healthLabel(t, health),
            getter: (row: (typeof rows)[number]) => row.counts.get(health) ?? 0,
          })),
        ]}
      />
    </SectionBox>
  );
}

/** One banner per root cause, its symptoms folded under it; counted as banners. */
function NeedsAttention() {
  const t = useT();
  const data = useFluxCrossplane();
  const groups = useMemo(
    () =>
      groupByRootCause(
        data.report.diagnoses.filter(diagnosis => diagnosis.ruleId !== 'VISIBILITY')
      ),
    [data.report]
  );
  return (
    <SectionBox title={t('Needs attention ({{count}})', { count: groups.length })}>
      {groups.length === 0 ? <p>{t('Nothing needs attention in what is visible.')}</p> : null}
      <PermissionNoteScope>
        <BannerList groups={groups.slice(0, ATTENTION_LIMIT)} />
      </PermissionNoteScope>
      {groups.length > ATTENTION_LIMIT ? (
        <p>{t('…and {{count}} more, less severe.', { count: groups.length - ATTENTION_LIMIT })}</p>
      ) : null}
    </SectionBox>
  );
}

export function OverviewPage() {
  const t = useT();
  return (
    <SectionBox title={t('Flux + Crossplane')}>
      <PageState>
        <VisibilityNotes />
        <KeyObjects />
        <NeedsAttention />
        <Counts />
      </PageState>
    </SectionBox>
  );
}
