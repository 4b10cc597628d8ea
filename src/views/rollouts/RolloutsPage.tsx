import { Link, SectionBox, StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { commitLink } from '../../model/commitLink';
import { sourceUrlOf } from '../../model/fluxSpec';
import { HistoryEntry } from '../../model/history';
import { FLUX_SOURCE_KINDS, KUSTOMIZATION_KIND } from '../../model/kinds';
import { refKey, Resource } from '../../model/resource';
import { shortSha } from '../../model/revision';
import {
  CommitRollout,
  commitRollouts,
  KustomizationRollout,
  sourceRollouts,
} from '../../model/rollout';
import { DataTable } from '../common/DataTable';
import { useDiagnosisText } from '../common/diagnosisText';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { pendingIn, SectionLoading } from '../common/pending';
import { RevisionText } from '../common/RevisionText';
import { VisibilityNotes } from '../common/VisibilityNotes';
import { readinessText } from '../crossplane/readinessText';
import { commitRoute } from '../routes';
import { stateDetail, stateLabel, stateTone } from './rolloutText';

const ROLLOUT_KINDS = [KUSTOMIZATION_KIND, ...FLUX_SOURCE_KINDS];

/** The commit page link of a sha, or the text when there is no page. */
export function CommitPageLink({ sha, children }: { sha?: string; children: React.ReactNode }) {
  const route = commitRoute(sha);
  if (!route) return <span>{children}</span>;
  return (
    <Link routeName={route.routeName} params={route.params}>
      {children}
    </Link>
  );
}

function CommitCard({ commit }: { commit: CommitRollout }) {
  const t = useT();
  const words = useDiagnosisText();
  const data = useFluxCrossplane();
  const rows = commit.sources.flatMap(source => source.kustomizations);
  const sha = commit.revision.commit;
  const title = `${commit.url ?? commit.sources[0]?.source.name ?? ''} @ ${
    commit.revision.short || t('no revision')
  }`;
  // A failing source's revision is only the last commit it fetched, not the branch's latest.
  const failing = commit.sources.filter(source => source.sourceState === 'failing');
  return (
    <SectionBox title={title}>
      {failing.map(source => (
        <Alert key={refKey(source.source)} severity="warning" sx={{ mb: 1 }}>
          {source.failingSince
            ? t(
                '{{kind}} {{name}} is failing since {{since}} ({{reason}}): this is the last commit it fetched, not necessarily the latest.',
                {
                  kind: source.source.kind,
                  name: source.source.name,
                  since: source.failingSince,
                  reason: source.failingReason || t('no reason given'),
                }
              )
            : t(
                '{{kind}} {{name}} is failing ({{reason}}): this is the last commit it fetched, not necessarily the latest.',
                {
                  kind: source.source.kind,
                  name: source.source.name,
                  reason: source.failingReason || t('no reason given'),
                }
              )}
        </Alert>
      ))}
      <Box sx={{ mb: 1, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'baseline' }}>
        <span>{failing.length ? t('Last fetched commit') : t('Latest commit')}:</span>
        {sha ? (
          commit.commitUrl ? (
            <a href={commit.commitUrl} target="_blank" rel="noopener noreferrer" title={sha}>
              {shortSha(sha)}
            </a>
          ) : (
            <span title={sha}>{shortSha(sha)}</span>
          )
        ) : (
          <RevisionText revision={commit.revision} />
        )}
        {commit.commitMessage ? <q>{commit.commitMessage}</q> : null}
        {sha ? (
          <CommitPageLink sha={sha}>{t('Everything this commit touched')}</CommitPageLink>
        ) : null}
        <span>
          {t('Sources')}:{' '}
          {commit.sources.map((source, position) => (
            <span key={refKey(source.source)}>
              {position > 0 ? ', ' : ''}
              <ObjectLink target={source.source} />
              {data.clusters.length > 1 ? ` (${source.cluster})` : ''}
            </span>
          ))}
        </span>
      </Box>
      <DataTable
        data={rows}
        rowsPerPage={[25, 50, 100]}
        columns={[
          {
            label: t('Kustomization'),
            getter: (row: KustomizationRollout) => (
              <ObjectLink target={row.kustomization} withKind={false} />
            ),
          },
          ...(data.clusters.length > 1
            ? [
                {
                  label: t('Cluster'),
                  getter: (row: KustomizationRollout) => row.kustomization.cluster,
                },
              ]
            : []),
          {
            label: t('State for this commit'),
            getter: (row: KustomizationRollout) => (
              <StatusLabel status={stateTone(row.state)}>{stateLabel(t, row.state)}</StatusLabel>
            ),
          },
          {
            label: t('Details'),
            getter: (row: KustomizationRollout) => stateDetail(t, row, data.report, words),
          },
          {
            label: t('Crossplane'),
            getter: (row: KustomizationRollout) =>
              row.crossplane.length ? readinessText(t, row.crossplane) : '',
          },
        ]}
      />
    </SectionBox>
  );
}

interface HistoryRow {
  kustomization: Resource;
  entry: HistoryEntry;
  url?: string;
}

function RecentCommits({ rows, pending }: { rows: HistoryRow[]; pending: boolean }) {
  const t = useT();
  const data = useFluxCrossplane();
  return (
    <SectionBox title={t('Applied manifests per Kustomization (status.history)')}>
      <p>
        {t(
          'kustomize-controller keeps one entry per manifest digest and labels it with the newest commit that produced it: a commit that produced the same manifests as an older one has no row of its own, and "First reconciled" is when the digest was first applied, possibly by an older commit.'
        )}
      </p>
      <DataTable
        emptyMessage={t('No history: kustomize-controller 1.5 or newer records it.')}
        pending={pending}
        data={rows}
        rowsPerPage={[25, 50, 100]}
        columns={[
          {
            label: t('Kustomization'),
            getter: (row: HistoryRow) => <ObjectLink target={row.kustomization} withKind={false} />,
          },
          ...(data.clusters.length > 1
            ? [{ label: t('Cluster'), getter: (row: HistoryRow) => row.kustomization.cluster }]
            : []),
          {
            label: t('Newest commit with this digest'),
            getter: (row: HistoryRow) => {
              const sha = row.entry.revision.commit ?? row.entry.origin.commit;
              return (
                <span>
                  <CommitPageLink sha={sha}>
                    {row.entry.revision.short || row.entry.revision.raw}
                  </CommitPageLink>
                  {sha && row.url ? (
                    <>
                      {' '}
                      (
                      <a href={row.url} target="_blank" rel="noopener noreferrer">
                        {t('web')}
                      </a>
                      )
                    </>
                  ) : null}
                </span>
              );
            },
          },
          { label: t('Result'), getter: (row: HistoryRow) => row.entry.lastReconciledStatus },
          {
            label: t('Digest first reconciled'),
            getter: (row: HistoryRow) => row.entry.firstReconciled ?? '',
          },
          {
            label: t('Last reconciled'),
            getter: (row: HistoryRow) => row.entry.lastReconciled ?? '',
          },
          {
            label: t('Duration'),
            getter: (row: HistoryRow) => row.entry.lastReconciledDuration ?? '',
          },
          {
            label: t('Reconciliations'),
            getter: (row: HistoryRow) => row.entry.totalReconciliations ?? '',
          },
        ]}
      />
    </SectionBox>
  );
}

/**
 * Per source, its latest commit and where every Kustomization that uses it
 * stands with that commit (with the Crossplane readiness of what each
 * applied); then the recent commits of every Kustomization.
 */
export function RolloutsPage() {
  const t = useT();
  const data = useFluxCrossplane();
  const { commits, history } = useMemo(() => {
    const sources = sourceRollouts(data.index, { now: data.now, links: data.links });
    const historyRows: HistoryRow[] = sources.flatMap(source =>
      source.kustomizations.flatMap(rollout =>
        rollout.history.map(entry => ({
          kustomization: rollout.kustomization,
          entry,
          url:
            source.source.kind === 'GitRepository'
              ? commitLink(
                  sourceUrlOf(source.sourceResource?.raw),
                  entry.revision.commit ?? entry.origin.commit,
                  data.links
                )
              : undefined,
        }))
      )
    );
    historyRows.sort(
      (a, b) =>
        a.kustomization.cluster.localeCompare(b.kustomization.cluster) ||
        a.kustomization.namespace.localeCompare(b.kustomization.namespace) ||
        a.kustomization.name.localeCompare(b.kustomization.name) ||
        (b.entry.lastReconciled ?? '').localeCompare(a.entry.lastReconciled ?? '')
    );
    return { commits: commitRollouts(sources), history: historyRows };
  }, [data.index, data.now, data.links]);
  // Rollouts come from Kustomizations and their sources: nothing is said of them before they answer.
  const waiting = pendingIn(data, ROLLOUT_KINDS);
  return (
    <SectionBox title={t('Rollouts')}>
      <PageState>
        <VisibilityNotes groups={group => group.endsWith('fluxcd.io')} />
        {waiting ? <SectionLoading /> : null}
        {commits.length === 0 && !waiting ? (
          <p>{t('No Kustomization uses a source in the selected clusters.')}</p>
        ) : null}
        {commits.map(commit => (
          <CommitCard
            key={`${commit.url ?? commit.sources[0]?.source.name}|${
              commit.revision.raw
            }|${commit.sources
              .map(source => `${source.cluster}/${source.source.namespace}/${source.source.name}`)
              .join(',')}`}
            commit={commit}
          />
        ))}
        <RecentCommits rows={history} pending={waiting} />
      </PageState>
    </SectionBox>
  );
}
