import { stringify } from 'yaml';

/**
 * The reference layout the stories run: what the Git repository
 * `crossplane-configs` holds, and the Flux objects that point at it
 * (GitRepository, Kustomizations crossplane-apis and crossplane-claims with
 * dependsOn, an Alert/Provider pair, a HelmRepository and HelmRelease served
 * locally). Short intervals, so that a story takes seconds, not minutes.
 */

export type Manifest = Record<string, unknown>;

const yaml = (...objects: Manifest[]) => objects.map(object => stringify(object)).join('---\n');

export const XRD_NAME = 'xbuckets.platform.example.org';
export const FUNCTION_NAME = 'function-bucket';

export function xrd(scope = 'Namespaced'): Manifest {
  return {
    apiVersion: 'apiextensions.crossplane.io/v2',
    kind: 'CompositeResourceDefinition',
    metadata: { name: XRD_NAME },
    spec: {
      scope,
      group: 'platform.example.org',
      names: { kind: 'XBucket', plural: 'xbuckets' },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          referenceable: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', properties: { size: { type: 'string' } } },
              },
            },
          },
        },
      ],
    },
  };
}

export const COMPOSITION: Manifest = {
  apiVersion: 'apiextensions.crossplane.io/v1',
  kind: 'Composition',
  metadata: { name: 'xbuckets' },
  spec: {
    compositeTypeRef: { apiVersion: 'platform.example.org/v1alpha1', kind: 'XBucket' },
    mode: 'Pipeline',
    pipeline: [{ step: 'make-bucket', functionRef: { name: FUNCTION_NAME } }],
  },
};

export function settings(data: Record<string, string>): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'team-a-settings', namespace: 'default' },
    data,
  };
}

export const BUCKET: Manifest = {
  apiVersion: 'platform.example.org/v1alpha1',
  kind: 'XBucket',
  metadata: { name: 'team-a-bucket', namespace: 'default' },
  spec: { size: 'small', crossplane: { compositionRef: { name: 'xbuckets' } } },
};

/** A second XRD and an XR of its kind, committed together in apis/ (story 4). */
export const QUEUE_XRD: Manifest = {
  apiVersion: 'apiextensions.crossplane.io/v2',
  kind: 'CompositeResourceDefinition',
  metadata: { name: 'xqueues.platform.example.org' },
  spec: {
    scope: 'Namespaced',
    group: 'platform.example.org',
    names: { kind: 'XQueue', plural: 'xqueues' },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        referenceable: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } },
      },
    ],
  },
};

export const QUEUE: Manifest = {
  apiVersion: 'platform.example.org/v1alpha1',
  kind: 'XQueue',
  metadata: { name: 'orders', namespace: 'default' },
  spec: {},
};

/** The repository's first, good commit. */
export function goodTree(): Record<string, string> {
  return {
    'apis/xrd.yaml': yaml(xrd()),
    'apis/composition.yaml': yaml(COMPOSITION),
    'claims/settings.yaml': yaml(settings({ tier: 'standard' })),
  };
}

export { yaml };

export const AUTH_SECRET = 'crossplane-configs-auth';

export interface LayoutOptions {
  gitUrl: string;
  gitUser: string;
  gitPassword: string;
  chartsUrl: string;
  chartVersion: string;
  /** HelmRepository and HelmRelease too (only when helm-controller runs). */
  withHelm: boolean;
}

const NS = 'flux-system';

export function fluxObjects(options: LayoutOptions): Manifest[] {
  const kustomization = (name: string, path: string, extra: Manifest = {}): Manifest => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: NS },
    spec: {
      interval: '30s',
      // Long enough for a failed state to hold still while it is read (a retry shows
      // as in progress); a new commit is picked up at once through the source watch.
      retryInterval: '2m',
      timeout: '40s',
      path,
      prune: true,
      wait: true,
      suspend: false,
      sourceRef: { kind: 'GitRepository', name: 'crossplane-configs' },
      ...extra,
    },
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: AUTH_SECRET, namespace: NS },
      type: 'Opaque',
      stringData: { username: options.gitUser, password: options.gitPassword },
    },
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'crossplane-configs', namespace: NS },
      spec: {
        interval: '10s',
        timeout: '20s',
        url: options.gitUrl,
        ref: { branch: 'main' },
        secretRef: { name: AUTH_SECRET },
      },
    },
    kustomization('crossplane-apis', './apis'),
    kustomization('crossplane-claims', './claims', {
      dependsOn: [{ name: 'crossplane-apis' }],
      // kstatus counts an XR without a Ready condition as Current (Crossplane v2.3 writes none
      // while its pipeline cannot run): health is read from the XR's own Ready condition instead.
      healthCheckExprs: [
        {
          apiVersion: 'platform.example.org/v1alpha1',
          kind: 'XBucket',
          current:
            "has(status.conditions) && status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
        },
      ],
    }),
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Provider',
      metadata: { name: 'ops', namespace: NS },
      spec: { type: 'generic', address: 'http://127.0.0.1:9/flux-events' },
    },
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: { name: 'ops', namespace: NS },
      spec: {
        providerRef: { name: 'ops' },
        eventSeverity: 'error',
        eventSources: [
          { kind: 'GitRepository', name: '*' },
          { kind: 'Kustomization', name: '*' },
          { kind: 'HelmRelease', name: '*' },
        ],
      },
    },
    ...(options.withHelm
      ? [
          {
            apiVersion: 'source.toolkit.fluxcd.io/v1',
            kind: 'HelmRepository',
            metadata: { name: 'local-charts', namespace: NS },
            spec: { interval: '10s', url: options.chartsUrl },
          },
          helmRelease(options.chartVersion),
        ]
      : []),
  ];
}

export function helmRelease(chartVersion: string): Manifest {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'settings', namespace: NS },
    spec: {
      interval: '30s',
      timeout: '30s',
      chart: {
        spec: {
          chart: 'hfc-settings',
          version: chartVersion,
          interval: '10s',
          sourceRef: { kind: 'HelmRepository', name: 'local-charts' },
        },
      },
    },
  };
}

/** A chart version that renders one ConfigMap (the good one) or an object the API refuses (the bad one). */
export function settingsChart(
  version: string,
  good: boolean
): {
  name: string;
  version: string;
  templates: Record<string, string>;
} {
  return {
    name: 'hfc-settings',
    version,
    templates: {
      'configmap.yaml': yaml({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: good ? 'platform-settings' : 'Platform_Settings',
          namespace: '{{ .Release.Namespace }}',
        },
        data: { chart: version },
      }),
    },
  };
}
