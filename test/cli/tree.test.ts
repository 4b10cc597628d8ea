import { readFileSync } from 'node:fs';
import { fixture, fixtureObjects, runCli, tempDir } from './helpers';

const dir = tempDir();
afterAll(() => dir.cleanup());

const NOW = '2024-05-01T10:00:00Z';
const TREE = fixture('crossplane-tree.yaml');

/** The node column of a tree line (prefix and Kind/ns/name), without the status. */
const nodeColumn = (line: string): string => /^[│├└─ ]*\S+/.exec(line)?.[0] ?? '';

describe('diagnose --output tree', () => {
  it('draws the same tree as `flux tree kustomization flux-system`, absent objects shown missing, unread kinds as not visible', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      TREE,
      '--output',
      'tree',
      '--kustomization',
      'flux-system/flux-system',
      '--now',
      NOW,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    const golden = readFileSync(fixture('flux-tree.golden'), 'utf8').trimEnd().split('\n');
    expect(lines.map(nodeColumn)).toEqual(golden);

    const statusOf = (node: string): string => {
      const line = lines.find(l => nodeColumn(l).endsWith(node));
      if (!line) throw new Error(`no line for ${node}`);
      return line.slice(nodeColumn(line).length).trim();
    };
    expect(statusOf('Kustomization/flux-system/flux-system')).toBe(
      'healthy  ReconciliationSucceeded: Applied revision: main@sha1:696f056df216eea4f9401adbee0ff744d4df390f'
    );
    // The CLI does not read Deployments: their absence from the snapshot proves nothing.
    expect(statusOf('Deployment/flux-system/helm-controller')).toBe(
      'not visible (NotRead)  This kind is not read by this plugin.'
    );
    expect(statusOf('GitRepository/flux-system/flux-system')).toBe('missing');
    expect(statusOf('Namespace/flux-system')).toBe('no status');
    // The nested Kustomization is followed, like flux tree does.
    expect(statusOf('HelmRepository/cert-manager/cert-manager')).toBe('missing');
  });

  it('follows a Kustomization into what Crossplane composed, with health, reasons and rule ids', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      TREE,
      '--output',
      'tree',
      '--kustomization',
      'flux-system/crossplane-apis',
      '--now',
      NOW,
    ]);
    const lines = run.stdout.trimEnd().split('\n');
    const nodes = lines.map(nodeColumn);
    // The status column starts where the longest node name ends.
    expect(lines[0].replace(/ {2,}/, '  ')).toBe(
      "Kustomization/flux-system/crossplane-apis  failing  HealthCheckFailed: health check failed after 5m0.012s: timeout waiting for: [NopResource/default/ext-functions status: 'InProgress']  [FLUX-HEALTH-CHECK]"
    );
    // Every inventory entry is a child of the root, in inventory order.
    expect(nodes.filter(node => /^[├└]── /.test(node)).map(node => node.slice(4))).toEqual([
      'CompositeResourceDefinition/xnopresources.nop.example.org',
      'Composition/parent',
      'Composition/child',
      'Function/function-dummy-ext-functions',
      'Function/function-auto-ready-ext-functions',
      'Provider/provider-nop-ext-functions',
      'Secret/crossplane-system/super-secret',
      'NopResource/default/ext-functions',
    ]);
    const find = (node: string): string => {
      const line = lines.find(l => nodeColumn(l).endsWith(` ${node}`) || nodeColumn(l) === node);
      if (!line) throw new Error(`no line for ${node}`);
      return line;
    };
    expect(find('Secret/crossplane-system/super-secret')).toMatch(/\s{2}not visible \(NotRead\)/);
    expect(find('ProviderConfig/default')).toMatch(/\s{2}missing$/);
    expect(find('NopResource/default/ext-functions')).toMatch(
      /progressing {2}Waiting: Composite resource claim is waiting for composite resource to become Ready {2}\[XP-CLAIM-WAITING\]$/
    );
    expect(find('NopResource/ext-functions-x7k2p-9w4qz-lm5tn')).toMatch(
      /failing {2}ReconcileError: connect failed: cannot get referenced ProviderConfig: ProviderConfig.nop.crossplane.io "default" not found {2}\[XP-PROVIDERCONFIG-MISSING\]$/
    );
    expect(find('Provider/provider-nop-ext-functions')).toMatch(
      /healthy {2}HealthyPackageRevision$/
    );
    // An error in the tree fails the default --fail-on error.
    expect(run.code).toBe(1);
  });

  it('nests the composed chain one level deeper per hop', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      TREE,
      '--output',
      'tree',
      '--kustomization',
      'flux-system/crossplane-apis',
    ]);
    const nodes = run.stdout.trimEnd().split('\n').map(nodeColumn);
    const claim = nodes.indexOf('└── NopResource/default/ext-functions');
    expect(nodes.slice(claim)).toEqual([
      '└── NopResource/default/ext-functions',
      '    └── XNopResource/ext-functions-x7k2p',
      '        └── XNopResource/ext-functions-x7k2p-9w4qz',
      '            └── NopResource/ext-functions-x7k2p-9w4qz-lm5tn',
      '                ├── ProviderConfig/default',
      '                └── Provider/provider-nop-ext-functions',
    ]);
  });

  it('--fail-on counts only diagnoses of objects in the tree', async () => {
    const base = ['diagnose', '--snapshot', TREE, '--output', 'tree', '--now', NOW];
    // flux-system/flux-system is healthy although crossplane-apis (elsewhere in the file) fails.
    expect(
      (await runCli([...base, '--kustomization', 'flux-system/flux-system', '--fail-on', 'info']))
        .code
    ).toBe(0);
    expect(
      (
        await runCli([
          ...base,
          '--kustomization',
          'flux-system/crossplane-apis',
          '--fail-on',
          'never',
        ])
      ).code
    ).toBe(0);
  });

  it('takes a bare name as flux-system/NAME', async () => {
    const bare = await runCli([
      'diagnose',
      '--snapshot',
      TREE,
      '--output',
      'tree',
      '--kustomization',
      'infrastructure',
    ]);
    expect(bare.stdout.split('\n')[0]).toMatch(/^Kustomization\/flux-system\/infrastructure\s/);
  });

  it('an unknown Kustomization: exit 2, one line', async () => {
    const run = await runCli([
      'diagnose',
      '--snapshot',
      TREE,
      '--output',
      'tree',
      '--kustomization',
      'flux-system/nope',
    ]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'headlamp-flux-crossplane: Kustomization flux-system/nope not found\n',
    });
  });

  it('prints one tree per cluster that has the Kustomization, or the one --cluster names', async () => {
    const objects = fixtureObjects('crossplane-tree.yaml');
    const inCluster = (cluster: string) => objects.map(object => ({ ...object, cluster }));
    const onlyInProd = objects
      .filter(object => object.kind !== 'Kustomization')
      .map(object => ({ ...object, cluster: 'dev' }));
    const file = dir.write(
      'clusters.json',
      JSON.stringify([...inCluster('prod'), ...inCluster('stage'), ...onlyInProd])
    );
    const args = [
      'diagnose',
      '--snapshot',
      file,
      '--output',
      'tree',
      '--kustomization',
      'flux-system/infrastructure',
    ];

    const all = await runCli(args);
    expect(all.stdout).toBe(
      [
        'Cluster prod:',
        'Kustomization/flux-system/infrastructure      healthy  ReconciliationSucceeded: Applied revision: main@sha1:696f056df216eea4f9401adbee0ff744d4df390f',
        '├── Namespace/cert-manager                    missing',
        '└── HelmRepository/cert-manager/cert-manager  missing',
        '',
        'Cluster stage:',
        'Kustomization/flux-system/infrastructure      healthy  ReconciliationSucceeded: Applied revision: main@sha1:696f056df216eea4f9401adbee0ff744d4df390f',
        '├── Namespace/cert-manager                    missing',
        '└── HelmRepository/cert-manager/cert-manager  missing',
        '',
      ].join('\n')
    );
    const stage = await runCli([...args, '--cluster', 'stage']);
    expect(stage.stdout.match(/^Cluster /gm)).toEqual(['Cluster ']);
    expect(stage.stdout.startsWith('Cluster stage:\n')).toBe(true);

    const dev = await runCli([...args, '--cluster', 'dev']);
    expect(dev).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'headlamp-flux-crossplane: Kustomization flux-system/infrastructure not found in cluster dev\n',
    });
  });
});
