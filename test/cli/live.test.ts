import { createServer } from 'node:net';
import { chooseVersion, crossplaneKindsFromCrds, parseDiscovery } from '../../src/cli/live';
import { ALERT_KIND, HELMRELEASE_KIND, MRD_KIND, XRD_KIND } from '../../src/model/kinds';
import {
  FakeApiServer,
  list,
  Routes,
  startFakeApiServer,
  status,
  writeKubeconfig,
} from './fakeApiServer';
import { fixtureObjects, parseDiagnoses, runCli, tempDir } from './helpers';

/**
 * Live mode against a FAKE API server (node https on 127.0.0.1, see
 * fakeApiServer.ts), not a real kube-apiserver. It serves discovery, the
 * lists of a Crossplane 1.x + Flux cluster, a 404 for kinds whose CRD is not
 * installed, and a 403 for Alerts.
 */

type Json = Record<string, unknown>;
const TOKEN = 'fake-token-7f3a';
const CONTEXT = 'fake-ctx';
const dir = tempDir();

const objects = fixtureObjects('crossplane-tree.yaml');
const groupOf = (object: Json): string => {
  const apiVersion = String(object.apiVersion);
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
};
/** The fixture's objects of one kind, as the server would return them at `version`. */
function items(group: string, kind: string, version: string): Json[] {
  return objects
    .filter(object => groupOf(object) === group && object.kind === kind)
    .map(object => ({ ...object, apiVersion: `${group}/${version}` }));
}
function listOf(group: string, version: string, kind: string): ReturnType<typeof list> {
  return list(`${group}/${version}`, `${kind}List`, items(group, kind, version));
}

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
/** Core Events as the API server lists them: items without kind and apiVersion. */
const event = (name: string, message: string, time: string): Json => ({
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
const crd = (
  group: string,
  kind: string,
  plural: string,
  categories: string[],
  versions: Array<[string, boolean, boolean]>
): Json => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    names: { kind, plural, listKind: `${kind}List`, singular: kind.toLowerCase(), categories },
    scope: 'Cluster',
    versions: versions.map(([name, served, storage]) => ({ name, served, storage })),
  },
});

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

const routes: Routes = {
  '/apis': { status: 200, body: discovery },
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions': list(
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinitionList',
    [
      crd(
        'nop.example.org',
        'XNopResource',
        'xnopresources',
        ['composite'],
        [['v1alpha1', true, true]]
      ),
      crd('nop.example.org', 'NopResource', 'nopresources', ['claim'], [['v1alpha1', true, true]]),
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
      crd('cert-manager.io', 'Certificate', 'certificates', ['cert-manager'], [['v1', true, true]]),
      crd(
        'source.toolkit.fluxcd.io',
        'GitRepository',
        'gitrepositories',
        ['flux'],
        [['v1', true, true]]
      ),
    ]
  ),
  '/apis/source.toolkit.fluxcd.io/v1/gitrepositories': list(
    'source.toolkit.fluxcd.io/v1',
    'GitRepositoryList',
    [gitRepository]
  ),
  '/apis/source.toolkit.fluxcd.io/v1/ocirepositories': list(
    'source.toolkit.fluxcd.io/v1',
    'OCIRepositoryList',
    []
  ),
  '/apis/source.toolkit.fluxcd.io/v1/buckets': list(
    'source.toolkit.fluxcd.io/v1',
    'BucketList',
    []
  ),
  '/apis/source.toolkit.fluxcd.io/v1/helmrepositories': list(
    'source.toolkit.fluxcd.io/v1',
    'HelmRepositoryList',
    []
  ),
  '/apis/source.toolkit.fluxcd.io/v1/helmcharts': list(
    'source.toolkit.fluxcd.io/v1',
    'HelmChartList',
    []
  ),
  // ExternalArtifact: CRD not installed (Flux before 2.7).
  '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations': listOf(
    'kustomize.toolkit.fluxcd.io',
    'v1',
    'Kustomization'
  ),
  '/apis/helm.toolkit.fluxcd.io/v2/helmreleases': list(
    'helm.toolkit.fluxcd.io/v2',
    'HelmReleaseList',
    []
  ),
  '/apis/notification.toolkit.fluxcd.io/v1beta3/alerts': status(
    403,
    'Forbidden',
    'alerts.notification.toolkit.fluxcd.io is forbidden: User "system:serviceaccount:ci:diagnose" cannot list resource "alerts" in API group "notification.toolkit.fluxcd.io" at the cluster scope'
  ),
  '/apis/notification.toolkit.fluxcd.io/v1beta3/providers': listOf(
    'notification.toolkit.fluxcd.io',
    'v1beta3',
    'Provider'
  ),
  '/apis/notification.toolkit.fluxcd.io/v1/receivers': list(
    'notification.toolkit.fluxcd.io/v1',
    'ReceiverList',
    []
  ),
  '/apis/apiextensions.crossplane.io/v1/compositeresourcedefinitions': listOf(
    'apiextensions.crossplane.io',
    'v1',
    'CompositeResourceDefinition'
  ),
  '/apis/apiextensions.crossplane.io/v1/compositions': listOf(
    'apiextensions.crossplane.io',
    'v1',
    'Composition'
  ),
  '/apis/apiextensions.crossplane.io/v1/compositionrevisions': list(
    'apiextensions.crossplane.io/v1',
    'CompositionRevisionList',
    []
  ),
  '/apis/apiextensions.crossplane.io/v1beta1/environmentconfigs': list(
    'apiextensions.crossplane.io/v1beta1',
    'EnvironmentConfigList',
    []
  ),
  // ManagedResourceDefinition, ManagedResourceActivationPolicy: v1alpha1 is served for other kinds, these 404.
  '/apis/pkg.crossplane.io/v1/providers': listOf('pkg.crossplane.io', 'v1', 'Provider'),
  '/apis/pkg.crossplane.io/v1/functions': listOf('pkg.crossplane.io', 'v1', 'Function'),
  '/apis/pkg.crossplane.io/v1/configurations': list(
    'pkg.crossplane.io/v1',
    'ConfigurationList',
    []
  ),
  '/apis/pkg.crossplane.io/v1/providerrevisions': listOf(
    'pkg.crossplane.io',
    'v1',
    'ProviderRevision'
  ),
  '/apis/pkg.crossplane.io/v1/functionrevisions': list(
    'pkg.crossplane.io/v1',
    'FunctionRevisionList',
    []
  ),
  '/apis/pkg.crossplane.io/v1/configurationrevisions': list(
    'pkg.crossplane.io/v1',
    'ConfigurationRevisionList',
    []
  ),
  // Events come in two pages.
  '/api/v1/events': query =>
    query.get('continue') === 'page-2'
      ? list('v1', 'EventList', [
          event('flux-system.page2', `${AUTH_MESSAGE} (page two)`, '2024-05-01T09:59:00Z'),
        ])
      : list(
          'v1',
          'EventList',
          [event('flux-system.page1', AUTH_MESSAGE, '2024-05-01T09:58:00Z')],
          'page-2'
        ),
  '/apis/nop.example.org/v1alpha1/xnopresources': listOf(
    'nop.example.org',
    'v1alpha1',
    'XNopResource'
  ),
  '/apis/nop.example.org/v1alpha1/nopresources': listOf(
    'nop.example.org',
    'v1alpha1',
    'NopResource'
  ),
  '/apis/nop.crossplane.io/v1alpha1/nopresources': listOf(
    'nop.crossplane.io',
    'v1alpha1',
    'NopResource'
  ),
  '/apis/aws.upbound.io/v1beta1/providerconfigs': list(
    'aws.upbound.io/v1beta1',
    'ProviderConfigList',
    []
  ),
};

let server: FakeApiServer;
let kubeconfig: string;

beforeAll(async () => {
  server = await startFakeApiServer(TOKEN, routes);
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
  server.requests.length = 0;
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
    const requests = server.requests;
    expect(
      requests.every(
        request => request.method === 'GET' && request.authorization === `Bearer ${TOKEN}`
      )
    ).toBe(true);

    const keys = requests.map(
      request =>
        `${request.path}${
          request.query.get('continue') ? `?continue=${request.query.get('continue')}` : ''
        }`
    );
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect([...counts.values()].every(count => count === 1)).toBe(true);

    expect(new Set(keys)).toEqual(
      new Set([
        ...Object.keys(routes),
        '/api/v1/events?continue=page-2',
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
        .every(request => request.query.get('limit') === '500')
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
    expect(server.requests.map(request => request.path)).toEqual(['/apis']);
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
      crd(
        'nop.example.org',
        'XNopResource',
        'xnopresources',
        ['composite'],
        [['v1alpha1', true, true]]
      ),
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
      crd('cert-manager.io', 'Certificate', 'certificates', ['cert-manager'], [['v1', true, true]]),
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
