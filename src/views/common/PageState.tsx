import { Loader } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';

/** True when no Flux API group is served in any selected cluster (after discovery). */
export function useFluxMissing(): boolean {
  const data = useFluxCrossplane();
  const fluxGaps = data.index.visibility.filter(
    gap => gap.group === 'kustomize.toolkit.fluxcd.io' && gap.reason === 'not-found'
  );
  return (
    data.clusters.length > 0 &&
    data.clusters.every(cluster => fluxGaps.some(gap => gap.cluster === cluster))
  );
}

/** True when every Flux list failed with 403 in every selected cluster: the user can see none of it. */
export function useNothingVisible(): boolean {
  const data = useFluxCrossplane();
  const forbidden = data.index.visibility.filter(
    gap =>
      gap.group.endsWith('toolkit.fluxcd.io') &&
      gap.kind === 'Kustomization' &&
      gap.reason === 'forbidden' &&
      gap.namespace === undefined
  );
  return (
    data.clusters.length > 0 &&
    data.clusters.every(cluster => forbidden.some(gap => gap.cluster === cluster))
  );
}

/** Loading and empty states every page shares; renders children once there is something to show. */
export function PageState({ children }: { children: React.ReactNode }) {
  const t = useT();
  const data = useFluxCrossplane();
  const fluxMissing = useFluxMissing();
  const nothingVisible = useNothingVisible();
  if (data.clusters.length === 0)
    return <Alert severity="info">{t('No cluster is selected.')}</Alert>;
  if (data.loading && data.index.resources.length === 0)
    return <Loader title={t('Reading Flux and Crossplane objects…')} />;
  if (nothingVisible) {
    return (
      <Alert severity="info">
        {t(
          'Nothing is visible to you: you are not allowed to list Kustomizations in the selected clusters. Ask for read access to the Flux and Crossplane APIs.'
        )}
      </Alert>
    );
  }
  if (fluxMissing) {
    return (
      <Alert severity="info">
        {t(
          'Flux is not installed in the selected clusters: none of them serves the kustomize.toolkit.fluxcd.io API.'
        )}
      </Alert>
    );
  }
  return <>{children}</>;
}
