import fc from 'fast-check';
import { commitLink, isSafeWebUrl, parseRepositoryUrl } from '../../src/model/commitLink';

const SHA = '8a1f2c3d4e5f60718293a4b5c6d7e8f901234567';

describe('parseRepositoryUrl', () => {
  it.each([
    [
      'https://github.com/acme/configs.git',
      { scheme: 'https', host: 'github.com', path: 'acme/configs' },
    ],
    [
      'https://github.com/acme/configs',
      { scheme: 'https', host: 'github.com', path: 'acme/configs' },
    ],
    [
      'http://gitea.internal:3000/acme/configs.git',
      { scheme: 'http', host: 'gitea.internal:3000', path: 'acme/configs' },
    ],
    [
      'ssh://git@github.com/acme/configs.git',
      { scheme: 'https', host: 'github.com', path: 'acme/configs' },
    ],
    [
      'ssh://git@gitlab.example.com:2222/group/sub/repo.git',
      { host: 'gitlab.example.com', path: 'group/sub/repo' },
    ],
    [
      'git@github.com:acme/configs.git',
      { scheme: 'https', host: 'github.com', path: 'acme/configs' },
    ],
    [
      'https://user:token@github.com/acme/configs.git',
      { host: 'github.com', path: 'acme/configs' },
    ],
    [
      'git@ssh.dev.azure.com:v3/org/project/repo',
      { host: 'dev.azure.com', path: 'org/project/_git/repo' },
    ],
  ])('%s', (url, expected) => {
    expect(parseRepositoryUrl(url)).toMatchObject(expected);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://github.com/',
    'https://github.com/acme/../etc',
    'https://github.com/acme/con figs',
    'https://evil.com"onmouseover="x/acme/repo',
    'data:text/html,hi',
    '',
  ])('rejects %j', url => {
    expect(parseRepositoryUrl(url)).toBeUndefined();
  });
});

describe('commitLink', () => {
  it.each([
    ['https://github.com/acme/configs.git', `https://github.com/acme/configs/commit/${SHA}`],
    [
      'git@gitlab.com:group/sub/configs.git',
      `https://gitlab.com/group/sub/configs/-/commit/${SHA}`,
    ],
    ['https://bitbucket.org/acme/configs.git', `https://bitbucket.org/acme/configs/commits/${SHA}`],
    [
      'https://dev.azure.com/org/project/_git/configs',
      `https://dev.azure.com/org/project/_git/configs/commit/${SHA}`,
    ],
    ['https://codeberg.org/acme/configs.git', `https://codeberg.org/acme/configs/commit/${SHA}`],
    [
      'ssh://git@gitea.example.com/acme/configs.git',
      `https://gitea.example.com/acme/configs/commit/${SHA}`,
    ],
  ])('%s', (url, expected) => {
    expect(commitLink(url, SHA)).toBe(expected);
  });

  it('uses a configured host kind for self-hosted servers', () => {
    expect(
      commitLink('https://git.acme.io/platform/configs.git', SHA, {
        hostKinds: { 'git.acme.io': 'gitlab' },
      })
    ).toBe(`https://git.acme.io/platform/configs/-/commit/${SHA}`);
  });

  it('fills a user template and validates the result', () => {
    const templates = { 'git.acme.io': 'https://code.acme.io/{path}/+/{sha}' };
    expect(commitLink('https://git.acme.io/platform/configs.git', SHA, { templates })).toBe(
      `https://code.acme.io/platform/configs/+/${SHA}`
    );
    expect(
      commitLink('https://git.acme.io/p/c.git', SHA, {
        templates: { 'git.acme.io': 'javascript:alert("{sha}")' },
      })
    ).toBeUndefined();
  });

  it('gives no link for unknown hosts, non-hex shas or missing parts', () => {
    expect(commitLink('https://unknown.example.com/acme/configs.git', SHA)).toBeUndefined();
    expect(commitLink('https://github.com/acme/configs.git', 'main')).toBeUndefined();
    expect(commitLink('https://github.com/acme/configs.git', '<script>')).toBeUndefined();
    expect(commitLink(undefined, SHA)).toBeUndefined();
  });

  it('only ever emits http(s) links with a hex sha (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (url, sha) => {
        const link = commitLink(url, sha);
        if (link !== undefined) {
          expect(isSafeWebUrl(link)).toBe(true);
          expect(link).toMatch(/^https?:\/\//);
          expect(link.endsWith(sha.toLowerCase())).toBe(true);
          expect(sha).toMatch(/^[0-9a-f]{7,64}$/i);
        }
      }),
      { numRuns: 1000 }
    );
  });
});
