import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  SchemaRegistry,
  validateAgainstSchema,
  validateObjectMeta,
} from '../../src/validate/schema';
import { UPSTREAM_CRDS } from './helpers';

/** The structural-schema validator, on hand-made schemas and on the real CRDs. */

const messages = (schema: unknown, value: unknown): string[] =>
  validateAgainstSchema(schema, value).map(error => error.message);

function crd(file: string): unknown {
  return parseAllDocuments(readFileSync(join(UPSTREAM_CRDS, file), 'utf8'))[0].toJS();
}

describe('validateAgainstSchema', () => {
  const object = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
      count: { type: 'integer', minimum: 1, maximum: 3 },
      ratio: { type: 'number', exclusiveMaximum: true, maximum: 1 },
      port: { 'x-kubernetes-int-or-string': true },
      mode: { type: 'string', enum: ['a', 'b'] },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 2, uniqueItems: true },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      free: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { known: { type: 'boolean' } },
      },
      opaque: { type: 'object' },
      maybe: { type: 'string', nullable: true },
      template: {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        properties: { spec: { type: 'object' } },
      },
    },
  };

  it('accepts a valid value', () => {
    expect(
      messages(object, {
        name: 'abc',
        count: 2,
        ratio: 0.5,
        port: 'http',
        mode: 'a',
        tags: ['x'],
        labels: { a: 'b' },
        free: { anything: { at: 'all' }, known: true },
        maybe: null,
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: {} },
      })
    ).toEqual([]);
  });

  it.each([
    [{}, 'name: Required value'],
    [{ name: null }, 'name: Required value'],
    [{ name: 'ABC' }, 'name: Invalid value: "ABC": name in body should match \'^[a-z]+$\''],
    [{ name: 'abcdef' }, 'name: Too long: may not be more than 5 bytes'],
    [
      { name: 'a', count: 1.5 },
      'count: Invalid value: 1.5: count in body must be of type integer, not number',
    ],
    [
      { name: 'a', count: 0 },
      'count: Invalid value: 0: count in body should be greater than or equal to 1',
    ],
    [
      { name: 'a', count: 4 },
      'count: Invalid value: 4: count in body should be less than or equal to 3',
    ],
    [{ name: 'a', ratio: 1 }, 'ratio: Invalid value: 1: ratio in body should be less than 1'],
    [
      { name: 'a', port: true },
      'port: Invalid value: true: port in body must be of type integer or string',
    ],
    [{ name: 'a', mode: 'c' }, 'mode: Unsupported value: "c": supported values: "a", "b"'],
    [{ name: 'a', tags: ['x', 'x'] }, 'tags[1]: Duplicate value: "x"'],
    [{ name: 'a', tags: ['x', 'y', 'z'] }, 'tags: Too many: 3: must have at most 2 items'],
    [
      { name: 'a', tags: [1] },
      'tags[0]: Invalid value: 1: tags[0] in body must be of type string, not integer',
    ],
    [
      { name: 'a', labels: { a: 1 } },
      'labels.a: Invalid value: 1: labels.a in body must be of type string, not integer',
    ],
    [{ name: 'a', extra: 1 }, 'unknown field "extra"'],
    [{ name: 'a', opaque: { x: 1 } }, 'unknown field "opaque.x"'],
    [
      { name: 'a', free: { known: 'yes' } },
      'free.known: Invalid value: "yes": free.known in body must be of type boolean, not string',
    ],
  ])('%j → %s', (value, message) => {
    expect(messages(object, value)).toEqual([message]);
  });

  it('oneOf/anyOf/not are value validations: they never make a field unknown', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    };
    expect(messages(schema, { a: 'x' })).toEqual([]);
    expect(messages(schema, { a: 'x', b: 'y' })[0]).toMatch(
      /must match exactly one schema in oneOf \(matches 2\)/
    );
    expect(messages(schema, {})[0]).toMatch(/must match exactly one schema in oneOf/);
    const anyOf = { type: 'string', anyOf: [{ pattern: '^a' }, { pattern: 'z$' }] };
    expect(messages(anyOf, 'abc')).toEqual([]);
    expect(messages(anyOf, 'bcd')[0]).toMatch(/must match at least one schema in anyOf/);
    expect(messages({ type: 'string', not: { enum: ['forbidden'] } }, 'forbidden')[0]).toMatch(
      /should not match/
    );
  });

  it('leaves ${var} placeholders (filled by Flux substituteFrom) unchecked', () => {
    expect(
      messages({ type: 'object', properties: { n: { type: 'integer' } } }, { n: '${replicas}' })
    ).toEqual([]);
    expect(messages({ type: 'string', pattern: '^[0-9]+m$' }, '${interval:=5m}')).toEqual([]);
  });
});

describe('validateObjectMeta', () => {
  it('checks names, label values and unknown metadata fields', () => {
    expect(validateObjectMeta({ metadata: { name: 'ok', labels: { a: 'b' } } }, true)).toEqual([]);
    const errors = validateObjectMeta(
      { metadata: { name: 'Not_Valid', labels: { enabled: true }, label: {} } },
      true
    ).map(error => error.message);
    expect(errors).toEqual([
      'unknown field "metadata.label"',
      'metadata.labels.enabled: Invalid value: true: must be a string (quote it in YAML)',
      expect.stringMatching(
        /^metadata\.name: Invalid value: "Not_Valid": a lowercase RFC 1123 subdomain/
      ),
    ]);
    expect(validateObjectMeta({ metadata: { generateName: 'x-' } }, true)).toEqual([]);
    expect(validateObjectMeta({ kind: 'X' }, true).map(error => error.message)).toEqual([
      'metadata: Required value',
    ]);
    // Built-in kinds allow other names (system:foo ClusterRoles).
    expect(validateObjectMeta({ metadata: { name: 'system:foo' } }, false)).toEqual([]);
  });
});

describe('SchemaRegistry', () => {
  it('reads real CRDs: versions, scope, deprecation', () => {
    const registry = new SchemaRegistry();
    expect(
      registry.addCrd(
        crd('crossplane/apiextensions.crossplane.io_compositeresourcedefinitions.yaml'),
        'xrd'
      )
    ).toBe(true);
    expect(registry.addCrd(crd('flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml'), 'ks')).toBe(
      true
    );
    expect(registry.addCrd({ kind: 'ConfigMap' }, 'nope')).toBe(false);
    const xrd = registry.get('apiextensions.crossplane.io', 'CompositeResourceDefinition');
    expect(xrd?.namespaced).toBe(false);
    expect(
      xrd?.versions.map(version => [version.name, version.served, version.deprecated])
    ).toEqual([
      ['v1', true, true],
      ['v2', true, false],
    ]);
    expect(registry.get('kustomize.toolkit.fluxcd.io', 'Kustomization')?.namespaced).toBe(true);
    expect(registry.knowsGroup('kustomize.toolkit.fluxcd.io')).toBe(true);
    expect(registry.knowsGroup('example.org')).toBe(false);
  });

  it('the real Kustomization schema accepts healthCheckExprs and rejects a misspelt field in them', () => {
    const registry = new SchemaRegistry();
    registry.addCrd(crd('flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml'), 'ks');
    const schema = registry.get('kustomize.toolkit.fluxcd.io', 'Kustomization')?.versions[0].schema;
    const spec = {
      interval: '10m',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      healthCheckExprs: [
        {
          apiVersion: 'apiextensions.crossplane.io/v2',
          kind: 'CompositeResourceDefinition',
          current: 'true',
        },
      ],
    };
    expect(messages(schema, { spec })).toEqual([]);
    expect(
      messages(schema, {
        spec: {
          ...spec,
          healthCheckExprs: [{ apiVersion: 'x/v1', kind: 'X', current: 'true', failure: 'false' }],
        },
      })
    ).toEqual(['unknown field "spec.healthCheckExprs[0].failure"']);
  });

  it('derives XR and claim schemas from an XRD, accepting the fields Crossplane adds', () => {
    const registry = new SchemaRegistry();
    const xrd = {
      apiVersion: 'apiextensions.crossplane.io/v1',
      kind: 'CompositeResourceDefinition',
      metadata: { name: 'xdbs.example.org' },
      spec: {
        group: 'example.org',
        names: { kind: 'XDB', plural: 'xdbs' },
        claimNames: { kind: 'DB', plural: 'dbs' },
        versions: [
          {
            name: 'v1',
            served: true,
            referenceable: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', properties: { size: { type: 'string' } } } },
              },
            },
          },
        ],
      },
    };
    registry.addXrd(xrd, 'apiextensions.crossplane.io/v1', 'XRD xdbs');
    const composite = registry.get('example.org', 'XDB');
    const claim = registry.get('example.org', 'DB');
    expect(composite?.namespaced).toBe(false); // LegacyCluster
    expect(claim?.namespaced).toBe(true);
    expect(claim?.xrd).toEqual({ name: 'xdbs.example.org', role: 'claim', legacy: true });
    const schema = claim?.versions[0].schema;
    expect(
      messages(schema, {
        spec: {
          size: 'small',
          compositionRef: { name: 'c' },
          writeConnectionSecretToRef: { name: 's' },
        },
      })
    ).toEqual([]);
    expect(messages(schema, { spec: { sise: 'small' } })).toEqual(['unknown field "spec.sise"']);
  });
});
