import { createServer } from 'node:net';
import { continueAfter } from '../../demo/server/kubeApi';
import { chooseVersion, crossplaneKindsFromCrds, parseDiscovery } from '../../src/cli/live';
import { ALERT_KIND, HELMRELEASE_KIND, MRD_KIND, XRD_KIND } from '../../src/model/kinds';
import { fixtureObjects, parseDiagnoses, runCli, tempDir } from './helpers';
import { crd, LiveCluster, startLiveCluster, user, writeKubeconfig } from './liveCluster';

/**
 * Live mode against the demo's in-memory API server (demo/server/kubeApi.ts,
 * over TLS on 127.0.0.1, see liveCluster.ts), not a real kube-apiserver. It
 * serves a Crossplane 1.x + Flux cluster: discovery from the CRDs it holds,
 * a 404 for kinds whose CRD is not installed, and a 403 for Alerts (the
 * token's user may not list them).
 */

type Json = Record<string, unknown>;
const TOKEN = 'fake-token-7f3a';
const USER = 'system:serviceaccount:ci:diagnose';
const CONTEXT = 'fake-ctx';
const dir = tempDir();

/** The fixture's objects of the kinds this cluster lists (its Alert stays unreadable). */
const LISTED = new Set([
  'kustomize.toolkit.fluxcd.io/Kustomization',
  'notification.toolkit.fluxcd.io/Provider',
  'notification.toolkit.fluxcd.io/Alert',
  'apiextensions.crossplane.io/CompositeResourceDefinition',
  'apiextensions.crossplane.io/Composition',
  'pkg.crossplane.io/Provider',
  'pkg.crossplane.io/Function',
  'pkg.crossplane.io/ProviderRevision',
  'nop.example.org/XNopResource',
  'nop.example.org/NopResource',
  'nop.crossplane.io/NopResource',
  '/Namespace',
]);
const groupOf = (object: Json): string => {
  const apiVersion = String(object.apiVersion);
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
};
const objects = fixtureObjects('crossplane-tree.yaml').filter(object =>
  LISTED.has(`${groupOf(object)}/${String(object.kind)}`)
);

const AUTH_MESSAGE =
  "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required";
const gitRepository: Json = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name: 'flux-system', namespace: 'flux-system', generation: 1, uid: 'aa11' },
  spec: {
    interval: '1m',
    url: 'https://github.com/org/repo',
    ref: { branch: 'main' },
    secretRef: { name: 'flux-system' },
  },
  status: {
    observedGeneration: 1,
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'AuthenticationFailed',
        message: AUTH_MESSAGE,
        lastTransitionTime: '2024-05-01T09:58:00Z',
        observedGeneration: 1,
      },
    ],
  },
};
/** Core Events (the API server lists them without kind and apiVersion). */
const event = (name: string, message: string, time: string): Json => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'flux-system', creationTimestamp: time },
  involvedObject: {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    name: 'flux-system',
    namespace: 'flux-system',
    uid: 'aa11',
  },
  type: 'Warning',
  reason: 'AuthenticationFailed',
  message,
  lastTimestamp: time,
  source: { component: 'source-controller' },
});
/** The groups and versions of the CLI's kinds that the cluster below serves, as discovery lists them. */
const discovery = {
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: [
    ['apiextensions.k8s.io', ['v1']],
    ['source.toolkit.fluxcd.io', ['v1', 'v1beta2']],
    ['kustomize.toolkit.fluxcd.io', ['v1']],
    ['helm.toolkit.fluxcd.io', ['v2', 'v2beta2']],
    ['notification.toolkit.fluxcd.io', ['v1', 'v1beta3', 'v1beta2']],
    // Crossplane 1.x: no v2 XRDs, no MRDs (their list 404s), no protection.crossplane.io group.
    ['apiextensions.crossplane.io', ['v1', 'v1beta1', 'v1alpha1']],
    ['pkg.crossplane.io', ['v1', 'v1beta1']],
    ['nop.example.org', ['v1alpha1']],
    ['nop.crossplane.io', ['v1alpha1']],
  ].map(([name, versions]) => ({
    name,
    versions: (versions as string[]).map(version => ({
      groupVersion: `${name}/${version}`,
      version,
    })),
    preferredVersion: {
      groupVersion: `${name}/${(versions as string[])[0]}`,
      version: (versions as string[])[0],
    },
  })),
};

const XNOP_CRD = crd(
  'nop.example.org',
  'XNopResource',
  'xnopresources',
  ['composite'],
  [['v1alpha1', true, true]]
);
/** Not a Crossplane kind: never listed. */
const CERTIFICATE_CRD = crd(
  'cert-manager.io',
  'Certificate',
  'certificates',
  ['cert-manager'],
  [['v1', true, true]],
  'Namespaced'
);

/** The cluster's CRDs: what its discovery serves (the groups and versions above), and what the CLI reads. */
const crds: Json[] = [
  XNOP_CRD,
  crd(
    'nop.example.org',
    'NopResource',
    'nopresources',
    ['claim'],
    [['v1alpha1', true, true]],
    'Namespaced'
  ),
  crd(
    'nop.crossplane.io',
    'NopResource',
    'nopresources',
    ['crossplane', 'managed', 'nop'],
    [['v1alpha1', true, true]]
  ),
  crd(
    'aws.upbound.io',
    'ProviderConfig',
    'providerconfigs',
    ['crossplane', 'provider', 'aws'],
    [
      ['v1beta1', true, true],
      ['v1beta2', true, false],
    ]
  ),
  CERTIFICATE_CRD,
  ...(
    [
      ['GitRepository', 'gitrepositories'],
      ['OCIRepository', 'ocirepositories'],
      ['Bucket', 'buckets'],
      ['HelmRepository', 'helmrepositories'],
      ['HelmChart', 'helmcharts'],
    ] as const
  ).map(([kind, plural]) =>
    crd(
      'source.toolkit.fluxcd.io',
      kind,
      plural,
      ['flux'],
      [
        ['v1', true, true],
        ['v1beta2', true, false],
      ],
      'Namespaced'
    )
  ),
  // ExternalArtifact: CRD not installed (Flux before 2.7).
  crd(
    'kustomize.toolkit.fluxcd.io',
    'Kustomization',
    'kustomizations',
    ['flux'],
    [['v1', true, true]],
    'Namespaced'
  ),
  crd(
    'helm.toolkit.fluxcd.io',
    'HelmRelease',
    'helmreleases',
    ['flux'],
    [
      ['v2', true, true],
      ['v2beta2', true, false],
    ],
    'Namespaced'
  ),
  ...['Alert', 'Provider'].map(kind =>
    crd(
      'notification.toolkit.fluxcd.io',
      kind,
      `${kind.toLowerCase()}s`,
      ['flux'],
      [
        ['v1beta3', true, true],
        ['v1beta2', true, false],
      ],
      'Namespaced'
    )
  ),
  crd(
    'notification.toolkit.fluxcd.io',
    'Receiver',
    'receivers',
    ['flux'],
    [['v1', true, true]],
    'Namespaced'
  ),
  // Crossplane 1.x: no v2 XRDs, no MRDs (their list 404s), no protection.crossplane.io group.
  crd(
    'apiextensions.crossplane.io',
    'CompositeResourceDefinition',
    'compositeresourcedefinitions',
    ['crossplane'],
    [
      ['v1', true, true],
      ['v1beta1', true, false],
    ]
  ),
  crd(
    'apiextensions.crossplane.io',
    'Composition',
    'compositions',
    ['crossplane'],
    [['v1', true, true]]
  ),
  crd(
    'apiextensions.crossplane.io',
    'CompositionRevision',
    'compositionrevisions',
    ['crossplane'],
    [['v1', true, true]]
  ),
  crd(
    'apiextensions.crossplane.io',
    'EnvironmentConfig',
    'environmentconfigs',
    ['crossplane'],
    [
      ['v1beta1', true, true],
      ['v1alpha1', true, false],
    ]
  ),
  ...['Provider', 'Configuration', 'ProviderRevision', 'ConfigurationRevision'].map(kind =>
    crd('pkg.crossplane.io', kind, `${kind.toLowerCase()}s`, ['crossplane'], [['v1', true, true]])
  ),
  ...['Function', 'FunctionRevision'].map(kind =>
    crd(
      'pkg.crossplane.io',
      kind,
      `${kind.toLowerCase()}s`,
      ['crossplane'],
      [
        ['v1', true, true],
        ['v1beta1', true, false],
      ]
    )
  ),
];

/** The token's user: reads everything but Alerts (a role that leaves them out). */
const READ = ['get', 'list', 'watch'];
const reader = user(USER, [
  {
    verbs: READ,
    apiGroups: [
      '',
      'apiextensions.k8s.io',
      'source.toolkit.fluxcd.io',
      'kustomize.toolkit.fluxcd.io',
      'helm.toolkit.fluxcd.io',
      'apiextensions.crossplane.io',
      'pkg.crossplane.io',
      'nop.example.org',
      'nop.crossplane.io',
      'aws.upbound.io',
      'cert-manager.io',
    ],
    resources: ['*'],
  },
  {
    verbs: READ,
    apiGroups: ['notification.toolkit.fluxcd.io'],
    resources: ['providers', 'receivers'],
  },
]);

/** Every list the CLI makes, each once (kinds whose CRD is missing included: they 404). */
const LISTS = [
  '/apis',
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
  '/apis/source.toolkit.fluxcd.io/v1/gitrepositories',
  '/apis/source.toolkit.fluxcd.io/v1/ocirepositories',
  '/apis/source.toolkit.fluxcd.io/v1/buckets',
  '/apis/source.toolkit.fluxcd.io/v1/helmrepositories',
  '/apis/source.toolkit.fluxcd.io/v1/helmcharts',
  '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations',
  '/apis/helm.toolkit.fluxcd.io/v2/helmreleases',
  '/apis/notification.toolkit.fluxcd.io/v1beta3/alerts',
  '/apis/notification.toolkit.fluxcd.io/v1beta3/providers',
  '/apis/notification.toolkit.fluxcd.io/v1/receivers',
  '/apis/apiextensions.crossplane.io/v1/compositeresourcedefinitions',
  '/apis/apiextensions.crossplane.io/v1/compositions',
  '/apis/apiextensions.crossplane.io/v1/compositionrevisions',
  '/apis/apiextensions.crossplane.io/v1beta1/environmentconfigs',
  '/apis/pkg.crossplane.io/v1/providers',
  '/apis/pkg.crossplane.io/v1/functions',
  '/apis/pkg.crossplane.io/v1/configurations',
  '/apis/pkg.crossplane.io/v1/providerrevisions',
  '/apis/pkg.crossplane.io/v1/functionrevisions',
  '/apis/pkg.crossplane.io/v1/configurationrevisions',
  '/api/v1/events',
  '/apis/nop.example.org/v1alpha1/xnopresources',
  '/apis/nop.example.org/v1alpha1/nopresources',
  '/apis/nop.crossplane.io/v1alpha1/nopresources',
  '/apis/aws.upbound.io/v1beta1/providerconfigs',
];

let server: LiveCluster;
let kubeconfig: string;

beforeAll(async () => {
  server = await startLiveCluster({
    objects: [
      ...crds,
      ...objects,
      gitRepository,
      // Events come in two pages.
      event('flux-system.page1', AUTH_MESSAGE, '2024-05-01T09:58:00Z'),
      event('flux-system.page2', `${AUTH_MESSAGE} (page two)`, '2024-05-01T09:59:00Z'),
    ],
    users: { [TOKEN]: reader },
  });
  server.api.pageSizes.set('/events', 1);
  kubeconfig = writeKubeconfig(dir.path('kubeconfig'), [
    { name: CONTEXT, server: server.url, token: TOKEN },
    { name: 'wrong-token', server: server.url, token: 'not-the-token' },
  ]);
});
afterAll(async () => {
  await server.close();
  dir.cleanup();
});
beforeEach(() => {
  server.clearRequests();
});

describe('diagnose --kubeconfig (fake API server)', () => {
  it('turns 403 and 404 lists into VISIBILITY and still diagnoses the rest', async () => {
    const run = await runCli([
      'diagnose',
      '--kubeconfig',
      kubeconfig,
      '--output',
      'json',
      '--now',
      '2024-05-01T10:00:00Z',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const diagnoses = parseDiagnoses(run.stdout);

    const visibility = diagnoses.filter(d => d.ruleId === 'VISIBILITY');
    expect(
      visibility
        .map(d => `${d.subject.cluster} ${d.subject.kind} ${d.evidence[0]?.text.split(' ')[0]}`)
        .sort()
    ).toEqual(
      [
        `${CONTEXT} Alert 403`,
        `${CONTEXT} ClusterUsage 404`,
        `${CONTEXT} ExternalArtifact 404`,
        `${CONTEXT} ManagedResourceActivationPolicy 404`,
        `${CONTEXT} ManagedResourceDefinition 404`,
        `${CONTEXT} Usage 404`,
      ].sort()
    );
    const alerts = visibility.find(d => d.subject.kind === 'Alert');
    expect(alerts?.subject).toEqual({
      cluster: CONTEXT,
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      name: '*',
    });
    expect(alerts?.severity).toBe('info');
    expect(alerts?.title).toContain('Alert');
    expect(alerts?.title).toContain(CONTEXT);
    expect(alerts?.evidence[0].text).toContain('cannot list resource "alerts"');

    // Alerts could not be read: no verdict on alert coverage of the key Kustomization.
    expect(diagnoses.map(d => d.ruleId)).not.toContain('FLUX-NO-ALERTS');

    const auth = diagnoses.find(d => d.ruleId === 'FLUX-SOURCE-AUTH');
    expect(auth?.subject).toEqual({
      cluster: CONTEXT,
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      namespace: 'flux-system',
      name: 'flux-system',
    });
    // Events from both pages reached the model.
    expect(auth?.evidence.map(e => e.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('(page two)')])
    );
    expect(auth?.actions.map(a => a.command)).toContain(
      `flux reconcile source git flux-system -n flux-system --context ${CONTEXT}`
    );

    // Kinds discovered from CRDs: the managed resource and its missing ProviderConfig.
    expect(diagnoses.find(d => d.ruleId === 'XP-PROVIDERCONFIG-MISSING')?.subject).toEqual({
      cluster: CONTEXT,
      apiVersion: 'nop.crossplane.io/v1alpha1',
      kind: 'NopResource',
      name: 'ext-functions-x7k2p-9w4qz-lm5tn',
    });
    const healthCheck = diagnoses.find(d => d.ruleId === 'FLUX-HEALTH-CHECK');
    expect(healthCheck?.subject).toMatchObject({
      cluster: CONTEXT,
      kind: 'Kustomization',
      name: 'crossplane-apis',
    });
    expect(healthCheck?.causes?.[0]).toMatchObject({
      kind: 'NopResource',
      name: 'ext-functions-x7k2p-9w4qz-lm5tn',
    });
  });

  it('lists each kind exactly once, cluster-wide, with the bearer token, after one discovery request', async () => {
    await runCli([
      'diagnose',
      '--kubeconfig',
      kubeconfig,
      '--context',
      CONTEXT,
      '--output',
      'json',
    ]);
    const requests = server.requests().map(request => ({
      ...request,
      params: new URLSearchParams(request.query),
    }));
    // Every request a GET with the bearer token (the server knows the token's user by it).
    expect(requests.every(request => request.method === 'GET' && request.user === USER)).toBe(true);

    const keys = requests.map(
      request =>
        `${request.path}${
          request.params.get('continue') ? `?continue=${request.params.get('continue')}` : ''
        }`
    );
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect([...counts.values()].every(count => count === 1)).toBe(true);

    expect(new Set(keys)).toEqual(
      new Set([
        ...LISTS,
        // Events come in two pages: the second asked for with the first page's token.
        `/api/v1/events?continue=${continueAfter('flux-system/flux-system.page1')}`,
        // Listed and answered 404: CRDs not installed.
        '/apis/source.toolkit.fluxcd.io/v1/externalartifacts',
        '/apis/apiextensions.crossplane.io/v1alpha1/managedresourcedefinitions',
        '/apis/apiextensions.crossplane.io/v1alpha1/managedresourceactivationpolicies',
      ])
    );
    // Not served per discovery: not requested at all. Not a Crossplane kind: not listed.
    expect(keys.some(key => key.includes('protection.crossplane.io'))).toBe(false);
    expect(keys.some(key => key.includes('cert-manager.io'))).toBe(false);
    // Pages are requested with a limit.
    expect(
      requests
        .filter(request => request.path !== '/apis')
        .every(request => request.params.get('limit') === '500')
    ).toBe(true);
  });

  it('draws the tree of a live Kustomization', async () => {
    const run = await runCli([
      'diagnose',
      '--kubeconfig',
      kubeconfig,
      '--output',
      'tree',
      '--kustomization',
      'flux-system/crossplane-apis',
    ]);
    expect(run.stdout).toMatch(
      /^Kustomization\/flux-system\/crossplane-apis\s+failing {2}HealthCheckFailed/
    );
    expect(run.stdout).toMatch(/\n {16}├── ProviderConfig\/default\s+missing\n/);
  });

  it('wrong credentials: exit 2, one line', async () => {
    const run = await runCli(['diagnose', '--kubeconfig', kubeconfig, '--context', 'wrong-token']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'headlamp-flux-crossplane: cluster "wrong-token" rejected the credentials (401 Unauthorized): Unauthorized\n'
    );
    expect(server.requests().map(request => request.path)).toEqual(['/apis']);
  });

  it('an unknown context: exit 2, one line', async () => {
    const run = await runCli(['diagnose', '--kubeconfig', kubeconfig, '--context', 'nope']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `headlamp-flux-crossplane: context "nope" is not in kubeconfig ${kubeconfig} (contexts: ${CONTEXT}, wrong-token)\n`,
    });
  });

  it('an unreachable server: exit 2, one line', async () => {
    const closed = await new Promise<number>(resolve => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const file = writeKubeconfig(dir.path('unreachable'), [
      { name: 'gone', server: `https://127.0.0.1:${closed}`, token: TOKEN },
    ]);
    const run = await runCli(['diagnose', '--kubeconfig', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `^headlamp-flux-crossplane: cannot reach cluster "gone" at https://127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED.*\\n$`
      )
    );
  });

  it('an unreadable kubeconfig: exit 2, one line', async () => {
    const run = await runCli(['diagnose', '--kubeconfig', dir.path('missing-kubeconfig')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^headlamp-flux-crossplane: cannot load kubeconfig .*missing-kubeconfig: .*\n$/
    );
  });
});

describe('live helpers', () => {
  it('chooses the newest known version the server serves', () => {
    const served = parseDiscovery(discovery);
    expect(chooseVersion(ALERT_KIND, served)).toBe('v1beta3');
    expect(chooseVersion(HELMRELEASE_KIND, served)).toBe('v2');
    expect(chooseVersion(XRD_KIND, served)).toBe('v1');
    expect(chooseVersion(MRD_KIND, served)).toBe('v1alpha1');
    expect(
      chooseVersion(
        HELMRELEASE_KIND,
        parseDiscovery({
          groups: [{ name: 'helm.toolkit.fluxcd.io', versions: [{ version: 'v2beta1' }] }],
        })
      )
    ).toBe('v2beta1');
    // None of the kind's own versions is served: not served (no request at a version it never had).
    expect(
      chooseVersion(
        ALERT_KIND,
        parseDiscovery({
          groups: [
            {
              name: 'notification.toolkit.fluxcd.io',
              versions: [{ version: 'v1' }, { version: 'v2' }],
              preferredVersion: { version: 'v2' },
            },
          ],
        })
      )
    ).toBeUndefined();
    expect(chooseVersion(ALERT_KIND, parseDiscovery({ groups: [] }))).toBeUndefined();
    expect(chooseVersion(ALERT_KIND, undefined)).toBe('v1beta3');
  });

  it('takes composite, claim, managed and ProviderConfig kinds from CRDs at their storage (or first served) version', () => {
    const crds = [
      XNOP_CRD,
      crd(
        'example.org',
        'Db',
        'dbs',
        ['claim'],
        [
          ['v1', false, false],
          ['v2', true, false],
          ['v3', true, false],
        ]
      ),
      crd(
        's3.aws.upbound.io',
        'Bucket',
        'buckets',
        ['crossplane', 'managed', 'aws'],
        [
          ['v1beta1', true, false],
          ['v1beta2', true, true],
        ]
      ),
      crd(
        'aws.upbound.io',
        'ClusterProviderConfig',
        'clusterproviderconfigs',
        [],
        [['v1beta1', true, true]]
      ),
      CERTIFICATE_CRD,
      crd('example.org', 'Old', 'olds', ['composite'], [['v1', false, true]]),
    ];
    expect(crossplaneKindsFromCrds(crds)).toEqual([
      {
        group: 'nop.example.org',
        version: 'v1alpha1',
        kind: 'XNopResource',
        plural: 'xnopresources',
      },
      { group: 'example.org', version: 'v2', kind: 'Db', plural: 'dbs' },
      { group: 's3.aws.upbound.io', version: 'v1beta2', kind: 'Bucket', plural: 'buckets' },
      {
        group: 'aws.upbound.io',
        version: 'v1beta1',
        kind: 'ClusterProviderConfig',
        plural: 'clusterproviderconfigs',
      },
    ]);
  });
});
