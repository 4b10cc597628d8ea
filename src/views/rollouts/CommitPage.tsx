import {
  NameValueTable,
  SectionBox,
  StatusLabel,
} from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import React, { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { refKey } from '../../model/resource';
import {
  CommitKustomization,
  commitView,
  FailingObject,
  KindCount,
  normalizeSha,
  TouchedObject,
} from '../../viewModels/commitView';
import { DataTable } from '../common/DataTable';
import { useDiagnosisText } from '../common/diagnosisText';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { stateDetail, stateLabel, stateTone } from './rolloutText';

function relationLabel(t: Translate, row: CommitKustomization): string {
  const { rollout } = row;
  switch (row.relation) {
    case 'applied':
      return t('applied it');
    case 'applied-unhealthy':
      return t('applied it; its objects are live and not healthy');
    case 'superseded':
      return t('applied it; {{newer}} replaced its objects', {
        newer: rollout.liveness.live.short,
      });
    case 'attempted':
      return rollout.state === 'in-progress' ? t('applying it') : t('tried it, not applied');
    case 'pending':
      if (rollout.state === 'waiting') return t('not tried yet: waits for a dependency');
      // "State now" then reads Failed: say it is about the older attempt, not this commit.
      if (rollout.state === 'failed')
        return t('not tried yet; its last attempt ({{attempted}}) failed', {
          attempted: rollout.attempted.short,
        });
      return t('not tried yet');
    default: {
      const application = row.application;
      if (application?.evidence === 'event') {
        const values = { reason: application.detail, time: application.at ?? '' };
        return application.outcome === 'failed'
          ? t('tried it earlier and failed (event {{reason}} at {{time}})', values)
          : t('applied it earlier (event {{reason}} at {{time}})', values);
      }
      return t('in its history only (inferred: newest commit of a manifest digest)');
    }
  }
}

/** One commit: who applied it, everything it touched, and what of that still fails. */
export function CommitPage() {
  const t = useT();
  const params = useParams<{ sha?: string }>();
  const sha = normalizeSha(params.sha);
  return (
    <SectionBox title={t('Commit {{sha}}', { sha: (params.sha ?? '').slice(0, 12) })} backLink>
      <PageState>
        {sha ? (
          <Commit sha={sha} />
        ) : (
          <Alert severity="warning">
            {t('This is not a commit sha (7 to 64 hex characters).')}
          </Alert>
        )}
      </PageState>
    </SectionBox>
  );
}

function Commit({ sha }: { sha: string }) {
  const t = useT();
  const words = useDiagnosisText();
  const data = useFluxCrossplane();
  const view = useMemo(
    () => commitView(data.index, sha, { now: data.now, links: data.links }),
    [data.index, sha, data.now, data.links]
  );
  const multiCluster = data.clusters.length > 1;
  if (!view.kustomizations.length && !view.sources.length) {
    return (
      <Alert severity="info">
        {t(
          'No source, Kustomization or reconciliation history in the selected clusters names commit {{sha}}.',
          { sha }
        )}
      </Alert>
    );
  }
  return (
    <>
      <NameValueTable
        rows={[
          {
            name: t('Commit'),
            value: view.commitUrl ? (
              <a href={view.commitUrl} target="_blank" rel="noopener noreferrer">
                {view.commit ?? sha}
              </a>
            ) : (
              view.commit ?? sha
            ),
          },
          ...(view.message ? [{ name: t('Message'), value: view.message }] : []),
          {
            name: t('Sources at this commit'),
            value: view.sources.length ? (
              <span>
                {view.sources.map((source, position) => (
                  <span key={refKey(source.source)}>
                    {position > 0 ? ', ' : ''}
                    <ObjectLink target={source.source} />
                  </span>
                ))}
              </span>
            ) : (
              t('none: the sources have moved on')
            ),
          },
          {
            name: t('Still failing'),
            value: t('{{count}} of {{total}} objects it touched', {
              count: view.failing.length,
              total: view.touched.length,
            }),
          },
        ]}
      />
      <SectionBox title={t('Kustomizations')}>
        <DataTable
          data={view.kustomizations}
          columns={[
            {
              label: t('Kustomization'),
              getter: (row: CommitKustomization) => (
                <ObjectLink target={row.rollout.kustomization} withKind={false} />
              ),
            },
            ...(multiCluster
              ? [
                  {
                    label: t('Cluster'),
                    getter: (row: CommitKustomization) => row.rollout.kustomization.cluster,
                  },
                ]
              : []),
            {
              label: t('This commit'),
              getter: (row: CommitKustomization) => relationLabel(t, row),
            },
            {
              label: t('State now'),
              getter: (row: CommitKustomization) => (
                <StatusLabel status={stateTone(row.rollout.state)}>
                  {stateLabel(t, row.rollout.state)}
                </StatusLabel>
              ),
            },
            {
              label: t('Details'),
              getter: (row: CommitKustomization) => stateDetail(t, row.rollout, data.report, words),
            },
            {
              label: t('Result in history'),
              getter: (row: CommitKustomization) =>
                row.historyEntry
                  ? t('{{status}} ({{time}}; per manifest digest, inferred)', {
                      status: row.historyEntry.lastReconciledStatus,
                      time: row.historyEntry.lastReconciled ?? '',
                    })
                  : '',
            },
          ]}
        />
      </SectionBox>
      <SectionBox title={t('What still fails')}>
        <DataTable
          emptyMessage={t('Nothing this commit touched is failing.')}
          data={view.failing}
          rowsPerPage={[25, 50, 100]}
          columns={[
            { label: t('Object'), getter: (row: FailingObject) => <ObjectLink target={row.ref} /> },
            {
              label: t('State'),
              getter: (row: FailingObject) => <HealthChip summary={row.status} />,
            },
            { label: t('Message'), getter: (row: FailingObject) => row.status.message },
            {
              label: t('Diagnosis'),
              getter: (row: FailingObject) => {
                const top = data.report.forObject(row.ref)[0];
                return top ? words(top).title : '';
              },
            },
            {
              label: t('Below'),
              getter: (row: FailingObject) =>
                row.depth > 0 ? <ObjectLink target={row.appliedObject} /> : t('(applied directly)'),
            },
            {
              label: t('Kustomization'),
              getter: (row: FailingObject) => (
                <ObjectLink target={row.kustomization} withKind={false} />
              ),
            },
          ]}
        />
      </SectionBox>
      <SectionBox title={t('What it touched, by kind')}>
        <DataTable
          data={view.touchedByKind}
          columns={[
            {
              label: t('Kind'),
              getter: (row: KindCount) => (row.group ? `${row.kind}.${row.group}` : row.kind),
            },
            { label: t('Objects'), getter: (row: KindCount) => row.count },
            { label: t('Failing or gone'), getter: (row: KindCount) => row.failing },
          ]}
        />
      </SectionBox>
      <SectionBox title={t('Everything it touched')}>
        <DataTable
          data={view.touched}
          rowsPerPage={[25, 50, 100]}
          columns={[
            { label: t('Object'), getter: (row: TouchedObject) => <ObjectLink target={row.ref} /> },
            {
              label: t('State'),
              getter: (row: TouchedObject) => <HealthChip summary={row.status} />,
            },
            {
              label: t('Kustomization'),
              getter: (row: TouchedObject) => (
                <ObjectLink target={row.kustomization} withKind={false} />
              ),
            },
          ]}
        />
      </SectionBox>
    </>
  );
}
