import {
  formatKeyObjects,
  formatPairs,
  parseHostKinds,
  parseKeyObjects,
  parseTemplates,
} from '../../src/settings/settingsText';

describe('settings text', () => {
  it('reads key objects, one per line, with an optional cluster', () => {
    const parsed = parseKeyObjects(
      'GitRepository/flux-system/crossplane-configs\n\nKustomization/flux-system/crossplane-apis@production\nnot a key'
    );
    expect(parsed.value).toEqual([
      { kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' },
      {
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'crossplane-apis',
        cluster: 'production',
      },
    ]);
    expect(parsed.errors).toEqual(['not a key']);
    expect(formatKeyObjects(parsed.value)).toBe(
      'GitRepository/flux-system/crossplane-configs\nKustomization/flux-system/crossplane-apis@production'
    );
  });
  it('reads host kinds and refuses unknown kinds', () => {
    expect(parseHostKinds('git.acme.io=gitlab\nforge.acme.io=svn')).toEqual({
      value: { 'git.acme.io': 'gitlab' },
      errors: ['forge.acme.io=svn'],
    });
  });
  it('keeps only http(s) templates that use {sha}', () => {
    const parsed = parseTemplates(
      'git.acme.io=https://code.acme.io/{path}/+/{sha}\nbad.io=javascript:alert({sha})\nnosha.io=https://x/{path}'
    );
    expect(parsed.value).toEqual({ 'git.acme.io': 'https://code.acme.io/{path}/+/{sha}' });
    expect(parsed.errors).toHaveLength(2);
    expect(formatPairs(parsed.value)).toBe('git.acme.io=https://code.acme.io/{path}/+/{sha}');
  });
});
