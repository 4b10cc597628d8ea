import { stringify } from 'yaml';
import { InputError } from '../../src/cli/errors';
import { findJsonSyntaxError, lineAndColumn } from '../../src/cli/jsonLocation';
import { parseSnapshot, readSnapshot } from '../../src/cli/snapshot';
import { fixture, fixtureObjects, runCli, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.cleanup());

/** The source-auth scenario: Namespace, GitRepository, Kustomization, Provider, Alert. */
const objects = fixtureObjects('source-auth-failure.yaml');
const names = (list: unknown[]): string[] =>
  list.map(item => {
    const object = item as { kind: string; metadata: { name: string } };
    return `${object.kind}/${object.metadata.name}`;
  });
const expectedNames = names(objects);

function parseError(text: string, file: string): string {
  try {
    parseSnapshot(text, file);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('snapshot formats', () => {
  it('has the objects the tests expect', () => {
    expect(expectedNames).toEqual([
      'Namespace/flux-system',
      'GitRepository/crossplane-configs',
      'Kustomization/crossplane-apis',
      'Provider/slack',
      'Alert/flux-system',
    ]);
  });

  it.each([
    [
      'a kubectl List',
      'list.json',
      () =>
        JSON.stringify(
          { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: objects },
          null,
          2
        ),
    ],
    ['a JSON array', 'array.json', () => JSON.stringify(objects)],
    ['a JSON array with no extension', 'array', () => JSON.stringify(objects)],
    [
      'multi-document YAML',
      'multi.yaml',
      () => objects.map(object => stringify(object)).join('---\n'),
    ],
    [
      'YAML documents that are Lists',
      'lists.yml',
      () =>
        [
          stringify({ apiVersion: 'v1', kind: 'List', items: objects.slice(0, 2) }),
          stringify({ apiVersion: 'v1', kind: 'List', items: objects.slice(2) }),
        ].join('---\n'),
    ],
    [
      'a JSON array of Lists',
      'nested.json',
      () =>
        JSON.stringify([
          { kind: 'List', items: objects.slice(0, 3) },
          { kind: 'List', items: objects.slice(3) },
        ]),
    ],
    [
      'YAML with empty documents and comments',
      'sparse.yaml',
      () =>
        `# snapshot\n---\n---\n${objects
          .map(object => stringify(object))
          .join('---\n# next\n')}---\n`,
    ],
  ])('loads %s', (_label, name, content) => {
    const loaded = readSnapshot(dir.write(name, content()));
    expect(names(loaded.objects)).toEqual(expectedNames);
    expect(loaded.skipped).toBe(0);
  });

  it('loads a single object', () => {
    const loaded = readSnapshot(dir.write('one.json', JSON.stringify(objects[1])));
    expect(names(loaded.objects)).toEqual(['GitRepository/crossplane-configs']);
  });

  it('fills kind and apiVersion of typed-list items as the API server omits them', () => {
    const loaded = readSnapshot(fixture('gitrepositories-typed-list.json'));
    expect(loaded.objects).toHaveLength(1);
    expect(loaded.objects[0]).toMatchObject({
      kind: 'GitRepository',
      apiVersion: 'source.toolkit.fluxcd.io/v1',
    });
  });

  it("keeps each object's cluster and gives a List's cluster to items without one", () => {
    const text = JSON.stringify({
      kind: 'List',
      cluster: 'prod',
      items: [objects[1], { ...objects[2], cluster: 'stage' }],
    });
    const loaded = parseSnapshot(text, 'clusters.json');
    expect(loaded.objects.map(object => (object as { cluster?: string }).cluster)).toEqual([
      'prod',
      'stage',
    ]);
  });

  it('counts items that are not Kubernetes objects instead of failing', () => {
    const loaded = parseSnapshot(
      JSON.stringify([objects[1], { kind: 'Thing' }, { metadata: { name: 'x' } }]),
      'mixed.json'
    );
    expect(loaded.objects).toHaveLength(1);
    expect(loaded.skipped).toBe(2);
  });
});

describe('snapshot errors name the file and line', () => {
  it.each([
    ['a tab as indentation', 'kind: ConfigMap\nmetadata:\n  name: a\n\tnamespace: b\n', 4],
    ['misaligned mapping items', 'kind: ConfigMap\nmetadata:\n  name: a\n namespace: b\n', 4],
    ['a duplicate key', 'kind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 4],
    [
      'an error in the second document',
      'kind: Namespace\nmetadata:\n  name: a\n---\nkind: ConfigMap\nmetadata:\n  name: b\nkind: Secret\n',
      8,
    ],
    // An unclosed flow collection is reported where the parser notices it: the next line.
    [
      'an unclosed flow sequence',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n  namespace: default\n',
      5,
    ],
  ])('YAML with %s: FILE:LINE', (_label, text, line) => {
    const message = parseError(text, 'snap.yaml');
    expect(message.startsWith(`snap.yaml:${line}: invalid YAML: `)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('a YAML document that is a scalar: FILE:LINE of the document', () => {
    const message = parseError(
      'kind: Namespace\nmetadata:\n  name: a\n---\njust some text\n',
      'scalar.yaml'
    );
    expect(message).toBe(
      'scalar.yaml:5: document 2 is a string, not a Kubernetes object, List or array'
    );
  });

  it.each([
    [
      '{\n  "kind": "List",\n  "items": [\n    {"kind": "Namespace",}\n  ]\n}\n',
      4,
      'unexpected "}", expected a property name in double quotes',
    ],
    ['{\n  "kind": "List",\n  "items": [\n', 4, 'unexpected end of input, expected a value'],
    [
      '[\n  {"kind": "Namespace"}\n  {"kind": "Namespace"}\n]\n',
      3,
      'unexpected "{", expected "," or "]"',
    ],
    ['{"a": "unterminated\n}', 1, 'unterminated string'],
    ['{"a": 1}\n{"b": 2}\n', 2, 'more data after the JSON value'],
  ])('JSON syntax error %#: FILE:LINE', (text, line, detail) => {
    const message = parseError(text, 'snap.json');
    expect(message.startsWith(`snap.json:${line}: invalid JSON: `)).toBe(true);
    expect(message).toContain(detail);
    expect(message).not.toContain('\n');
  });

  it('the JSON scanner agrees with JSON.parse on valid documents', () => {
    for (const text of [
      '{}',
      '[]',
      ' {"a": [1, -2.5e3, true, false, null, "x\\"\\u00e9"]} ',
      JSON.stringify(objects, null, 2),
    ]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
    expect(lineAndColumn('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 });
  });

  it('an unreadable file: exit 2 and one line naming it', async () => {
    const missing = dir.path('nope.json');
    const run = await runCli(['diagnose', '--snapshot', missing]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${missing}: cannot read snapshot: no such file\n`);
  });

  it('invalid YAML through main: exit 2, one line, FILE:LINE', async () => {
    const file = dir.write('bad.yaml', 'kind: Namespace\nmetadata:\n\tname: tabbed\n');
    const run = await runCli(['diagnose', '--snapshot', file, '--output', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: invalid YAML: .*\\n$`)
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
