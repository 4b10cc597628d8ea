import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { alertProviderNameOf, alertSeverityOf } from '../../model/fluxSpec';
import { healthOf, isSuspended } from '../../model/health';
import { stringField } from '../../model/json';
import {
  ALERT_KIND,
  FLUX_KINDS,
  FLUX_NOTIFICATION_GROUP,
  NOTIFICATION_PROVIDER_KIND,
} from '../../model/kinds';
import { Resource } from '../../model/resource';
import { isPending } from '../../model/visibility';
import { keyObjectsIn } from '../../rules';
import { alertSelects } from '../../rules/notifications';
import { DataTable } from '../common/DataTable';
import { DiagnosisBanner, diagnosisKey } from '../common/DiagnosisBanner';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { PageState } from '../common/PageState';
import { pendingIn } from '../common/pending';
import { VisibilityNotes } from '../common/VisibilityNotes';

interface KeyRow {
  resource: Resource;
  alerts: Resource[];
}

export function NotificationsPage() {
  const t = useT();
  const data = useFluxCrossplane();
  const alerts = data.index.withRole('alert');
  const keyRows = useMemo<KeyRow[]>(
    () =>
      data.settings.keyObjects.flatMap(key =>
        keyObjectsIn(data.index, key).map(resource => ({
          resource,
          alerts: alerts.filter(alert => alertSelects(alert, resource)),
        }))
      ),
    [data, alerts]
  );
  const noAlerts = data.report.diagnoses.filter(diagnosis => diagnosis.ruleId === 'FLUX-NO-ALERTS');
  const alertsGap = (resource: Resource) =>
    data.index.gapFor(resource.cluster, FLUX_NOTIFICATION_GROUP, 'Alert', resource.namespace);
  return (
    <SectionBox title={t('Notifications')}>
      <PageState>
        <VisibilityNotes groups={group => group === FLUX_NOTIFICATION_GROUP} />
        {noAlerts.map(diagnosis => (
          <DiagnosisBanner key={diagnosisKey(diagnosis)} diagnosis={diagnosis} />
        ))}
        <SectionBox title={t('Key objects')}>
          <DataTable
            emptyMessage={t(
              'None of the key objects (plugin settings) exists in the selected clusters.'
            )}
            pending={pendingIn(data, FLUX_KINDS)}
            data={keyRows}
            columns={[
              { label: t('Object'), getter: (row: KeyRow) => <ObjectLink target={row.resource} /> },
              ...(data.clusters.length > 1
                ? [{ label: t('Cluster'), getter: (row: KeyRow) => row.resource.cluster }]
                : []),
              {
                label: t('Covered by'),
                getter: (row: KeyRow) =>
                  isPending(alertsGap(row.resource))
                    ? t('unknown: Alerts are still being read')
                    : alertsGap(row.resource)
                    ? t('unknown: Alerts are not visible to you')
                    : row.alerts.length
                    ? row.alerts
                        .map(alert => `${alert.name} (${alertSeverityOf(alert.raw)})`)
                        .join(', ')
                    : t('no Alert'),
              },
            ]}
          />
        </SectionBox>
        <SectionBox title={t('Alerts')}>
          <DataTable
            emptyMessage={t('No Alerts.')}
            pending={pendingIn(data, [ALERT_KIND])}
            data={alerts}
            columns={[
              { label: t('Name'), getter: (alert: Resource) => `${alert.namespace}/${alert.name}` },
              {
                label: t('Severity'),
                getter: (alert: Resource) => alertSeverityOf(alert.raw),
              },
              {
                label: t('Provider'),
                getter: (alert: Resource) => alertProviderNameOf(alert.raw) ?? '',
              },
              {
                label: t('Suspended'),
                getter: (alert: Resource) => (isSuspended(alert) ? t('Yes') : t('No')),
              },
            ]}
          />
        </SectionBox>
        <SectionBox title={t('Providers')}>
          <DataTable
            emptyMessage={t('No notification Providers.')}
            pending={pendingIn(data, [NOTIFICATION_PROVIDER_KIND])}
            data={data.index.withRole('notification-provider')}
            columns={[
              {
                label: t('Name'),
                getter: (provider: Resource) => `${provider.namespace}/${provider.name}`,
              },
              {
                label: t('Type'),
                getter: (provider: Resource) => stringField(provider.raw, 'spec', 'type') ?? '',
              },
              {
                label: t('State'),
                getter: (provider: Resource) => (
                  <HealthChip summary={healthOf(data.index, provider)} />
                ),
              },
            ]}
          />
        </SectionBox>
      </PageState>
    </SectionBox>
  );
}
