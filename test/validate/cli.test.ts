import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { parseArgs, USAGE, VALIDATE_USAGE } from '../../src/cli/args';
import { loadCrdFiles } from '../../src/cli/validate';
import { runCli, tempDir } from '../cli/helpers';
import { startLiveCluster, user, writeKubeconfig } from '../cli/liveCluster';
import { caseDir, UPSTREAM_CRDS, validateJson } from './helpers';

/** `validate` on the command line: arguments, outputs, exit codes, CRD sources. */

const dir = tempDir();
afterAll(() => dir.cleanup());

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

function errorOf(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

/** Every CRD of test/fixtures/crds as one `kubectl get crd -o yaml` List. */
function crdList(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: loadCrdFiles([UPSTREAM_CRDS]).map(crd => crd.object),
    metadata: { resourceVersion: '' },
  };
}

describe('validate arguments', () => {
  it('parses the options', () => {
    expect(
      parseArgs([
        'validate',
        'deploy',
        '--crds',
        'a',
        '--crds=b',
        '--source',
        'GitRepository/flux-system/crossplane-configs=../configs',
        '--source',
        'other=../other',
        '--output',
        'json',
        '--fail-on',
        'warning',
        '--key-object',
        'Kustomization/flux-system/apps',
        '--kubeconfig',
        'kc',
        '--context',
        'prod',
      ])
    ).toEqual({
      command: 'validate',
      dir: 'deploy',
      crds: ['a', 'b'],
      sources: [
        { key: 'GitRepository/flux-system/crossplane-configs', dir: '../configs' },
        { key: 'GitRepository/flux-system/other', dir: '../other' },
      ],
      output: 'json',
      failOn: 'warning',
      keyObjects: [{ kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }],
      live: { kubeconfig: 'kc', context: 'prod' },
      renderer: 'auto',
    });
    expect(parseArgs(['--crds', 'x', 'validate', '.'])).toMatchObject({
      command: 'validate',
      dir: '.',
      crds: ['x'],
    });
  });

  it.each([
    [['validate'], 'validate needs a directory'],
    [['validate', 'a', 'b'], 'unexpected argument "b"'],
    [['validate', 'a', '--snapshot', 'x'], 'unknown option --snapshot'],
    [['validate', 'a', '--output', 'tree'], '--output must be one of table, json, not "tree"'],
    [['validate', 'a', '--source', 'nope'], '--source must be KIND/NS/NAME=PATH'],
    [['validate', 'a', '--source', 'HelmRepository/a/b=c'], '--source must be KIND/NS/NAME=PATH'],
    [['validate', 'a', '--crds'], '--crds needs a value'],
    [['validate', 'a', '--context', 'a', '--context', 'b'], '--context may be given only once'],
    // diagnose keeps its own options.
    [['diagnose', '--snapshot', 'x', '--crds', 'y'], 'unknown option --crds'],
  ])('rejects %j', (argv, message) => {
    const text = errorOf(argv);
    expect(text).toContain(message);
    expect(text.startsWith('headlamp-flux-crossplane: ')).toBe(true);
  });

  it('help: validate --help prints its own usage; the general usage points at it', async () => {
    expect(parseArgs(['validate', '--help'])).toEqual({ command: 'help', topic: 'validate' });
    expect(parseArgs(['diagnose', '--help'])).toEqual({ command: 'help' });
    const run = await runCli(['validate', 'x', '-h']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(VALIDATE_USAGE);
    expect(USAGE).toMatch(/^Usage: headlamp-flux-crossplane diagnose \[options\]/);
    expect(USAGE).toContain('validate DIR');
    for (const option of [
      '--crds',
      '--source',
      '--kubeconfig',
      '--context',
      '--output',
      '--fail-on',
      '--key-object',
    ])
      expect(VALIDATE_USAGE).toContain(option);
  });
});

describe('validate output and exit codes', () => {
  it('table: what was read, each diagnosis with file:line, the summary line; exit 1 on an error', async () => {
    const run = await runCli([
      'validate',
      caseDir('schema-unknown-field'),
      '--crds',
      UPSTREAM_CRDS,
      '--renderer',
      'builtin',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Validated .*schema-unknown-field: 2 YAML file\(s\), 2 object\(s\) rendered; clusters: clusters\/test; \d+ CRD\(s\)\.$/
    );
    expect(run.stdout).toContain('ERROR    VALIDATE-SCHEMA  Kustomization/flux-system/apps');
    expect(run.stdout).toMatch(/clusters\/test\/flux\.yaml:7: unknown field "spec\.intervall"/);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('1 error, 0 warnings, 0 info');
  });

  it('json: an array of diagnoses in the catalogue shape, nothing else', async () => {
    const run = await validateJson(caseDir('claims-not-ordered'));
    expect(run.code).toBe(1);
    expect(run.diagnoses.length).toBeGreaterThan(0);
    for (const diagnosis of run.diagnoses) {
      for (const key of Object.keys(diagnosis)) expect(CATALOGUE_KEYS).toContain(key);
      expect(['error', 'warning', 'info']).toContain(diagnosis.severity);
      expect(diagnosis.subject.kind).not.toBe('');
      for (const evidence of diagnosis.evidence)
        expect(['condition', 'event', 'field']).toContain(evidence.kind);
    }
  });

  it('--fail-on decides the exit code', async () => {
    const warning = caseDir('suspended');
    expect((await validateJson(warning)).code).toBe(0);
    expect((await validateJson(warning, ['--fail-on', 'warning'])).code).toBe(1);
    expect((await validateJson(caseDir('yaml-syntax'), ['--fail-on', 'never'])).code).toBe(0);
  });

  it('bad input exits 2 with one line on stderr', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['validate', join(dir.path('missing'))], /is not a directory$/],
      [
        ['validate', caseDir('valid'), '--crds', dir.path('nope')],
        /cannot read --crds: no such file or directory$/,
      ],
      [
        ['validate', caseDir('valid'), '--crds', caseDir('valid')],
        /holds no CustomResourceDefinition$/,
      ],
      [
        ['validate', caseDir('valid'), '--source', `x=${dir.path('nowhere')}`],
        /is not a directory$/,
      ],
      [
        [
          'validate',
          caseDir('valid'),
          '--crds',
          dir.write('bad-crds.yaml', 'kind: List\nitems: [\n'),
        ],
        /bad-crds\.yaml:3: invalid YAML/,
      ],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd()).toMatch(message);
      expect(run.stderr.trimEnd()).not.toContain('\n');
    }
  });

  it('--crds takes `kubectl get crd -o yaml` output (a List)', async () => {
    const file = dir.write('crds.yaml', stringify(crdList()));
    const run = await runCli([
      'validate',
      caseDir('schema-invalid-value'),
      '--crds',
      file,
      '--output',
      'json',
      '--renderer',
      'builtin',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('spec.prune in body must be of type boolean');
  });

  it('--crds accepts JSON too, and a CRD file without the kinds in the tree says what it could not check', async () => {
    const file = dir.write(
      'kustomization-crd.json',
      JSON.stringify(
        parseAllDocuments(
          readFileSync(
            join(UPSTREAM_CRDS, 'flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml'),
            'utf8'
          )
        )[0].toJS()
      )
    );
    const run = await runCli([
      'validate',
      caseDir('valid'),
      '--crds',
      file,
      '--output',
      'json',
      '--renderer',
      'builtin',
    ]);
    expect(run.code).toBe(0);
    const titles = (JSON.parse(run.stdout) as Array<{ ruleId: string; title: string }>).map(
      item => `${item.ruleId} ${item.title}`
    );
    expect(titles).toContain(
      'VISIBILITY No CRD for notification.toolkit.fluxcd.io: Alert, Provider not schema-checked'
    );
  });
});

describe('validate --kubeconfig reads the CRDs of a live cluster (the demo in-memory API)', () => {
  const TOKEN = 'validate-token';
  const CI = 'system:serviceaccount:ci:validate';
  it('lists CustomResourceDefinitions once and validates against them', async () => {
    const crds = crdList().items as Record<string, unknown>[];
    const server = await startLiveCluster({
      objects: crds,
      users: { [TOKEN]: user(CI, [{ verbs: ['list'], apiGroups: ['*'], resources: ['*'] }]) },
    });
    try {
      const kubeconfig = writeKubeconfig(dir.path('kubeconfig'), [
        { name: 'ci', server: server.url, token: TOKEN },
      ]);
      const run = await runCli([
        'validate',
        caseDir('schema-invalid-value'),
        '--kubeconfig',
        kubeconfig,
        '--output',
        'json',
        '--renderer',
        'builtin',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('spec.prune in body must be of type boolean');
      expect(server.requests().map(request => request.path)).toEqual([
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      ]);
      // Sent with the bearer token: the server knows the token's user by it.
      expect(server.requests()[0].user).toBe(CI);
    } finally {
      await server.close();
    }
  });

  it('a cluster that refuses the list is bad input (exit 2)', async () => {
    // A user without any rule: the CRD list is forbidden.
    const server = await startLiveCluster({ objects: [], users: { [TOKEN]: user(CI, []) } });
    try {
      const kubeconfig = writeKubeconfig(dir.path('kubeconfig-403'), [
        { name: 'ci', server: server.url, token: TOKEN },
      ]);
      const run = await runCli(['validate', caseDir('valid'), '--kubeconfig', kubeconfig]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /cannot list CustomResourceDefinitions in cluster "ci".*forbidden/
      );
    } finally {
      await server.close();
    }
  });
});
