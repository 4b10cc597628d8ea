import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { kustomizationCrossplaneTree } from '../../model/crossplaneTree';
import { Resource } from '../../model/resource';
import { crossplaneReadiness } from '../../model/rollout';
import { diagnosedAs } from '../../rules';
import { CrossplaneTree } from './CrossplaneTree';
import { readinessText } from './readinessText';

/**
 * The Kustomization's Crossplane objects as one tree: XRDs → Compositions
 * (pipeline Functions) → the claims and XRs applied → what Crossplane
 * composed, down to managed resources, ProviderConfigs and Providers.
 * Shown only when the inventory holds Crossplane objects.
 */
export function CrossplaneSection({ kustomization }: { kustomization: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const model = useMemo(
    () =>
      kustomizationCrossplaneTree(data.index, kustomization, {
        diagnosed: ref => diagnosedAs(data.report, ref),
      }),
    [data.index, data.report, kustomization]
  );
  const readiness = useMemo(
    () => crossplaneReadiness(data.index, kustomization),
    [data.index, kustomization]
  );
  if (model.entries === 0) return null;
  return (
    <SectionBox title={t('Crossplane')}>
      <Box sx={{ mb: 1 }}>
        {t('{{count}} Crossplane objects in the inventory', { count: model.entries })}
        {readiness.length ? `: ${readinessText(t, readiness)}` : ''}
      </Box>
      <CrossplaneTree
        roots={model.roots}
        label={t('Crossplane objects of Kustomization {{name}}', { name: kustomization.name })}
      />
    </SectionBox>
  );
}
