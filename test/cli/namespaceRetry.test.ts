import { FakeApiServer, list, startFakeApiServer, status, writeKubeconfig } from './fakeApiServer';
import { parseDiagnoses, runCli, tempDir } from './helpers';

/**
 * A user whose RBAC covers one namespace: cluster-wide lists answer 403, lists
 * in the context's namespace answer. The CLI retries there, reads that
 * namespace, and keeps the rest of the cluster as unknown (not as empty).
 */

const TOKEN = 'team-token-1';
const dir = tempDir();
const NS = 'flux-system';

const failing = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: NS, generation: 2, uid: 'k1' },
  spec: {
    interval: '10m',
    path: './apps',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'apps' },
  },
  status: {
    observedGeneration: 2,
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'BuildFailed',
        message: 'kustomize build failed: accumulating resources: missing.yaml: no such file',
        lastTransitionTime: '2024-05-01T09:50:00Z',
        observedGeneration: 2,
      },
    ],
  },
};
const source = {
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name: 'apps', namespace: NS, generation: 1, uid: 'g1' },
  spec: { interval: '1m', url: 'https://git.example.org/apps', ref: { branch: 'main' } },
  status: {
    observedGeneration: 1,
    artifact: { revision: 'main@sha1:0123456789abcdef0123456789abcdef01234567' },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Succeeded',
        message: 'stored artifact',
        lastTransitionTime: '2024-05-01T09:00:00Z',
        observedGeneration: 1,
      },
    ],
  },
};

const forbidden = (resource: string, group: string) =>
  status(
    403,
    'Forbidden',
    `${resource}.${group} is forbidden: User "team" cannot list resource "${resource}" in API group "${group}" at the cluster scope`
  );

let server: FakeApiServer;
let kubeconfig: string;

beforeAll(async () => {
  server = await startFakeApiServer(TOKEN, {
    '/apis': {
      status: 200,
      body: {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [
          { name: 'kustomize.toolkit.fluxcd.io', versions: [{ version: 'v1' }] },
          { name: 'source.toolkit.fluxcd.io', versions: [{ version: 'v1' }] },
        ],
      },
    },
    '/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations': forbidden(
      'kustomizations',
      'kustomize.toolkit.fluxcd.io'
    ),
    [`/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${NS}/kustomizations`]: list(
      'kustomize.toolkit.fluxcd.io/v1',
      'KustomizationList',
      [failing]
    ),
    '/apis/source.toolkit.fluxcd.io/v1/gitrepositories': forbidden(
      'gitrepositories',
      'source.toolkit.fluxcd.io'
    ),
    [`/apis/source.toolkit.fluxcd.io/v1/namespaces/${NS}/gitrepositories`]: list(
      'source.toolkit.fluxcd.io/v1',
      'GitRepositoryList',
      [source]
    ),
    '/api/v1/events': list('v1', 'EventList', []),
  });
  kubeconfig = writeKubeconfig(dir.path('kubeconfig'), [
    { name: 'team', server: server.url, token: TOKEN, namespace: NS },
    { name: 'team-no-namespace', server: server.url, token: TOKEN },
  ]);
});
afterAll(async () => {
  await server.close();
  dir.cleanup();
});

describe('diagnose --kubeconfig as a namespace-limited user', () => {
  it("retries a forbidden cluster-wide list in the context's namespace and diagnoses what is there", async () => {
    const run = await runCli(['diagnose', '--kubeconfig', kubeconfig, '--output', 'json']);
    expect(run.stderr).toBe('');
    const diagnoses = parseDiagnoses(run.stdout);
    const build = diagnoses.find(
      d => d.subject.kind === 'Kustomization' && d.subject.name === 'apps'
    );
    expect(build?.title).toBe('Kustomization apps: the latest commit has invalid manifests');
    const visibility = diagnoses.filter(d => d.ruleId === 'VISIBILITY');
    const kustomizations = visibility.find(d => d.subject.kind === 'Kustomization');
    expect(kustomizations?.title).toBe(
      'Not allowed to list Kustomization (kustomize.toolkit.fluxcd.io) in all namespaces except flux-system in cluster team.'
    );
    expect(
      server.requests.some(
        r => r.path === `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${NS}/kustomizations`
      )
    ).toBe(true);
  });

  it('without a namespace in the context, the kind stays unknown (no retry, no guess)', async () => {
    server.requests.length = 0;
    const run = await runCli([
      'diagnose',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'team-no-namespace',
      '--output',
      'json',
    ]);
    const diagnoses = parseDiagnoses(run.stdout);
    expect(diagnoses.some(d => d.subject.name === 'apps')).toBe(false);
    expect(
      diagnoses.find(d => d.ruleId === 'VISIBILITY' && d.subject.kind === 'Kustomization')?.title
    ).toBe(
      'Not allowed to list Kustomization (kustomize.toolkit.fluxcd.io) in all namespaces in cluster team-no-namespace.'
    );
    expect(server.requests.some(r => r.path.includes('/namespaces/'))).toBe(false);
  });
});
