import { stringify } from 'yaml';
import { fixture, fixtureObjects, parseDiagnoses, runCli, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.cleanup());

const NOW = '2024-05-01T10:00:00Z';
const CATALOGUE_KEYS = [
  'ruleId',
  'severity',
  'subject',
  'title',
  'explanation',
  'evidence',
  'causes',
  'actions',
];

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

/** Namespace, GitRepository crossplane-configs (AuthenticationFailed), Kustomization crossplane-apis (ArtifactFailed), Provider, Alert. */
const authObjects = fixtureObjects('source-auth-failure.yaml');
const byKind = (objects: Json[], kind: string): Json => {
  const found = objects.find(object => object.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
};

function withReady(object: Json, status: string, reason: string, message: string): Json {
  const copy = clone(object);
  const statusField = (copy.status ?? {}) as Json;
  statusField.conditions = [
    { type: 'Ready', status, reason, message, lastTransitionTime: '2024-05-01T09:00:00Z' },
  ];
  copy.status = statusField;
  return copy;
}

/** Everything healthy and alerted, except a suspended Kustomization: warnings only. */
function warningOnlyObjects(): Json[] {
  return authObjects.map(object => {
    if (object.kind === 'GitRepository')
      return withReady(
        object,
        'True',
        'Succeeded',
        "stored artifact for revision 'main@sha1:696f056df216eea4f9401adbee0ff744d4df390f'"
      );
    if (object.kind === 'Kustomization') {
      const ready = withReady(
        object,
        'True',
        'ReconciliationSucceeded',
        'Applied revision: main@sha1:696f056df216eea4f9401adbee0ff744d4df390f'
      );
      (ready.spec as Json).suspend = true;
      return ready;
    }
    return object;
  });
}

/** A healthy HelmRelease whose drift helm-controller corrected: info only. */
const infoOnlyObjects: Json[] = [
  {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'podinfo', namespace: 'apps', generation: 1 },
    spec: {
      interval: '10m',
      chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } },
    },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'UpgradeSucceeded',
          message: 'Helm upgrade succeeded for release apps/podinfo.v2 with chart podinfo@6.5.4',
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: 'podinfo.17c5d0e6a1b2c3d4',
      namespace: 'apps',
      creationTimestamp: '2024-05-01T09:50:00Z',
    },
    involvedObject: {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      name: 'podinfo',
      namespace: 'apps',
    },
    type: 'Normal',
    reason: 'DriftDetected',
    message: 'Deployment/apps/podinfo changed (0 additions, 1 changes, 0 removals)',
    lastTimestamp: '2024-05-01T09:50:00Z',
    source: { component: 'helm-controller' },
  },
];

/** The three healthy Kustomizations of the flux CLI's tree testdata. */
const healthyObjects = fixtureObjects('crossplane-tree.yaml').filter(
  object =>
    object.kind === 'Namespace' ||
    (object.kind === 'Kustomization' && (object.metadata as Json).name !== 'crossplane-apis')
);

function writeList(name: string, objects: Json[]): string {
  return dir.write(
    name,
    JSON.stringify(
      { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: objects },
      null,
      2
    )
  );
}

describe('diagnose --output json', () => {
  it('reports FLUX-SOURCE-AUTH on the GitRepository and FLUX-ARTIFACT on its Kustomization, exit 1', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      fixture('source-auth-failure.yaml'),
      '--output',
      'json',
      '--now',
      NOW,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const diagnoses = parseDiagnoses(run.stdout);
    expect(diagnoses.map(d => d.ruleId)).toEqual(['FLUX-SOURCE-AUTH', 'FLUX-ARTIFACT']);

    const [auth, artifact] = diagnoses;
    expect(auth).toMatchObject({
      severity: 'error',
      subject: {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        namespace: 'flux-system',
        name: 'crossplane-configs',
      },
    });
    expect(auth.subject).not.toHaveProperty('cluster'); // a snapshot without cluster fields
    expect(auth.evidence.map(e => e.text).join('\n')).toContain(
      "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required"
    );
    expect(auth.actions.map(a => a.command)).toContain(
      'flux reconcile source git crossplane-configs -n flux-system'
    );
    expect(auth.actions.map(a => a.command)).toContain(
      'kubectl describe secret github-token -n flux-system'
    );

    expect(artifact).toMatchObject({
      severity: 'error',
      subject: { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' },
      causes: [{ kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' }],
    });
  });

  it('prints only a JSON array in the catalogue shape', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      fixture('crossplane-tree.yaml'),
      '--output',
      'json',
      '--now',
      NOW,
    ]);
    expect(run.stdout.startsWith('[')).toBe(true);
    expect(run.stdout.endsWith(']\n')).toBe(true);
    const diagnoses = parseDiagnoses(run.stdout);
    expect(diagnoses.length).toBeGreaterThan(0);
    for (const diagnosis of diagnoses) {
      for (const key of Object.keys(diagnosis)) expect(CATALOGUE_KEYS).toContain(key);
      expect(['error', 'warning', 'info']).toContain(diagnosis.severity);
      expect(typeof diagnosis.subject.apiVersion).toBe('string');
      if (diagnosis.severity === 'error') expect(diagnosis.actions.length).toBeGreaterThan(0);
    }
    // Worst first.
    const ranks = diagnoses.map(d => ['error', 'warning', 'info'].indexOf(d.severity));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('leads the health-check failure with its root cause: the missing ProviderConfig', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      fixture('crossplane-tree.yaml'),
      '--output',
      'json',
      '--now',
      NOW,
    ]);
    const diagnoses = parseDiagnoses(run.stdout);
    const healthCheck = diagnoses.find(d => d.ruleId === 'FLUX-HEALTH-CHECK');
    expect(healthCheck?.subject).toMatchObject({ kind: 'Kustomization', name: 'crossplane-apis' });
    expect(healthCheck?.causes?.[0]).toMatchObject({
      kind: 'NopResource',
      name: 'ext-functions-x7k2p-9w4qz-lm5tn',
    });
    expect(diagnoses.find(d => d.ruleId === 'XP-PROVIDERCONFIG-MISSING')?.subject).toMatchObject({
      apiVersion: 'nop.crossplane.io/v1alpha1',
      kind: 'NopResource',
      name: 'ext-functions-x7k2p-9w4qz-lm5tn',
    });
    expect(diagnoses.map(d => d.ruleId)).toEqual(
      expect.arrayContaining([
        'XP-CLAIM-WAITING',
        'XP-WAITING-ON-CHILDREN',
        'XP-PROVIDERCONFIG-MISSING',
        'FLUX-HEALTH-CHECK',
      ])
    );
  });

  it('gives the same diagnoses for the same objects as YAML, a List and an array', async () => {
    const yamlFile = dir.write(
      'same.yaml',
      authObjects.map(object => stringify(object)).join('---\n')
    );
    const listFile = writeList('same-list.json', authObjects);
    const arrayFile = dir.write('same-array.json', JSON.stringify(authObjects));
    const outputs = await Promise.all(
      [fixture('source-auth-failure.yaml'), yamlFile, listFile, arrayFile].map(file =>
        runCli(['diagnose', '--snapshot', file, '--output', 'json', '--now', NOW])
      )
    );
    for (const output of outputs) expect(output.stdout).toBe(outputs[0].stdout);
  });

  it('merges several --snapshot files', async () => {
    const gitOnly = writeList(
      'git.json',
      authObjects.filter(object => object.kind === 'GitRepository')
    );
    const rest = dir.write(
      'rest.yaml',
      authObjects
        .filter(object => object.kind !== 'GitRepository')
        .map(o => stringify(o))
        .join('---\n')
    );
    const run = await runCli([
      'diagnose',
      '--snapshot',
      gitOnly,
      '--snapshot',
      rest,
      '--output',
      'json',
      '--now',
      NOW,
    ]);
    expect(parseDiagnoses(run.stdout).map(d => d.ruleId)).toEqual([
      'FLUX-SOURCE-AUTH',
      'FLUX-ARTIFACT',
    ]);
  });

  it('the same --now gives the same output', async () => {
    const args = [
      'diagnose',
      '--snapshot',
      fixture('crossplane-tree.yaml'),
      '--output',
      'json',
      '--now',
      NOW,
    ];
    expect((await runCli(args)).stdout).toBe((await runCli(args)).stdout);
  });

  it('--now decides time-based rules (FLUX-STALE)', async () => {
    const kustomization = byKind(healthyObjects, 'Kustomization');
    const reconciling = clone(kustomization);
    (reconciling.status as Json).conditions = [
      {
        type: 'Reconciling',
        status: 'True',
        reason: 'Progressing',
        message: 'Reconciliation in progress',
        lastTransitionTime: '2024-05-01T08:00:00Z',
      },
      {
        type: 'Ready',
        status: 'Unknown',
        reason: 'Progressing',
        message: 'Reconciliation in progress',
        lastTransitionTime: '2024-05-01T08:00:00Z',
      },
    ];
    const file = writeList('stale.json', [reconciling]);
    const early = await runCli([
      'diagnose',
      '--snapshot',
      file,
      '--output',
      'json',
      '--now',
      '2024-05-01T08:05:00Z',
    ]);
    const late = await runCli([
      'diagnose',
      '--snapshot',
      file,
      '--output',
      'json',
      '--now',
      '2024-05-01T10:00:00Z',
    ]);
    expect(parseDiagnoses(early.stdout).map(d => d.ruleId)).not.toContain('FLUX-STALE');
    expect(parseDiagnoses(late.stdout).map(d => d.ruleId)).toContain('FLUX-STALE');
  });

  it('--key-object replaces the default key objects of FLUX-NO-ALERTS', async () => {
    const noAlerts = writeList(
      'no-alerts.json',
      authObjects.filter(object => object.kind !== 'Alert')
    );
    const defaults = parseDiagnoses(
      (await runCli(['diagnose', '--snapshot', noAlerts, '--output', 'json', '--now', NOW])).stdout
    );
    expect(
      defaults
        .filter(d => d.ruleId === 'FLUX-NO-ALERTS')
        .map(d => `${d.subject.kind}/${d.subject.name}`)
    ).toEqual(['GitRepository/crossplane-configs', 'Kustomization/crossplane-apis']);
    const custom = parseDiagnoses(
      (
        await runCli([
          'diagnose',
          '--snapshot',
          noAlerts,
          '--output',
          'json',
          '--now',
          NOW,
          '--key-object',
          'Kustomization/flux-system/crossplane-apis',
        ])
      ).stdout
    );
    expect(
      custom
        .filter(d => d.ruleId === 'FLUX-NO-ALERTS')
        .map(d => `${d.subject.kind}/${d.subject.name}`)
    ).toEqual(['Kustomization/crossplane-apis']);
  });

  it('keeps each object cluster and filters with --cluster', async () => {
    const prod = authObjects.map(object => ({ ...object, cluster: 'prod' }));
    const stage = warningOnlyObjects().map(object => ({ ...object, cluster: 'stage' }));
    const file = writeList('two-clusters.json', [...prod, ...stage]);
    const all = parseDiagnoses(
      (await runCli(['diagnose', '--snapshot', file, '--output', 'json', '--now', NOW])).stdout
    );
    expect(new Set(all.map(d => d.subject.cluster))).toEqual(new Set(['prod', 'stage']));

    const stageRun = await runCli([
      'diagnose',
      '--snapshot',
      file,
      '--output',
      'json',
      '--now',
      NOW,
      '--cluster',
      'stage',
    ]);
    const stageOnly = parseDiagnoses(stageRun.stdout);
    expect(stageOnly.map(d => `${d.subject.cluster} ${d.ruleId}`)).toEqual([
      'stage FLUX-SUSPENDED',
    ]);
    expect(stageRun.code).toBe(0); // the errors are in prod

    const unknown = await runCli(['diagnose', '--snapshot', file, '--cluster', 'dev']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'headlamp-flux-crossplane: cluster "dev" is not in the input (clusters: prod, stage)\n'
    );
  });
});

describe('--fail-on', () => {
  const cases: Array<[string, () => Json[], Record<string, number>]> = [
    ['errors', () => authObjects, { error: 1, warning: 1, info: 1, never: 0 }],
    ['warnings only', warningOnlyObjects, { error: 0, warning: 1, info: 1, never: 0 }],
    ['info only', () => infoOnlyObjects, { error: 0, warning: 0, info: 1, never: 0 }],
    ['nothing', () => healthyObjects, { error: 0, warning: 0, info: 0, never: 0 }],
  ];

  it.each(cases)('%s', async (label, objects, expected) => {
    const file = writeList(`fail-on-${label.replace(/\s/g, '-')}.json`, objects());
    const codes: Record<string, number> = {};
    for (const level of Object.keys(expected)) {
      codes[level] = (
        await runCli(['diagnose', '--snapshot', file, '--now', NOW, '--fail-on', level])
      ).code;
    }
    expect(codes).toEqual(expected);
    // Default: error.
    expect((await runCli(['diagnose', '--snapshot', file, '--now', NOW])).code).toBe(
      expected.error
    );
  });

  it('the scenarios have the severities they are named after', async () => {
    const severities = async (objects: Json[], name: string) =>
      parseDiagnoses(
        (
          await runCli([
            'diagnose',
            '--snapshot',
            writeList(name, objects),
            '--output',
            'json',
            '--now',
            NOW,
          ])
        ).stdout
      ).map(d => `${d.severity} ${d.ruleId}`);
    expect(await severities(warningOnlyObjects(), 'w.json')).toEqual(['warning FLUX-SUSPENDED']);
    expect(await severities(infoOnlyObjects, 'i.json')).toEqual(['info FLUX-DRIFT']);
    expect(await severities(healthyObjects, 'h.json')).toEqual([]);
  });
});

describe('diagnose --output table', () => {
  it('prints severity, rule id, subject, title, then explanation, evidence, cause chain and actions', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      fixture('source-auth-failure.yaml'),
      '--now',
      NOW,
    ]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'ERROR    FLUX-SOURCE-AUTH  GitRepository/flux-system/crossplane-configs'
    );
    // Title and explanation are the rule's own text, printed whole on one line each.
    const [auth] = parseDiagnoses(
      (
        await runCli([
          'diagnose',
          '--snapshot',
          fixture('source-auth-failure.yaml'),
          '--output',
          'json',
          '--now',
          NOW,
        ])
      ).stdout
    );
    expect(lines[1]).toBe(`  ${auth.title}`);
    expect(lines[2]).toBe(`    ${auth.explanation}`);
    expect(auth.title).toContain('crossplane-configs');
    expect(run.stdout).toContain(
      "  Evidence:\n    - condition: Ready=False (AuthenticationFailed): failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required"
    );
    expect(run.stdout).toContain(
      '    - Reconcile\n        flux reconcile source git crossplane-configs -n flux-system\n'
    );
    expect(run.stdout).toContain(
      'ERROR    FLUX-ARTIFACT  Kustomization/flux-system/crossplane-apis'
    );
    expect(run.stdout).toContain(
      '  Cause chain (root cause first):\n    1. GitRepository/flux-system/crossplane-configs  [FLUX-SOURCE-AUTH]\n    2. Kustomization/flux-system/crossplane-apis  [FLUX-ARTIFACT]\n'
    );
    expect(run.stdout.endsWith('\n\n2 errors, 0 warnings, 0 info\n')).toBe(true);
    // Worst first: the root cause (no causes of its own) before what it causes.
    expect(run.stdout.indexOf('FLUX-SOURCE-AUTH')).toBeLessThan(
      run.stdout.indexOf('ERROR    FLUX-ARTIFACT')
    );
  });

  it('says so when nothing is wrong', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      writeList('healthy.json', healthyObjects),
      '--now',
      NOW,
      '--fail-on',
      'info',
    ]);
    expect(run).toEqual({ code: 0, stdout: 'No problems found.\n', stderr: '' });
  });

  it('names the cluster of each subject when objects carry one', async () => {
    const file = writeList(
      'prod.json',
      authObjects.map(object => ({ ...object, cluster: 'prod' }))
    );
    const run = await runCli(['diagnose', '--snapshot', file, '--now', NOW]);
    expect(run.stdout.split('\n')[0]).toBe(
      'ERROR    FLUX-SOURCE-AUTH  GitRepository/flux-system/crossplane-configs (cluster prod)'
    );
  });

  it('warns on stderr about an input without objects', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      dir.write('empty.yaml', '# nothing here\n'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No problems found.\n');
    expect(run.stderr).toBe(
      'headlamp-flux-crossplane: warning: the input holds no Kubernetes objects\n'
    );
  });
});

describe('bad input exits 2 with one line on stderr', () => {
  it.each([
    [
      ['diagnose'],
      'headlamp-flux-crossplane: nothing to diagnose: give --snapshot FILE or --kubeconfig PATH (see --help)',
    ],
    [['diagnose', '--snapshot'], 'headlamp-flux-crossplane: --snapshot needs a value'],
    [
      ['diagnose', '--snapshot', 'x.json', '--frobnicate'],
      'headlamp-flux-crossplane: unknown option --frobnicate',
    ],
    [
      ['diagnose', '--snapshot', 'x.json', '--fail-on', 'critical'],
      'headlamp-flux-crossplane: --fail-on must be one of error, warning, info, never, not "critical"',
    ],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('warnings wait for a successful run, so an error stays one line', async () => {
    const odd = dir.write('odd.json', JSON.stringify([authObjects[1], { kind: 'NoName' }]));
    const broken = dir.write('broken.json', '{"kind": "List", "items": [}');
    const failed = await runCli(['diagnose', '--snapshot', odd, '--snapshot', broken]);
    expect(failed).toEqual({
      code: 2,
      stdout: '',
      stderr: `${broken}:1: invalid JSON: unexpected "}", expected a value (column 28)\n`,
    });
    const passed = await runCli(['diagnose', '--snapshot', odd, '--output', 'json']);
    expect(passed.code).toBe(1);
    expect(passed.stderr).toBe(
      `headlamp-flux-crossplane: warning: ${odd}: skipped 1 item(s) without kind or metadata.name\n`
    );
    // Without the Alert, the key GitRepository is also uncovered.
    expect(parseDiagnoses(passed.stdout).map(d => d.ruleId)).toEqual([
      'FLUX-SOURCE-AUTH',
      'FLUX-NO-ALERTS',
    ]);
  });

  it('--help prints the usage on stdout, exit 0', async () => {
    const run = await runCli(['diagnose', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: headlamp-flux-crossplane diagnose \[options\]/);
    expect(run.stderr).toBe('');
  });
});
