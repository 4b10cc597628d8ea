import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadCrdFiles } from '../../src/cli/validate';
import { validateTree } from '../../src/validate/validate';
import { memoryTree, UPSTREAM_CRDS } from './helpers';

/** No tree makes the validator throw, and every diagnosis has the catalogue's shape. */

const crds = loadCrdFiles([UPSTREAM_CRDS]);

const kinds = fc.constantFrom(
  ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
  ['source.toolkit.fluxcd.io/v1', 'GitRepository'],
  ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
  ['notification.toolkit.fluxcd.io/v1beta3', 'Alert'],
  ['apiextensions.crossplane.io/v2', 'CompositeResourceDefinition'],
  ['apiextensions.crossplane.io/v1', 'Composition'],
  ['pkg.crossplane.io/v1', 'Function'],
  ['v1', 'ConfigMap'],
  ['example.org/v1', 'Thing']
);

const object = fc.record(
  {
    kind: kinds,
    name: fc.constantFrom('a', 'b', 'flux-system', 'crossplane-apis', 'Bad_Name'),
    namespace: fc.option(fc.constantFrom('flux-system', 'default'), { nil: undefined }),
    spec: fc.oneof(
      fc.anything(),
      fc.record({
        path: fc.constantFrom('./apps', './', '../x', 'apps', './missing'),
        sourceRef: fc.record({
          kind: fc.constantFrom('GitRepository', 'Bucket'),
          name: fc.constantFrom('flux-system', 'x'),
        }),
        dependsOn: fc.array(fc.record({ name: fc.constantFrom('a', 'b') }), { maxLength: 2 }),
        interval: fc.constantFrom('1m', 'soon', 5),
        prune: fc.anything(),
        postBuild: fc.option(
          fc.record({ substitute: fc.dictionary(fc.constantFrom('a', 'b-c'), fc.string()) }),
          { nil: undefined }
        ),
        patches: fc.option(
          fc.array(fc.record({ patch: fc.string(), target: fc.anything() }), { maxLength: 2 }),
          { nil: undefined }
        ),
      })
    ),
  },
  { requiredKeys: ['kind', 'name', 'spec'] }
);

const files = fc.dictionary(
  fc.constantFrom(
    'clusters/test/a.yaml',
    'clusters/test/b.yaml',
    'apps/x.yaml',
    'apps/kustomization.yaml',
    'apps/sub/y.yml',
    'loose.yaml'
  ),
  fc.oneof(
    fc.array(object, { maxLength: 3 }).map(objects =>
      objects
        .map(item =>
          stringify({
            apiVersion: item.kind[0],
            kind: item.kind[1],
            metadata: { name: item.name, ...(item.namespace ? { namespace: item.namespace } : {}) },
            spec: item.spec,
          })
        )
        .join('---\n')
    ),
    fc.string(),
    fc.constant('resources: [x.yaml, sub, missing.yaml, ../../escape]\nnamespace: ns\n')
  )
);

describe('validate robustness', () => {
  it('never throws; every diagnosis has the catalogue shape', () => {
    fc.assert(
      fc.property(files, tree => {
        const report = validateTree({ root: memoryTree(tree), crds });
        for (const diagnosis of report.diagnoses) {
          expect(['error', 'warning', 'info']).toContain(diagnosis.severity);
          expect(typeof diagnosis.ruleId).toBe('string');
          expect(typeof diagnosis.subject.kind).toBe('string');
          expect(typeof diagnosis.title).toBe('string');
          expect(Array.isArray(diagnosis.evidence) && Array.isArray(diagnosis.actions)).toBe(true);
        }
      }),
      { numRuns: 300 }
    );
  });
});
