import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { ClusterRuntime, RuntimeFeatures, runtimeFeatures, runtimeOf } from '../../model/runtime';
import { RULES } from '../../rules';
import { DiagnosisBanner, diagnosisKey } from '../common/DiagnosisBanner';
import { useGapText } from '../common/gapText';
import { ControllersTable } from './ControllersTable';
import { featureLabel } from './runtimeText';

/** What could not be read here, and what the page cannot say because of it. */
function RuntimeNotes({ runtime }: { runtime: ClusterRuntime }) {
  const t = useT();
  const gapText = useGapText();
  const notes: Array<{ key: string; text: string }> = [];
  for (const gap of runtime.deploymentGaps) {
    notes.push({
      key: `d|${gap.namespace ?? ''}`,
      text: `${gapText(gap)} ${t(
        'Availability and replicas come from the pods alone where they are visible; missing controllers are not concluded.'
      )}`,
    });
  }
  for (const gap of runtime.podGaps) {
    notes.push({
      key: `p|${gap.namespace ?? ''}`,
      text: `${gapText(gap)} ${t(
        'Restarts, crash loops and links to the logs are not shown; availability comes from the Deployments.'
      )}`,
    });
  }
  if (!notes.length) return null;
  return (
    <Box sx={{ mb: 2 }}>
      {notes.map(note => (
        <Alert key={note.key} severity="info">
          {note.text}
        </Alert>
      ))}
    </Box>
  );
}

/** The installed versions and the version-gated features they allow. */
function Versions({ features }: { features: RuntimeFeatures }) {
  const t = useT();
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content auto', gap: 0.5 }}>
      <dt>{t('Flux version')}</dt>
      <dd>{features.fluxVersion ?? t('not reported')}</dd>
      <dt>{t('Crossplane version')}</dt>
      <dd>{features.crossplaneVersion ?? t('not reported')}</dd>
      <dt>{t('Kustomization status.history (kustomize-controller ≥ 1.5)')}</dt>
      <dd>{featureLabel(t, features.kustomizationHistory)}</dd>
      <dt>{t('crossplane.io/reconcile-requested-at (Crossplane ≥ 2.3)')}</dt>
      <dd>{featureLabel(t, features.crossplaneReconcileRequest)}</dd>
    </Box>
  );
}

const RUNTIME_RULE_IDS: ReadonlySet<string> = new Set([
  RULES.FLUX_CONTROLLER_DOWN.id,
  RULES.XP_CONTROLLER_DOWN.id,
]);

function ClusterRuntimeSection({ cluster, titled }: { cluster: string; titled: boolean }) {
  const t = useT();
  const data = useFluxCrossplane();
  const crds = data.crdsByCluster?.get(cluster);
  const runtime = useMemo(() => runtimeOf(data.index, cluster, crds), [data.index, cluster, crds]);
  const features = useMemo(
    () => runtimeFeatures(data.index, cluster, crds),
    [data.index, cluster, crds]
  );
  const diagnoses = data.report.diagnoses.filter(
    diagnosis =>
      RUNTIME_RULE_IDS.has(diagnosis.ruleId) && (diagnosis.subject.cluster ?? '') === cluster
  );
  const flux = runtime.controllers.filter(controller => controller.kind === 'flux');
  const crossplane = runtime.controllers.filter(controller => controller.kind !== 'flux');
  const blind =
    runtime.deploymentGaps.some(gap => gap.namespace === undefined) &&
    runtime.podGaps.some(gap => gap.namespace === undefined);
  // Controllers are found by their Deployments and Pods: none found says nothing before those lists answer.
  const reading =
    data.index.isPending(cluster, 'apps', 'Deployment') || data.index.isPending(cluster, '', 'Pod');
  const body = (
    <>
      <RuntimeNotes runtime={runtime} />
      {diagnoses.map(diagnosis => (
        <DiagnosisBanner key={diagnosisKey(diagnosis)} diagnosis={diagnosis} />
      ))}
      <Versions features={features} />
      <SectionBox title={t('Flux controllers')}>
        <ControllersTable
          pending={reading}
          podsHidden={runtime.podGaps.length > 0}
          controllers={flux}
          emptyMessage={
            blind
              ? t('Not visible: Deployments and Pods cannot be listed.')
              : t('No Flux controller found (Deployments and Pods labelled {{selector}}).', {
                  selector: 'app.kubernetes.io/part-of=flux',
                })
          }
        />
      </SectionBox>
      <SectionBox title={t('Crossplane controllers and package runtimes')}>
        <ControllersTable
          pending={reading}
          podsHidden={runtime.podGaps.length > 0}
          controllers={crossplane}
          emptyMessage={
            blind
              ? t('Not visible: Deployments and Pods cannot be listed.')
              : t(
                  'No Crossplane controller found (labelled {{selector}}, or pods of a package revision).',
                  { selector: 'app.kubernetes.io/part-of=crossplane' }
                )
          }
        />
      </SectionBox>
    </>
  );
  return titled ? (
    <SectionBox title={t('Cluster {{cluster}}', { cluster })}>{body}</SectionBox>
  ) : (
    body
  );
}

/**
 * The Flux controllers and Crossplane (core, RBAC manager, each package's
 * runtime), wherever they are installed: availability, restarts, image and
 * version, age, and one click to the logs that explain a failure.
 */
export function RuntimePage() {
  const t = useT();
  const data = useFluxCrossplane();
  let content: React.ReactNode;
  if (data.clusters.length === 0) {
    content = <Alert severity="info">{t('No cluster is selected.')}</Alert>;
  } else if (data.loading && data.index.resources.length === 0 && !data.index.visibility.length) {
    content = <Loader title={t('Reading Flux and Crossplane controllers…')} />;
  } else {
    content = data.clusters.map(cluster => (
      <ClusterRuntimeSection key={cluster} cluster={cluster} titled={data.clusters.length > 1} />
    ));
  }
  return <SectionBox title={t('Controllers')}>{content}</SectionBox>;
}
