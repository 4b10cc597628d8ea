import fc from 'fast-check';
import { parseArgs, USAGE } from '../../src/cli/args';
import { InputError } from '../../src/cli/errors';

function errorOf(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('reads every option, in both --opt value and --opt=value forms', () => {
    expect(
      parseArgs([
        'diagnose',
        '--snapshot',
        'a.json',
        '--snapshot=b.yaml',
        '--kubeconfig',
        '/tmp/kc',
        '--context',
        'prod',
        '--context=stage',
        '--output',
        'tree',
        '--kustomization',
        'flux-system/crossplane-apis',
        '--cluster',
        'prod',
        '--fail-on',
        'warning',
        '--now',
        '2024-05-01T10:00:00Z',
        '--key-object',
        'Kustomization/flux-system/apps',
        '--key-object=GitRepository/flux-system/platform',
      ])
    ).toEqual({
      command: 'diagnose',
      snapshots: ['a.json', 'b.yaml'],
      live: { kubeconfig: '/tmp/kc', contexts: ['prod', 'stage'] },
      output: 'tree',
      kustomization: { namespace: 'flux-system', name: 'crossplane-apis' },
      cluster: 'prod',
      failOn: 'warning',
      now: Date.parse('2024-05-01T10:00:00Z'),
      keyObjects: [
        { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
        { kind: 'GitRepository', namespace: 'flux-system', name: 'platform' },
      ],
    });
  });

  it('defaults to table output and --fail-on error', () => {
    expect(parseArgs(['diagnose', '--snapshot', 'x.json'])).toEqual({
      command: 'diagnose',
      snapshots: ['x.json'],
      output: 'table',
      failOn: 'error',
    });
  });

  it('takes a bare Kustomization name as flux-system/NAME and "-" as stdin', () => {
    const args = parseArgs([
      'diagnose',
      '--snapshot',
      '-',
      '--output',
      'tree',
      '--kustomization',
      'apps',
    ]);
    expect(args).toMatchObject({
      snapshots: ['-'],
      kustomization: { namespace: 'flux-system', name: 'apps' },
    });
  });

  it('--context alone reads the live cluster from the default kubeconfig', () => {
    expect(parseArgs(['diagnose', '--context', 'kind-dev'])).toMatchObject({
      live: { kubeconfig: undefined, contexts: ['kind-dev'] },
    });
  });

  it.each([
    [['--help']],
    [['diagnose', '--help']],
    [['-h']],
    [['help']],
    [['diagnose', '--bogus', '-h']],
  ])('%j is help', argv => {
    expect(parseArgs(argv)).toEqual({ command: 'help' });
  });

  it.each([
    [[], 'missing command'],
    [['trace'], 'unknown command "trace"'],
    [['diagnose'], 'nothing to diagnose'],
    [['diagnose', '--snapshot'], '--snapshot needs a value'],
    [['diagnose', '--snapshot', '--output', 'json'], '--snapshot needs a value'],
    [['diagnose', '--snapshot='], '--snapshot needs a value'],
    [['diagnose', '--snapshot', 'x', '--bogus'], 'unknown option --bogus'],
    [['diagnose', '--snapshot', 'x', '-v'], 'unknown option -v'],
    [['diagnose', '--snapshot', 'x', 'extra'], 'unexpected argument "extra"'],
    [
      ['diagnose', '--snapshot', 'x', '--output', 'yaml'],
      '--output must be one of table, json, tree, not "yaml"',
    ],
    [
      ['diagnose', '--snapshot', 'x', '--output', 'json', '--output', 'table'],
      '--output may be given only once',
    ],
    [['diagnose', '--snapshot', 'x', '--output', 'tree'], '--output tree needs --kustomization'],
    [
      ['diagnose', '--snapshot', 'x', '--kustomization', 'a/b'],
      '--kustomization is only used with --output tree',
    ],
    [
      ['diagnose', '--snapshot', 'x', '--output', 'tree', '--kustomization', 'a/b/c'],
      '--kustomization must be NS/NAME',
    ],
    [
      ['diagnose', '--snapshot', 'x', '--fail-on', 'fatal'],
      '--fail-on must be one of error, warning, info, never',
    ],
    [['diagnose', '--snapshot', 'x', '--now', 'yesterday'], '--now must be an RFC 3339 time'],
    [['diagnose', '--snapshot', 'x', '--now', '2024-05-01'], '--now must be an RFC 3339 time'],
    [
      ['diagnose', '--snapshot', 'x', '--now', '2024-13-01T00:00:00Z'],
      '--now must be an RFC 3339 time',
    ],
    [
      ['diagnose', '--snapshot', 'x', '--key-object', 'Kustomization/apps'],
      '--key-object must be KIND/NS/NAME',
    ],
  ])('rejects %j', (argv, message) => {
    const text = errorOf(argv);
    expect(text).toContain(message);
    expect(text.startsWith('headlamp-flux-crossplane: ')).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('the usage text names every option', () => {
    for (const option of [
      '--snapshot',
      '--kubeconfig',
      '--context',
      '--output',
      '--kustomization',
      '--cluster',
      '--fail-on',
      '--now',
      '--key-object',
      '--help',
    ]) {
      expect(USAGE).toContain(option);
    }
    expect(USAGE).toContain('Kustomization/flux-system/crossplane-apis');
  });

  it('any command line parses or gets one InputError line, never another error', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'diagnose',
        'validate',
        'help',
        '-',
        '--',
        '-h',
        '--snapshot',
        '--snapshot=',
        '--kubeconfig',
        '--context',
        '--output',
        '--output=json',
        '--kustomization',
        '--cluster',
        '--fail-on',
        '--now',
        '--key-object',
        '--crds',
        '--source',
        'json',
        'tree',
        'a/b',
        '2024-05-01T10:00:00Z'
      ),
      fc.string({ maxLength: 12 })
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), argv => {
        try {
          const args = parseArgs(argv);
          expect(['help', 'diagnose', 'validate']).toContain(args.command);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          const message = (error as InputError).message;
          expect(message.startsWith('headlamp-flux-crossplane: ')).toBe(true);
        }
      }),
      { numRuns: 1000 }
    );
  });

  it('reads the validate options and rejects those of diagnose', () => {
    expect(
      parseArgs([
        'validate',
        'repo',
        '--crds',
        'crds',
        '--crds=more.yaml',
        '--source',
        'configs=../configs',
        '--output',
        'json',
        '--fail-on',
        'warning',
      ])
    ).toEqual({
      command: 'validate',
      dir: 'repo',
      crds: ['crds', 'more.yaml'],
      sources: [{ key: 'GitRepository/flux-system/configs', dir: '../configs' }],
      output: 'json',
      failOn: 'warning',
      renderer: 'auto',
    });
    expect(errorOf(['validate', 'repo', '--snapshot', 'x.json'])).toContain(
      'unknown option --snapshot'
    );
    expect(errorOf(['diagnose', '--crds', 'crds'])).toContain('unknown option --crds');
    expect(errorOf(['validate', '--crds', 'crds'])).toContain('validate needs a directory');
  });
});
