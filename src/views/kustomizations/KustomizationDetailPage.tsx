import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { commitLink } from '../../model/commitLink';
import { dependsOnRefs } from '../../model/dependencies';
import { sourceUrlOf } from '../../model/fluxSpec';
import { healthOf } from '../../model/health';
import { HistoryEntry, parseKustomizationHistory } from '../../model/history';
import { lookUp } from '../../model/join';
import { asBoolean, field, stringField } from '../../model/json';
import { FLUX_KUSTOMIZE_GROUP } from '../../model/kinds';
import { refOf, Resource } from '../../model/resource';
import { kustomizationFacts } from '../../viewModels/kustomizationFacts';
import { DataTable } from '../common/DataTable';
import { FluxDetailPage } from '../common/FluxDetailPage';
import { FluxObjectFrame } from '../common/FluxObjectFrame';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { RevisionText } from '../common/RevisionText';
import { NextReconcile, TimeLabel } from '../common/TimeLabel';
import { CrossplaneSection } from '../crossplane/CrossplaneSection';
import { InventorySection } from './InventorySection';
import { livenessText } from './livenessText';

function DependenciesSection({ kustomization }: { kustomization: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const rows = [
    ...dependsOnRefs(kustomization).map(ref => ({
      direction: t('Depends on'),
      ref,
      ...lookUp(data.index, ref),
    })),
    ...data.index.dependentsOf(kustomization).map(dependent => ({
      direction: t('Needed by'),
      ref: refOf(dependent),
      ...lookUp(data.index, dependent),
    })),
  ];
  return (
    <SectionBox title={t('Dependencies')}>
      <DataTable
        emptyMessage={t('No dependsOn relations.')}
        data={rows}
        columns={[
          { label: t('Relation'), getter: row => row.direction },
          {
            label: t('Kustomization'),
            getter: row => <ObjectLink target={row.ref} withKind={false} />,
          },
          { label: t('State'), getter: row => <HealthChip summary={row.status} /> },
        ]}
      />
    </SectionBox>
  );
}

function HistorySection({ kustomization, url }: { kustomization: Resource; url?: string }) {
  const t = useT();
  const data = useFluxCrossplane();
  const history = parseKustomizationHistory(kustomization.raw.status);
  return (
    <SectionBox title={t('Commits (status.history)')}>
      <DataTable
        emptyMessage={t('No history: kustomize-controller 1.5 or newer records it.')}
        data={history}
        columns={[
          {
            label: t('Revision'),
            getter: (entry: HistoryEntry) => (
              <RevisionText
                revision={entry.revision}
                url={commitLink(url, entry.revision.commit ?? entry.origin.commit, data.links)}
              />
            ),
          },
          { label: t('Result'), getter: (entry: HistoryEntry) => entry.lastReconciledStatus },
          {
            label: t('First reconciled'),
            getter: (entry: HistoryEntry) => <TimeLabel date={entry.firstReconciled} />,
          },
          {
            label: t('Last reconciled'),
            getter: (entry: HistoryEntry) => <TimeLabel date={entry.lastReconciled} />,
          },
          {
            label: t('Duration'),
            getter: (entry: HistoryEntry) => entry.lastReconciledDuration ?? '',
          },
          {
            label: t('Reconciliations'),
            getter: (entry: HistoryEntry) => entry.totalReconciliations ?? '',
          },
        ]}
      />
    </SectionBox>
  );
}

export function KustomizationDetailPage() {
  return (
    <FluxDetailPage group={FLUX_KUSTOMIZE_GROUP} kind="Kustomization">
      {kustomization => <KustomizationDetail kustomization={kustomization} />}
    </FluxDetailPage>
  );
}

function KustomizationDetail({ kustomization }: { kustomization: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const facts = kustomizationFacts(data.index, data.report, kustomization, data.links);
  const spec = (path: string) => stringField(kustomization.raw, 'spec', path);
  const flag = (path: string) =>
    asBoolean(field(kustomization.raw, 'spec', path)) ? t('Yes') : t('No');
  const url = sourceUrlOf(facts.sourceResource?.raw);
  return (
    <FluxObjectFrame
      resource={kustomization}
      eventTargets={[refOf(kustomization), ...(facts.source ? [facts.source] : [])]}
      rows={[
        { name: t('State'), value: <HealthChip summary={healthOf(data.index, kustomization)} /> },
        { name: t('Message'), value: facts.health.message },
        ...(data.clusters.length > 1 ? [{ name: t('Cluster'), value: kustomization.cluster }] : []),
        {
          name: t('Applied revision'),
          value: <RevisionText revision={facts.applied} url={facts.appliedUrl} />,
        },
        {
          name: t('Attempted revision'),
          value: facts.attemptedDiffers ? (
            <span>
              <RevisionText revision={facts.attempted} url={facts.attemptedUrl} /> —{' '}
              {livenessText(t, facts.liveness)}
            </span>
          ) : (
            <RevisionText revision={facts.attempted} url={facts.attemptedUrl} />
          ),
        },
        {
          name: t('Source'),
          value: facts.source ? <ObjectLink target={facts.source} /> : t('none'),
        },
        { name: t('Repository'), value: url ?? '' },
        { name: t('Path'), value: spec('path') ?? './' },
        { name: t('Interval'), value: spec('interval') ?? '' },
        {
          name: t('Next reconcile'),
          value: facts.suspended ? (
            t('never (suspended)')
          ) : facts.nextReconcile ? (
            <NextReconcile at={facts.nextReconcile} />
          ) : (
            t('not known: no reconcile recorded yet (runs every {{interval}})', {
              interval: spec('interval') ?? '?',
            })
          ),
        },
        {
          name: t('Last handled reconcile'),
          value: facts.lastHandledReconcileAt ? (
            <TimeLabel date={facts.lastHandledReconcileAt} />
          ) : (
            t('none requested')
          ),
        },
        { name: t('Prune'), value: flag('prune') },
        { name: t('Force'), value: flag('force') },
        { name: t('Timeout'), value: spec('timeout') ?? t('same as interval') },
        { name: t('Target namespace'), value: spec('targetNamespace') ?? '' },
        { name: t('Suspended'), value: facts.suspended ? t('Yes') : t('No') },
      ]}
    >
      <CrossplaneSection kustomization={kustomization} />
      <InventorySection kustomization={kustomization} />
      <DependenciesSection kustomization={kustomization} />
      <HistorySection kustomization={kustomization} url={url} />
    </FluxObjectFrame>
  );
}
