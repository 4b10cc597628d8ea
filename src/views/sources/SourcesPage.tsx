import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { ClusterIndex } from '../../model/clusterIndex';
import { commitLink, CommitLinkSettings } from '../../model/commitLink';
import { artifactRevisionOf, lastAppliedRevisionOf, sourceUrlOf } from '../../model/fluxSpec';
import { compareWorstFirst, healthOf, HealthSummary } from '../../model/health';
import { releaseRunsSourceRevision } from '../../model/helmHistory';
import { FLUX_SOURCE_KINDS } from '../../model/kinds';
import { Resource } from '../../model/resource';
import { parseRevision, Revision, sameRevision } from '../../model/revision';
import { Diagnosis, DiagnosisReport } from '../../rules';
import { DataTable } from '../common/DataTable';
import { useDiagnosisText } from '../common/diagnosisText';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { failedIn, pendingIn } from '../common/pending';
import { RevisionText } from '../common/RevisionText';
import { VisibilityNotes } from '../common/VisibilityNotes';

export interface SourceFacts {
  resource: Resource;
  health: HealthSummary;
  revision: Revision;
  commitUrl?: string;
  url?: string;
  /**
   * Kustomizations and HelmReleases using it, and whether they run its latest revision;
   * `current` is absent where that has no meaning (a HelmRepository is an index of many
   * charts, not one revision) or is not known (no deployed release in status.history).
   */
  consumers: Array<{ resource: Resource; current?: boolean }>;
  /** The first diagnosis to read: the root cause when the source is blocked by something else. */
  topDiagnosis?: Diagnosis;
}

export function sourceFacts(
  index: ClusterIndex,
  source: Resource,
  links?: CommitLinkSettings,
  report?: DiagnosisReport
): SourceFacts {
  const revision = parseRevision(artifactRevisionOf(source.raw), source.kind);
  const url = sourceUrlOf(source.raw);
  const kustomizations = index.kustomizationsUsingSource(source).map(resource => ({
    resource,
    current: sameRevision(lastAppliedRevisionOf(resource.raw), revision.raw),
  }));
  const releases = index.helmReleasesUsingSource(source).map(resource => ({
    resource,
    current: releaseRunsSourceRevision(resource, source.kind, revision.raw),
  }));
  return {
    resource: source,
    health: healthOf(index, source),
    revision,
    url,
    commitUrl:
      source.kind === 'GitRepository' ? commitLink(url, revision.commit, links) : undefined,
    consumers: [...kustomizations, ...releases],
    topDiagnosis: report?.forObject(source)[0],
  };
}

export function SourcesPage() {
  const t = useT();
  const words = useDiagnosisText();
  const data = useFluxCrossplane();
  const rows = useMemo(
    () =>
      data.index
        .withRole('source')
        .map(source => sourceFacts(data.index, source, data.links, data.report))
        .sort((a, b) =>
          compareWorstFirst(a.health.health, a.resource, b.health.health, b.resource)
        ),
    [data]
  );
  return (
    <SectionBox title={t('Sources')}>
      <PageState>
        <VisibilityNotes groups={group => group === 'source.toolkit.fluxcd.io'} />
        <DataTable
          emptyMessage={
            failedIn(data, FLUX_SOURCE_KINDS)
              ? t('Unknown: sources could not be listed everywhere (see above).')
              : t('No sources in the selected clusters.')
          }
          pending={pendingIn(data, FLUX_SOURCE_KINDS)}
          data={rows}
          rowsPerPage={[25, 50, 100]}
          columns={[
            { label: t('Kind'), getter: (row: SourceFacts) => row.resource.kind },
            {
              label: t('Name'),
              getter: (row: SourceFacts) => <ObjectLink target={row.resource} withKind={false} />,
              nowrap: true,
            },
            ...(data.clusters.length > 1
              ? [{ label: t('Cluster'), getter: (row: SourceFacts) => row.resource.cluster }]
              : []),
            {
              label: t('State'),
              getter: (row: SourceFacts) => <HealthChip summary={row.health} />,
            },
            {
              label: t('Revision'),
              getter: (row: SourceFacts) => (
                <RevisionText revision={row.revision} url={row.commitUrl} />
              ),
            },
            { label: t('URL'), getter: (row: SourceFacts) => row.url ?? '' },
            {
              label: t('Used by'),
              getter: (row: SourceFacts) => {
                const known = row.consumers.filter(item => item.current !== undefined);
                const releases = row.consumers.length - known.length;
                return [
                  ...(known.length || !releases
                    ? [
                        t('{{current}} of {{total}} on the latest revision', {
                          current: known.filter(item => item.current).length,
                          total: known.length,
                        }),
                      ]
                    : []),
                  ...(releases ? [t('{{count}} HelmRelease(s)', { count: releases })] : []),
                ].join(' · ');
              },
            },
            {
              label: t('Diagnosis'),
              getter: (row: SourceFacts) => (row.topDiagnosis ? words(row.topDiagnosis).title : ''),
            },
          ]}
        />
      </PageState>
    </SectionBox>
  );
}
