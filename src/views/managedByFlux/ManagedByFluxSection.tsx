import { NameValueTable, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import React from 'react';
import { useT } from '../../i18n';
import { resourceClass } from '../../k8s/resourceClasses';
import { findCondition, readyState } from '../../model/conditions';
import { lastAppliedRevisionOf } from '../../model/fluxSpec';
import { FLUX_HELM_GROUP, FLUX_KUSTOMIZE_GROUP } from '../../model/kinds';
import { toResource } from '../../model/resource';
import { parseRevision } from '../../model/revision';
import { ObjectLink } from '../common/ObjectLink';

interface ManagerLabels {
  kind: 'Kustomization' | 'HelmRelease';
  group: string;
  plural: string;
  version: string;
  namespace: string;
  name: string;
}

/** The Flux object that applied an object, from the labels Flux puts on everything it applies. */
export function managerFromLabels(
  labels: Record<string, string> | undefined
): ManagerLabels | undefined {
  if (!labels) return undefined;
  const ks = {
    name: labels['kustomize.toolkit.fluxcd.io/name'],
    namespace: labels['kustomize.toolkit.fluxcd.io/namespace'],
  };
  if (ks.name && ks.namespace)
    return {
      kind: 'Kustomization',
      group: FLUX_KUSTOMIZE_GROUP,
      plural: 'kustomizations',
      version: 'v1',
      ...ks,
    };
  const hr = {
    name: labels['helm.toolkit.fluxcd.io/name'],
    namespace: labels['helm.toolkit.fluxcd.io/namespace'],
  };
  if (hr.name && hr.namespace)
    return {
      kind: 'HelmRelease',
      group: FLUX_HELM_GROUP,
      plural: 'helmreleases',
      version: 'v2',
      ...hr,
    };
  return undefined;
}

interface SectionObject {
  cluster: string;
  jsonData: { metadata?: { labels?: Record<string, string> } };
}

/** "Managed by Flux" on Headlamp's own detail pages of built-in kinds (ConfigMap, Deployment…). */
export function ManagedByFluxSection({ resource }: { resource?: SectionObject | null }) {
  const manager = managerFromLabels(resource?.jsonData?.metadata?.labels);
  if (!resource || !manager) return null;
  return <ManagedBy cluster={resource.cluster} manager={manager} />;
}

function ManagedBy({ cluster, manager }: { cluster: string; manager: ManagerLabels }) {
  const t = useT();
  const cls = resourceClass({
    group: manager.group,
    version: manager.version,
    kind: manager.kind,
    plural: manager.plural,
    namespaced: true,
  });
  const [object, error] = cls.useGet(manager.name, manager.namespace, { cluster });
  const resource = object ? toResource({ ...(object.jsonData as object), cluster }) : undefined;
  const ready = resource ? readyState(resource) : undefined;
  const applied = parseRevision(lastAppliedRevisionOf(resource?.raw));
  const target = {
    cluster,
    group: manager.group,
    kind: manager.kind,
    namespace: manager.namespace,
    name: manager.name,
  };
  return (
    <SectionBox title={t('Managed by Flux')}>
      <Alert severity="warning">
        {t(
          'Flux applied this object: manual edits will be reverted on the next reconciliation. Change it in Git instead.'
        )}
      </Alert>
      <NameValueTable
        rows={[
          { name: t('Applied by'), value: <ObjectLink target={target} /> },
          {
            name: t('State'),
            value: error
              ? t('unknown: {{message}}', { message: error.message })
              : ready === 'true'
              ? t('Ready')
              : ready === 'false'
              ? `${t('Failing')}: ${
                  findCondition(resource ?? { conditions: [] }, 'Ready')?.message ?? ''
                }`
              : t('Unknown'),
          },
          { name: t('Revision'), value: applied.raw ? applied.short : t('unknown') },
        ]}
      />
    </SectionBox>
  );
}
