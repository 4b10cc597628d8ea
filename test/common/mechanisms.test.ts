import { jsonPatch, mergePatch, PatchError } from '../../src/common/jsonPatch';
import {
  matchesLabelSelector,
  matchLabelsMatch,
  parseLabelSelector,
  SelectorError,
} from '../../src/common/labelSelector';
import { shellWord } from '../../src/common/shellWord';

/** The one implementation of selectors, patches and shell words that src, the demo and the fakes share. */

describe('label selectors', () => {
  it.each([
    ['', { a: 'b' }, true],
    ['a=b', { a: 'b' }, true],
    ['a==b', { a: 'c' }, false],
    ['a!=b', {}, true],
    ['a!=b', { a: 'b' }, false],
    ['a in (x, y)', { a: 'y' }, true],
    ['a in(x,y)', { a: 'x' }, true],
    ['a notin (x)', {}, true],
    ['a notin (x)', { a: 'x' }, false],
    ['a', { a: '' }, true],
    ['!a', { a: '' }, false],
    [
      'app.kubernetes.io/part-of in (flux,crossplane),!b',
      { 'app.kubernetes.io/part-of': 'flux' },
      true,
    ],
  ])('%j on %j: %s', (selector, labels, expected) => {
    expect(matchesLabelSelector(selector, labels)).toBe(expected);
  });

  it('refuses what the API server refuses', () => {
    expect(() => parseLabelSelector('a b')).toThrow(SelectorError);
    expect(matchesLabelSelector('a b', { a: 'b' })).toBe(false);
  });

  it('matchLabels: every key and value', () => {
    expect(matchLabelsMatch({ a: 'b' }, { a: 'b', c: 'd' })).toBe(true);
    expect(matchLabelsMatch({ a: 'b', c: 'x' }, { a: 'b', c: 'd' })).toBe(false);
  });
});

describe('patches', () => {
  it('merge patch: null removes, objects merge, arrays replace, nothing shared with the patch', () => {
    const patch = { spec: { list: [1], gone: null, keep: { b: 2 } } };
    const result = mergePatch({ spec: { list: [0, 0], gone: 1, keep: { a: 1 } } }, patch) as {
      spec: { list: number[] };
    };
    expect(result).toEqual({ spec: { list: [1], keep: { a: 1, b: 2 } } });
    result.spec.list.push(2);
    expect(patch.spec.list).toEqual([1]);
  });

  it('merge patch drops the keys it is told to (kustomize directives)', () => {
    expect(mergePatch({ a: 1 }, { $patch: 'merge', b: 2 }, new Set(['$patch']))).toEqual({
      a: 1,
      b: 2,
    });
  });

  it('JSON patch: RFC 6902 operations on a copy; a failing one throws', () => {
    const document = { a: [1, 2], b: { c: 1 } };
    expect(
      jsonPatch(document, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'replace', path: '/b/c', value: 2 },
        { op: 'move', from: '/b', path: '/d' },
        { op: 'test', path: '/d/c', value: 2 },
      ])
    ).toEqual({ a: [1, 2, 3], d: { c: 2 } });
    expect(document).toEqual({ a: [1, 2], b: { c: 1 } });
    expect(() => jsonPatch(document, [{ op: 'remove', path: '/x' }])).toThrow(PatchError);
    expect(() => jsonPatch(document, { op: 'add' })).toThrow(PatchError);
  });
});

describe('shell words', () => {
  it.each([
    ['flux-system', 'flux-system'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf ~)', "'$(rm -rf ~)'"],
    ['`id`;x', "'`id`;x'"],
    ['~/x', "'~/x'"],
  ])('%j → %s', (text, word) => {
    expect(shellWord(text)).toBe(word);
  });
});
