import { FileCache, lineOfPath, parseYamlText } from '../../src/validate/files';
import { refusalFinding, Renderer } from '../../src/validate/kustomize';
import { jsonPatch, matchesLabelSelector, mergePatch, PatchError } from '../../src/validate/patch';
import { substituteText } from '../../src/validate/substitute';
import { validateTree } from '../../src/validate/validate';
import { memoryTree } from './helpers';

/** Rendering the way kustomize-controller does, on in-memory trees. */

const scopes = (group: string, kind: string): boolean | undefined =>
  kind === 'Namespace' || kind === 'ClusterRole' ? true : group === '' ? false : undefined;

function render(files: Record<string, string>, dir: string) {
  const source = { key: 'GitRepository/flux-system/flux-system', tree: memoryTree(files) };
  const renderer = new Renderer(new FileCache(), scopes);
  const result = renderer.render(source, dir);
  return {
    ...result,
    findings: renderer.findings.map(item => item.diagnosis),
    refused: result.refusals.map(refusal => refusalFinding(refusal).diagnosis),
  };
}

const cm = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n  a: "1"\n`;

describe('kustomize rendering', () => {
  it('follows kustomization.yaml: resources, nested kustomizations, namespace, prefix, labels, annotations', () => {
    const { objects, findings } = render(
      {
        'app/kustomization.yaml': [
          'resources:',
          '  - base',
          '  - extra.yaml',
          'namespace: team',
          'namePrefix: p-',
          'commonLabels:',
          '  app: demo',
          'commonAnnotations:',
          '  owner: me',
        ].join('\n'),
        'app/base/kustomization.yaml': 'resources:\n  - cm.yaml\n  - ns.yaml\n',
        'app/base/cm.yaml': cm('settings'),
        'app/base/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n',
        'app/extra.yaml': cm('extra'),
        'app/ignored.yaml': cm('not-listed'),
      },
      'app'
    );
    expect(findings).toEqual([]);
    expect(objects.map(object => object.value.metadata)).toEqual([
      {
        name: 'p-settings',
        namespace: 'team',
        labels: { app: 'demo' },
        annotations: { owner: 'me' },
      },
      { name: 'team', labels: { app: 'demo' }, annotations: { owner: 'me' } },
      { name: 'p-extra', namespace: 'team', labels: { app: 'demo' }, annotations: { owner: 'me' } },
    ]);
    expect(objects[0].origin.path).toBe('app/base/cm.yaml');
  });

  it('without kustomization.yaml, generates one: every YAML file below, sub-kustomizations as a whole', () => {
    const { objects, files } = render(
      {
        'apps/a.yaml': cm('a'),
        'apps/deeper/b.yml': cm('b'),
        'apps/kust/kustomization.yaml': 'resources:\n  - c.yaml\n',
        'apps/kust/c.yaml': cm('c'),
        'apps/kust/unlisted.yaml': cm('unlisted'),
        'apps/.hidden/d.yaml': cm('d'),
        'apps/readme.md': '# not yaml',
      },
      'apps'
    );
    expect(
      objects.map(
        object => object.value.metadata && (object.value.metadata as { name: string }).name
      )
    ).toEqual(['a', 'b', 'c']);
    expect([...files].map(file => file.split('\u0000')[1]).sort()).toEqual([
      'apps/a.yaml',
      'apps/deeper/b.yml',
      'apps/kust/c.yaml',
      'apps/kust/kustomization.yaml',
    ]);
  });

  it('applies patches: strategic merge by target, JSON 6902, $patch: delete, patchesStrategicMerge', () => {
    const { objects, findings } = render(
      {
        'app/kustomization.yaml': [
          'resources: [a.yaml, b.yaml, c.yaml]',
          'patches:',
          '  - target: {kind: ConfigMap, labelSelector: "tier in (web,api)"}',
          '    patch: |',
          '      apiVersion: v1',
          '      kind: ConfigMap',
          '      metadata: {name: any}',
          '      data: {b: "2"}',
          '  - target: {kind: ConfigMap, name: "b|c"}',
          '    patch: |',
          '      - op: add',
          '        path: /data/c',
          '        value: "3"',
          'patchesStrategicMerge:',
          '  - |',
          '    apiVersion: v1',
          '    kind: ConfigMap',
          '    metadata: {name: c}',
          '    $patch: delete',
        ].join('\n'),
        'app/a.yaml': cm('a', '  labels: {tier: web}\n'),
        'app/b.yaml': cm('b', '  labels: {tier: db}\n'),
        'app/c.yaml': cm('c'),
      },
      'app'
    );
    expect(findings).toEqual([]);
    expect(
      objects.map(object => [(object.value.metadata as { name: string }).name, object.value.data])
    ).toEqual([
      ['a', { a: '1', b: '2' }],
      ['b', { a: '1', c: '3' }],
    ]);
  });

  it('reports build failures as FLUX-INVALID-MANIFESTS and what it cannot render as VISIBILITY', () => {
    const { findings, refused, remote } = render(
      {
        'app/kustomization.yaml': [
          'resources:',
          '  - missing.yaml',
          '  - https://github.com/org/repo//base?ref=v1',
          '  - sub',
          'resource: [typo]',
          'configMapGenerator:',
          '  - name: x',
          'patches:',
          '  - target: {kind: ConfigMap}',
          '    patch: |',
          '      - op: remove',
          '        path: /data/nope',
        ].join('\n'),
        'app/sub/plain.yaml': cm('plain'),
      },
      'app'
    );
    expect(findings.map(finding => [finding.ruleId, finding.evidence[0].text])).toEqual([
      [
        'FLUX-INVALID-MANIFESTS',
        expect.stringMatching(
          /app\/kustomization\.yaml:5: invalid Kustomization: json: unknown field "resource"/
        ),
      ],
      [
        'FLUX-INVALID-MANIFESTS',
        expect.stringMatching(/:2: accumulating resources.*missing\.yaml.*no such file/),
      ],
      [
        'FLUX-INVALID-MANIFESTS',
        expect.stringMatching(
          /:4: accumulating resources: unable to find one of 'kustomization\.yaml'/
        ),
      ],
    ]);
    // What it does not render as kustomize does: "not rendered exactly", with file:line.
    expect(
      refused.map(finding => [finding.ruleId, finding.title, finding.evidence[0].text])
    ).toEqual([
      [
        'VISIBILITY',
        'not rendered exactly: configMapGenerator in repo/app/kustomization.yaml',
        expect.stringMatching(/kustomization\.yaml:6: configMapGenerator in/),
      ],
      [
        'VISIBILITY',
        'not rendered exactly: remote resource https://github.com/org/repo//base?ref=v1',
        expect.stringMatching(/:3: remote resource https:\/\/github\.com/),
      ],
    ]);
    // A real engine is never run on it: it would fetch the remote base.
    expect(remote).toEqual(['https://github.com/org/repo//base?ref=v1']);
  });

  it('JSON 6902 and merge patch primitives', () => {
    expect(
      jsonPatch({ a: [1, 2] }, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'move', from: '/a', path: '/b' },
      ])
    ).toEqual({ b: [1, 2, 3] });
    expect(
      jsonPatch({ 'x/y': { '~': 1 } }, [{ op: 'replace', path: '/x~1y/~0', value: 2 }])
    ).toEqual({ 'x/y': { '~': 2 } });
    expect(() => jsonPatch({}, [{ op: 'replace', path: '/a', value: 1 }])).toThrow(PatchError);
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(
      /test failed/
    );
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1] }, { a: { b: null, d: 3 }, l: [2] })).toEqual({
      a: { c: 2, d: 3 },
      l: [2],
    });
    expect(matchesLabelSelector('a=b,c!=d,!e,f', { a: 'b', c: 'x', f: '' })).toBe(true);
    expect(matchesLabelSelector('a notin (b, c)', { a: 'c' })).toBe(false);
  });

  it('post-build substitution: values, defaults, escapes, empty for unknown unless substituteFrom may set it', () => {
    const vars = { cluster: 'prod', empty: '' };
    expect(
      substituteText('${cluster} ${missing:=dev} ${empty:-x} ${empty-x} $${cluster} ${missing}.', {
        vars,
        keepUnknown: false,
      })
    ).toBe('prod dev x  ${cluster} .');
    expect(substituteText('${missing}', { vars, keepUnknown: true })).toBe('${missing}');
  });

  it('finds the line of a field, or of its deepest existing ancestor', () => {
    const source = { key: 'k', tree: memoryTree({}) };
    const parsed = parseYamlText(
      source,
      'f.yaml',
      '---\n# c\nkind: X\nspec:\n  list:\n    - a: 1\n    - b: 2\n'
    );
    const doc = parsed.docs[0];
    expect(doc.line).toBe(3);
    expect(lineOfPath(doc, ['spec', 'list', 1, 'b'])).toBe(7);
    expect(lineOfPath(doc, ['spec', 'missing', 'deeper'])).toBe(4);
    expect(parseYamlText(source, 'g.yaml', 'a: 1\nb: [\n').error?.line).toBe(3);
  });
});

describe('Flux Kustomization rendering (validateTree)', () => {
  it('applies targetNamespace, spec.patches, commonMetadata and postBuild, then the owner labels', () => {
    const report = validateTree({
      root: memoryTree({
        'clusters/prod/apps.yaml': [
          'apiVersion: kustomize.toolkit.fluxcd.io/v1',
          'kind: Kustomization',
          'metadata: {name: apps, namespace: flux-system}',
          'spec:',
          '  interval: 10m',
          '  prune: true',
          '  path: ./apps',
          '  sourceRef: {kind: GitRepository, name: flux-system}',
          '  targetNamespace: web',
          '  commonMetadata: {labels: {team: a}}',
          '  patches:',
          '    - target: {kind: ConfigMap}',
          '      patch: |',
          '        - {op: add, path: /data/patched, value: "yes"}',
          '  postBuild:',
          '    substitute: {env: production}',
        ].join('\n'),
        'apps/cm.yaml': cm('settings').replace('a: "1"', 'env: ${env}\n  size: ${size:=small}'),
      }),
    });
    // No CRDs given here: only the note that schemas were not checked.
    expect(report.diagnoses.map(diagnosis => diagnosis.ruleId)).toEqual(['VISIBILITY']);
    expect(report.clusters).toEqual(['clusters/prod']);
    const settings = report.rendered
      .find(cluster => cluster.cluster === 'clusters/prod')
      ?.objects.find(object => object.kind === 'ConfigMap');
    expect(settings).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace: 'web',
        labels: {
          team: 'a',
          'kustomize.toolkit.fluxcd.io/name': 'apps',
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        },
      },
      data: { env: 'production', size: 'small', patched: 'yes' },
    });
  });

  it('a bootstrap Kustomization that applies its own directory makes that directory a cluster', () => {
    const report = validateTree({
      root: memoryTree({
        'clusters/dev/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
        'clusters/dev/flux-system/gotk-sync.yaml': [
          'apiVersion: source.toolkit.fluxcd.io/v1',
          'kind: GitRepository',
          'metadata: {name: flux-system, namespace: flux-system}',
          'spec: {interval: 1m, url: "https://github.com/acme/fleet", ref: {branch: main}}',
          '---',
          'apiVersion: kustomize.toolkit.fluxcd.io/v1',
          'kind: Kustomization',
          'metadata: {name: flux-system, namespace: flux-system}',
          'spec: {interval: 10m, prune: true, path: ./clusters/dev, sourceRef: {kind: GitRepository, name: flux-system}}',
        ].join('\n'),
        'clusters/dev/apps.yaml': [
          'apiVersion: kustomize.toolkit.fluxcd.io/v1',
          'kind: Kustomization',
          'metadata: {name: apps, namespace: flux-system}',
          'spec: {interval: 10m, prune: true, path: ./apps, sourceRef: {kind: GitRepository, name: flux-system}}',
        ].join('\n'),
        'apps/cm.yaml': cm('settings', '  namespace: default\n'),
      }),
    });
    expect(report.clusters).toEqual(['clusters/dev']);
    expect(report.diagnoses.map(diagnosis => diagnosis.ruleId)).toEqual(['VISIBILITY']);
    const names = report.rendered[0].objects.map(
      object => `${object.kind}/${(object.metadata as { name: string }).name}`
    );
    expect(names.sort()).toEqual([
      'ConfigMap/settings',
      'GitRepository/flux-system',
      'Kustomization/apps',
      'Kustomization/flux-system',
    ]);
  });

  it('CRDs: a child of the Kustomization applying a CRD is ordered after it, a sibling needs dependsOn', () => {
    const crd = [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: {name: things.example.org}',
      'spec:',
      '  group: example.org',
      '  scope: Namespaced',
      '  names: {kind: Thing, plural: things}',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}',
    ].join('\n');
    const ks = (name: string, path: string): string =>
      [
        'apiVersion: kustomize.toolkit.fluxcd.io/v1',
        'kind: Kustomization',
        `metadata: {name: ${name}, namespace: flux-system}`,
        `spec: {interval: 10m, prune: true, path: ${path}, sourceRef: {kind: GitRepository, name: flux-system}}`,
      ].join('\n');
    const thing =
      'apiVersion: example.org/v1\nkind: Thing\nmetadata: {name: t, namespace: default}\n';
    const child = validateTree({
      root: memoryTree({
        'clusters/dev/crds.yaml': crd,
        'clusters/dev/apps.yaml': ks('apps', './apps'),
        'apps/thing.yaml': thing,
      }),
    });
    expect(child.diagnoses.filter(diagnosis => diagnosis.ruleId === 'FLUX-CRD-ORDERING')).toEqual(
      []
    );
    const sibling = validateTree({
      root: memoryTree({
        'clusters/dev/flux.yaml': `${ks('infra', './infra')}\n---\n${ks('apps', './apps')}`,
        'infra/crds.yaml': crd,
        'apps/thing.yaml': thing,
      }),
    });
    expect(
      sibling.diagnoses
        .filter(diagnosis => diagnosis.ruleId === 'FLUX-CRD-ORDERING')
        .map(d => d.title)
    ).toEqual([
      'Kustomization flux-system/apps applies Thing objects without depending on Kustomization flux-system/infra, which applies the CRD things.example.org',
    ]);
  });

  it('without Flux Kustomizations, validates the kustomizations and manifests it finds', () => {
    const report = validateTree({
      root: memoryTree({
        'base/kustomization.yaml': 'resources: [cm.yaml]\nnamespace: a\n',
        'base/cm.yaml': cm('one'),
        'loose.yaml': cm('two', '  namespace: b\n'),
        '.github/workflows/ci.yaml': 'on: push\njobs: {}\n',
      }),
    });
    expect(report.clusters).toEqual([]);
    expect(report.objects).toBe(2);
    expect(report.diagnoses).toEqual([]);
  });
});
