import { matchLabelsMatch } from '../common/labelSelector';
import { ClusterIndex } from '../model/clusterIndex';
import { alertEventSources, alertProviderNameOf, alertSeverityOf } from '../model/fluxSpec';
import { healthOf, isSuspended } from '../model/health';
import { field, stringField, stringMap } from '../model/json';
import { FLUX_NOTIFICATION_GROUP } from '../model/kinds';
import { Resource } from '../model/resource';
import { RULES } from './catalogue';
import { doc, open } from './commands';
import { Finding, finding, keyObjectsIn, Rule, RuleContext } from './context';
import { msg } from './messages';

/**
 * FLUX-NO-ALERTS: a key object that no working Alert selects at error
 * severity, and Alerts whose Provider is missing or not Ready. Silent where
 * Alerts or Providers could not be read: unknown is not "not covered".
 */
export const notificationRules: Rule = context => [
  ...keyObjectFindings(context),
  ...brokenAlertFindings(context),
];

type ProviderState = 'ready' | 'broken' | 'unknown';

function providerState(
  index: ClusterIndex,
  alert: Resource
): { state: ProviderState; name: string } {
  const name = alertProviderNameOf(alert.raw) ?? '';
  if (!name) return { state: 'broken', name };
  const ref = {
    cluster: alert.cluster,
    group: FLUX_NOTIFICATION_GROUP,
    kind: 'Provider',
    namespace: alert.namespace,
    name,
  };
  const provider = index.get(ref);
  if (!provider)
    return {
      state: index.gapFor(ref.cluster, ref.group, ref.kind, ref.namespace) ? 'unknown' : 'broken',
      name,
    };
  if (isSuspended(provider)) return { state: 'broken', name };
  const health = healthOf(index, provider).health;
  // v1beta3 Providers have no Ready condition: present and unsuspended counts as working.
  return {
    state:
      health === 'failing'
        ? 'broken'
        : health === 'healthy' || health === 'no-status'
        ? 'ready'
        : 'unknown',
    name,
  };
}

/** Whether an Alert selects the object at error severity (`info` includes errors). */
export function alertSelects(alert: Resource, target: Resource): boolean {
  if (isSuspended(alert) || alert.cluster !== target.cluster) return false;
  const severity = alertSeverityOf(alert.raw);
  if (severity !== 'info' && severity !== 'error') return false;
  return alertEventSources(alert.raw).some(source => {
    if (stringField(source, 'kind') !== target.kind) return false;
    const namespace = stringField(source, 'namespace') || alert.namespace;
    if (namespace !== target.namespace) return false;
    const name = stringField(source, 'name') ?? '';
    if (name === '*')
      return matchLabelsMatch(stringMap(field(source, 'matchLabels')), target.labels);
    return name === target.name;
  });
}

function keyObjectFindings(context: RuleContext): Finding[] {
  const index = context.index;
  const findings: Finding[] = [];
  for (const key of context.settings.keyObjects) {
    for (const target of keyObjectsIn(context.index, key)) {
      // An Alert in any namespace may select it (eventSources may name other namespaces):
      // "no Alert covers it" needs Alerts read everywhere in the cluster.
      if (index.anyGapFor(target.cluster, FLUX_NOTIFICATION_GROUP, 'Alert')) continue;
      const alerts = index
        .list(target.cluster, FLUX_NOTIFICATION_GROUP, 'Alert')
        .filter(alert => alertSelects(alert, target));
      const states = alerts.map(alert => providerState(index, alert).state);
      if (states.includes('ready')) continue;
      if (states.includes('unknown')) continue; // a Provider we cannot see may well work
      findings.push(
        finding({
          rule: RULES.FLUX_NO_ALERTS,
          resource: target,
          title: msg('notifications.uncovered.title', {
            kind: target.kind,
            namespace: target.namespace,
            name: target.name,
          }),
          explanation: alerts.length
            ? msg('notifications.uncovered.brokenProviders', {
                alerts: alerts.map(alert => alert.name).join(', '),
              })
            : msg('notifications.uncovered.noAlert', {
                namespace: target.namespace,
                kind: target.kind,
                name: target.name,
              }),
          evidence: [
            {
              kind: 'field',
              message: msg('notifications.uncovered.evidence', {
                count: alerts.length,
                namespace: target.namespace,
                kind: target.kind,
                name: target.name,
              }),
            },
          ],
          actions: [
            ...alerts.map(alert =>
              open(msg('notifications.openAlert', { name: alert.name }), alert)
            ),
            doc(msg('notifications.setupDoc'), 'https://fluxcd.io/flux/monitoring/alerts/'),
          ],
        })
      );
    }
  }
  return findings;
}

function brokenAlertFindings(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const alert of context.index.withRole('alert')) {
    if (isSuspended(alert)) continue;
    const { state, name } = providerState(context.index, alert);
    if (state !== 'broken') continue;
    findings.push(
      finding({
        rule: RULES.FLUX_NO_ALERTS,
        resource: alert,
        title: name
          ? msg('notifications.broken.title', { name: alert.name, provider: name })
          : msg('notifications.broken.titleNoProvider', { name: alert.name }),
        explanation: msg('notifications.broken.explanation'),
        evidence: [
          {
            kind: 'field',
            message: name
              ? msg('notifications.broken.evidence', { provider: name })
              : msg('notifications.broken.evidenceEmpty'),
          },
        ],
        actions: name
          ? [
              open(msg('notifications.openProvider', { name }), {
                cluster: alert.cluster,
                group: FLUX_NOTIFICATION_GROUP,
                kind: 'Provider',
                namespace: alert.namespace,
                name,
              }),
            ]
          : [],
      })
    );
  }
  return findings;
}
