import { parseDiagnoses, runCli, tempDir } from './helpers';
import { crd, LiveCluster, startLiveCluster, user, writeKubeconfig } from './liveCluster';

/**
 * A user whose RBAC covers one namespace: cluster-wide lists answer 403, lists
 * in the context's namespace answer. The CLI retries there, reads that
 * namespace, and keeps the rest of the cluster as unknown (not as empty). The
 * cluster is the demo's in-memory API (liveCluster.ts) with a Role's rules.
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

/** The team's user: Events cluster-wide, CRDs, and Flux objects in its own namespace only. */
const team = user('team', [
  { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['events'] },
  {
    verbs: ['get', 'list', 'watch'],
    apiGroups: ['apiextensions.k8s.io'],
    resources: ['customresourcedefinitions'],
  },
  {
    verbs: ['get', 'list', 'watch'],
    apiGroups: ['kustomize.toolkit.fluxcd.io', 'source.toolkit.fluxcd.io'],
    resources: ['*'],
    namespaces: [NS],
  },
]);

let server: LiveCluster;
let kubeconfig: string;

beforeAll(async () => {
  server = await startLiveCluster({
    objects: [
      crd(
        'kustomize.toolkit.fluxcd.io',
        'Kustomization',
        'kustomizations',
        [],
        [['v1', true, true]],
        'Namespaced'
      ),
      crd(
        'source.toolkit.fluxcd.io',
        'GitRepository',
        'gitrepositories',
        [],
        [['v1', true, true]],
        'Namespaced'
      ),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
      failing,
      source,
    ],
    users: { [TOKEN]: team },
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
      server
        .requests()
        .some(
          r => r.path === `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${NS}/kustomizations`
        )
    ).toBe(true);
  });

  it('without a namespace in the context, the kind stays unknown (no retry, no guess)', async () => {
    server.clearRequests();
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
    expect(server.requests().some(r => r.path.includes('/namespaces/'))).toBe(false);
  });
});
