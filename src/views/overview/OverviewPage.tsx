import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { ObjectRole } from '../../model/clusterIndex';
import { commitLink } from '../../model/commitLink';
import { artifactRevisionOf, sourceUrlOf } from '../../model/fluxSpec';
import { Health, healthOf } from '../../model/health';
import {
  FLUX_KINDS,
  FLUX_SOURCE_KINDS,
  HELMRELEASE_KIND,
  KUSTOMIZATION_KIND,
} from '../../model/kinds';
import { Resource } from '../../model/resource';
import { parseRevision } from '../../model/revision';
import { keyObjectsIn } from '../../rules';
import { groupByRootCause } from '../../viewModels/bannerGroups';
import { kustomizationFacts } from '../../viewModels/kustomizationFacts';
import { DataTable } from '../common/DataTable';
import { BannerList } from '../common/DiagnosisBanner';
import { HealthChip, healthLabel } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { pendingIn, SectionLoading } from '../common/pending';
import { PermissionNoteScope } from '../common/PermissionNote';
import { RevisionText } from '../common/RevisionText';
import { VisibilityNotes } from '../common/VisibilityNotes';

const ATTENTION_LIMIT = 50;
const COUNTED_ROLES: Array<{ role: ObjectRole; label: (t: Translate) => string }> = [
  { role: 'kustomization', label: t => t('Kustomizations') },
  { role: 'helmrelease', label: t => t('HelmReleases') },
  { role: 'source', label: t => t('Sources') },
];
const COUNTED_HEALTH: Health[] = ['healthy', 'failing', 'progressing', 'suspended', 'unknown'];
/** The lists the counts come from: no count is shown while one of them is pending. */
const COUNTED_KINDS = [KUSTOMIZATION_KIND, HELMRELEASE_KIND, ...FLUX_SOURCE_KINDS];

function KeyObjects() {
  const t = useT();
  const data = useFluxCrossplane();
  const rows = useMemo(
    () => data.settings.keyObjects.flatMap(key => keyObjectsIn(data.index, key)),
    [data]
  );
  // A key object not found while its kind's list is still pending is unknown, not absent.
  const waiting = data.settings.keyObjects.some(
    key =>
      keyObjectsIn(data.index, key).length === 0 &&
      pendingIn(
        data,
        FLUX_KINDS.filter(kind => kind.kind === key.kind),
        key.namespace
      )
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
    const revision = parseRevision(artifactRevisionOf(resource.raw), resource.kind);
    const url =
      resource.kind === 'GitRepository'
        ? commitLink(sourceUrlOf(resource.raw), revision.commit, data.links)
        : undefined;
    return <RevisionText revision={revision} url={url} />;
  };
  return (
    <SectionBox title={t('Key objects')}>
      <DataTable
        emptyMessage={t(
          'None of the key objects (plugin settings) exists in the selected clusters.'
        )}
        pending={waiting}
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
      {waiting && rows.length > 0 ? <SectionLoading /> : null}
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
    return { label: label(t), counts };
  });
  if (pendingIn(data, COUNTED_KINDS))
    return (
      <SectionBox title={t('Flux objects by state')}>
        <SectionLoading />
      </SectionBox>
    );
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
  // While lists are pending neither a count nor "nothing" is known: what is found so far, and the loader.
  const reading = data.loading;
  return (
    <SectionBox
      title={
        reading ? t('Needs attention') : t('Needs attention ({{count}})', { count: groups.length })
      }
    >
      {reading ? <SectionLoading /> : null}
      {!reading && groups.length === 0 ? (
        <p>{t('Nothing needs attention in what is visible.')}</p>
      ) : null}
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
