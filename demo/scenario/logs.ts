/**
 * Container logs of the scenario's controllers, written from the cluster as
 * it is when asked: each Flux controller logs one line per object it owns
 * (an error with the Ready message when it is not Ready), Crossplane's core
 * logs its unready composites and claims, a provider runtime its managed
 * resources that do not sync. The line formats follow the controllers'
 * (JSON for Flux's controller-runtime logger, tab-separated for Crossplane).
 */
import type { KubeApi, KubeObject } from '../server/kubeApi';

type Json = Record<string, unknown>;

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

function conditions(object: KubeObject): Condition[] {
  const list = (object.status as Json | undefined)?.conditions;
  return Array.isArray(list) ? (list as Condition[]) : [];
}

function condition(object: KubeObject, type: string): Condition | undefined {
  return conditions(object).find(item => item.type === type);
}

const FLUX_KINDS: Record<string, Array<[group: string, plural: string, kind: string]>> = {
  'source-controller': [
    ['source.toolkit.fluxcd.io', 'gitrepositories', 'GitRepository'],
    ['source.toolkit.fluxcd.io', 'helmrepositories', 'HelmRepository'],
    ['source.toolkit.fluxcd.io', 'helmcharts', 'HelmChart'],
    ['source.toolkit.fluxcd.io', 'ocirepositories', 'OCIRepository'],
    ['source.toolkit.fluxcd.io', 'buckets', 'Bucket'],
  ],
  'kustomize-controller': [['kustomize.toolkit.fluxcd.io', 'kustomizations', 'Kustomization']],
  'helm-controller': [['helm.toolkit.fluxcd.io', 'helmreleases', 'HelmRelease']],
  'notification-controller': [],
};

function stamp(offsetSeconds: number): string {
  return new Date(Date.now() - offsetSeconds * 1000).toISOString();
}

function fluxLogs(api: KubeApi, component: string): string[] {
  const lines = [
    JSON.stringify({ level: 'info', ts: stamp(3600), msg: 'starting manager' }),
    JSON.stringify({
      level: 'info',
      ts: stamp(3599),
      msg: 'Starting workers',
      controller: component.replace(/-controller$/, ''),
    }),
  ];
  let offset = 300;
  for (const [group, plural, kind] of FLUX_KINDS[component] ?? []) {
    for (const object of api.list(group, plural)) {
      const ready = condition(object, 'Ready');
      const base = {
        ts: stamp((offset -= 7)),
        controller: kind.toLowerCase(),
        controllerGroup: group,
        controllerKind: kind,
        [kind]: { name: object.metadata.name, namespace: object.metadata.namespace },
        namespace: object.metadata.namespace,
        name: object.metadata.name,
      };
      if ((object.spec as Json | undefined)?.suspend === true) {
        lines.push(
          JSON.stringify({
            level: 'info',
            ...base,
            msg: 'Reconciliation is suspended for this object',
          })
        );
      } else if (ready?.status === 'False') {
        lines.push(
          JSON.stringify({
            level: 'error',
            ...base,
            msg: 'Reconciler error',
            error: ready.message ?? ready.reason,
          })
        );
      } else if (ready?.status === 'True') {
        lines.push(
          JSON.stringify({
            level: 'info',
            ...base,
            msg: ready.message ?? 'Reconciliation finished',
          })
        );
      }
    }
  }
  return lines;
}

/** Every object of the kinds whose CRDs carry one of these categories. */
function objectsInCategory(api: KubeApi, category: string, group?: string): KubeObject[] {
  return api
    .servedTypes()
    .filter(type => type.categories?.includes(category) && (!group || type.group === group))
    .flatMap(type => api.list(type.group, type.plural));
}

function tabbed(
  offsetSeconds: number,
  level: string,
  logger: string,
  message: string,
  fields: Json
): string {
  return [stamp(offsetSeconds), level, logger, message, JSON.stringify(fields)].join('\t');
}

function crossplaneLogs(api: KubeApi): string[] {
  const lines = [tabbed(3600, 'INFO', 'crossplane', 'Starting Crossplane', { version: 'v2.3.0' })];
  let offset = 240;
  for (const category of ['composite', 'claim']) {
    for (const object of objectsInCategory(api, category)) {
      const ready = condition(object, 'Ready');
      if (ready?.status === 'True') continue;
      lines.push(
        tabbed(
          (offset -= 11),
          'DEBUG',
          'crossplane',
          ready?.message || 'Composite resource is not yet ready',
          {
            controller: `${category === 'claim' ? 'claim' : 'composite'}/${String(
              object.kind
            ).toLowerCase()}`,
            request: {
              name: object.metadata.name,
              ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
            },
          }
        )
      );
    }
  }
  return lines;
}

function providerLogs(api: KubeApi, pkg: string): string[] {
  const lines = [tabbed(3600, 'INFO', pkg, 'Beginning to start the provider', {})];
  // A provider's managed resources: the `managed` kinds of the CRDs its active revision owns.
  const revisions = api
    .list('pkg.crossplane.io', 'providerrevisions')
    .filter(revision => revision.metadata.labels?.['pkg.crossplane.io/package'] === pkg);
  const groups = new Set(
    revisions.flatMap(revision =>
      (((revision.status as Json | undefined)?.objectRefs ?? []) as Json[]).map(ref =>
        String(ref.name).slice(String(ref.name).indexOf('.') + 1)
      )
    )
  );
  let offset = 200;
  for (const group of groups) {
    for (const object of objectsInCategory(api, 'managed', group)) {
      const synced = condition(object, 'Synced');
      if (synced?.status !== 'False') continue;
      lines.push(
        tabbed((offset -= 13), 'DEBUG', pkg, 'Cannot connect to provider', {
          controller: `managed/${String(object.kind).toLowerCase()}.${group}`,
          request: { name: object.metadata.name },
          error: synced.message,
        })
      );
    }
  }
  return lines;
}

/** The log of one container of one pod, from the cluster's objects. */
export function controllerLogs(api: KubeApi, pod: KubeObject, container: string): string {
  const labels = pod.metadata.labels ?? {};
  let lines: string[];
  if (labels['app.kubernetes.io/part-of'] === 'flux') {
    lines = fluxLogs(api, labels['app.kubernetes.io/component'] ?? '');
  } else if (labels.app === 'crossplane') {
    lines = crossplaneLogs(api);
  } else if (labels['pkg.crossplane.io/provider']) {
    lines = providerLogs(api, labels['pkg.crossplane.io/provider']);
  } else if (labels['pkg.crossplane.io/function']) {
    lines = [
      tabbed(3600, 'INFO', labels['pkg.crossplane.io/function'], 'Serving function gRPC', {
        address: ':9443',
      }),
    ];
  } else {
    lines = [`${stamp(60)} ${container} started`];
  }
  return `${lines.join('\n')}\n`;
}
