import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS } from '../../src/rules';
import { SHARED_RULE_IDS, VALIDATE_RULE_IDS, VALIDATE_RULES } from '../../src/validate/catalogue';
import { REPO } from './helpers';

/** The validate ids: their own list, the live ids they share, and docs/validate.md in step with both. */

function documentedIds(): string[] {
  const markdown = readFileSync(join(REPO, 'docs/validate.md'), 'utf8');
  return [...markdown.matchAll(/^\|\s*`([A-Z][A-Z0-9-]*)`\s*\|/gm)].map(match => match[1]);
}

describe('validate rule ids', () => {
  it('VALIDATE-* ids are new, in the catalogue style, and not in the live catalogue', () => {
    for (const id of VALIDATE_RULE_IDS) {
      expect(id).toMatch(/^VALIDATE-[A-Z]+$/);
      expect(RULE_IDS).not.toContain(id);
    }
    for (const info of Object.values(VALIDATE_RULES)) expect(info.summary.trim()).not.toBe('');
  });

  it('the ids validate shares with the live rules exist in the live catalogue', () => {
    for (const id of SHARED_RULE_IDS) expect(RULE_IDS).toContain(id);
  });

  it('docs/validate.md documents exactly the ids validate reports', () => {
    expect(documentedIds().sort()).toEqual([...VALIDATE_RULE_IDS, ...SHARED_RULE_IDS].sort());
  });
});
