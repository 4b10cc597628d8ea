import { Loader } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { XP_APIEXTENSIONS_GROUP, XRD_KIND } from '../../model/kinds';

/**
 * Loading and empty states of the Crossplane pages. Unlike the Flux pages,
 * they work without Flux; they say so when no selected cluster serves
 * Crossplane's API.
 */
export function CrossplanePageState({ children }: { children: React.ReactNode }) {
  const t = useT();
  const data = useFluxCrossplane();
  if (data.clusters.length === 0)
    return <Alert severity="info">{t('No cluster is selected.')}</Alert>;
  if (data.loading && data.index.resources.length === 0)
    return <Loader title={t('Reading Flux and Crossplane objects…')} />;
  // Crossplane is installed when its XRDs are served; other kinds of its group may not be (MRDs before 2.0).
  const missing = data.index.visibility.filter(
    gap =>
      gap.group === XP_APIEXTENSIONS_GROUP &&
      gap.kind === XRD_KIND.kind &&
      gap.reason === 'not-found'
  );
  if (data.clusters.every(cluster => missing.some(gap => gap.cluster === cluster))) {
    return (
      <Alert severity="info">
        {t(
          'Crossplane is not installed in the selected clusters: none of them serves the apiextensions.crossplane.io API.'
        )}
      </Alert>
    );
  }
  return <>{children}</>;
}
