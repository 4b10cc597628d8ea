import fc from 'fast-check';
import { parseRevision, sameRevision } from '../../src/model/revision';

const SHA = '696f056df216eea4f9401adbee0ff744d4df390f';
const DIGEST = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('parseRevision', () => {
  it.each([
    [`main@sha1:${SHA}`, { format: 'git', ref: 'main', commit: SHA, short: 'main@696f056' }],
    [`v1.2.3@sha1:${SHA}`, { format: 'git', ref: 'v1.2.3', commit: SHA, short: 'v1.2.3@696f056' }],
    [`refs/pull/42/head@sha1:${SHA}`, { format: 'git', ref: 'refs/pull/42/head', commit: SHA }],
    [`sha1:${SHA}`, { format: 'git', commit: SHA, short: '696f056' }],
    [
      `latest@sha256:${DIGEST}`,
      { format: 'digest', ref: 'latest', digest: DIGEST, short: 'latest@a1b2c3d4e5f6' },
    ],
    [`sha256:${DIGEST}`, { format: 'digest', digest: DIGEST, short: 'a1b2c3d4e5f6' }],
    [`main/${SHA}`, { format: 'legacy-git', ref: 'main', commit: SHA, short: 'main@696f056' }],
    ['6.3.5', { format: 'version', version: '6.3.5', short: '6.3.5' }],
    ['6.3.5+a1b2c3d4e5f6', { format: 'version', version: '6.3.5+a1b2c3d4e5f6' }],
    [SHA, { format: 'commit', commit: SHA }],
    ['something odd', { format: 'unknown', short: 'something odd' }],
    ['', { format: 'empty', short: '' }],
  ])('%s', (raw, expected) => {
    expect(parseRevision(raw)).toMatchObject({ ...expected, raw });
  });

  it('treats sha256 as a commit for Git repositories (SHA-256 object format)', () => {
    expect(parseRevision(`main@sha256:${DIGEST}`, 'GitRepository')).toMatchObject({
      format: 'git',
      commit: DIGEST,
    });
    expect(parseRevision(`main@sha256:${DIGEST}`, 'OCIRepository').commit).toBeUndefined();
  });

  it('names no commit for artifact digests and no ref for bare digests', () => {
    expect(parseRevision(`latest@sha256:${DIGEST}`).commit).toBeUndefined();
    expect(parseRevision(`sha1:${SHA}`).ref).toBeUndefined();
  });

  it('keeps unknown formats verbatim', () => {
    expect(parseRevision('main@md5:zz').short).toBe('main@md5:zz');
  });

  it('reads odd input as empty', () => {
    expect(parseRevision(undefined).format).toBe('empty');
    expect(parseRevision(null).format).toBe('empty');
  });

  it('never throws and always keeps the raw text (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.string(), raw => {
        const revision = parseRevision(raw);
        expect(revision.raw).toBe(raw.trim());
      }),
      { numRuns: 1000 }
    );
  });
});

describe('sameRevision', () => {
  it('matches the same commit across formats', () => {
    expect(sameRevision(`main@sha1:${SHA}`, `sha1:${SHA}`)).toBe(true);
    expect(sameRevision(`main/${SHA}`, `main@sha1:${SHA.toUpperCase()}`)).toBe(true);
  });
  it('does not match different commits or empty values', () => {
    expect(sameRevision(`main@sha1:${SHA}`, `main@sha1:${'0'.repeat(40)}`)).toBe(false);
    expect(sameRevision('', '')).toBe(false);
    expect(sameRevision(undefined, `sha1:${SHA}`)).toBe(false);
  });
});
