import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_IDS, RULES } from '../../src/rules';
import { FAMILY_TABLES, testName } from './cases';
import { expectFires } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The catalogue as published to the team, copied here so that the tests run anywhere
 * (CI checks that it equals the team's reference copy when that is present).
 */
const CATALOGUE_COPY = join(here, '../fixtures/rules/failure-modes.md');
/** The project's rule documentation: ids beyond the published catalogue are listed there. */
const RULES_DOC = join(here, '../../docs/rules.md');

/** Ids the docs list under "Rules beyond the catalogue" (a bullet list of `` `ID` ``). */
function beyondCatalogueIds(markdown: string): string[] {
  const start = markdown.indexOf('## Rules beyond the catalogue');
  if (start < 0) return [];
  const section = markdown.slice(start).split(/\n## /)[0];
  return [...section.matchAll(/^- `([A-Z][A-Z0-9-]*)`/gm)].map(match => match[1]);
}

/** Ids in the first cell of the catalogue's table rows: ``| `FLUX-SOURCE-AUTH` | … |``. */
function catalogueIds(markdown: string): string[] {
  return [...markdown.matchAll(/^\|\s*`([A-Z][A-Z0-9-]*)`\s*\|/gm)].map(match => match[1]);
}

const FAMILY_FILES: Record<string, string> = {
  sources: 'test/rules/sources.test.ts',
  kustomize: 'test/rules/kustomize.test.ts',
  helm: 'test/rules/helm.test.ts',
  notifications: 'test/rules/notifications.test.ts',
  'flux-state': 'test/rules/fluxState.test.ts',
  composition: 'test/rules/composition.test.ts',
  managed: 'test/rules/managed.test.ts',
  packages: 'test/rules/packages.test.ts',
  runtime: 'test/rules/runtime.test.ts',
  visibility: 'test/rules/visibility.test.ts',
};

const proofs = FAMILY_TABLES.flatMap(table => table.firing.map(testCase => ({ table, testCase })));

describe('the rule catalogue', () => {
  it('the set of ids proven by firing cases equals RULE_IDS exactly', () => {
    const proven = new Set(proofs.map(proof => proof.testCase.ruleId));
    expect([...proven].sort()).toEqual([...RULE_IDS].sort());
  });

  it('RULE_IDS has no duplicates and each RULES entry is well formed', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const info of Object.values(RULES)) {
      expect(info.id).toMatch(/^(FLUX|XP)-[A-Z-]+$|^VISIBILITY$/);
      expect(['error', 'warning', 'info']).toContain(info.severity);
      expect(Object.keys(FAMILY_FILES)).toContain(info.family);
      expect(info.summary.trim()).not.toBe('');
    }
  });

  it('every id of failure-modes.md (table rows) is in RULE_IDS, and every RULE_ID is in the catalogue or documented beyond it', () => {
    const ids = catalogueIds(readFileSync(CATALOGUE_COPY, 'utf8'));
    const beyond = beyondCatalogueIds(readFileSync(RULES_DOC, 'utf8'));
    expect(ids.length).toBeGreaterThanOrEqual(37);
    for (const id of ids) expect(RULE_IDS, `${id} of failure-modes.md`).toContain(id);
    for (const id of beyond) {
      expect(ids, `${id} is listed beyond the catalogue but is in it`).not.toContain(id);
      expect(RULE_IDS, `${id} of docs/rules.md`).toContain(id);
    }
    for (const id of RULE_IDS) expect([...ids, ...beyond], `${id} of RULE_IDS`).toContain(id);
  });

  it('each rule is proven in the test file of its own family', () => {
    for (const { table, testCase } of proofs) {
      const info = Object.values(RULES).find(rule => rule.id === testCase.ruleId);
      expect(info, testCase.ruleId).toBeDefined();
      expect(table.file, `${testCase.ruleId}: ${testCase.name}`).toBe(
        FAMILY_FILES[info?.family ?? '']
      );
    }
  });

  describe.each(RULE_IDS.map(id => [id] as const))('%s', id => {
    const mine = proofs.filter(proof => proof.testCase.ruleId === id);
    it.each(mine.map(proof => [testName(proof.table, proof.testCase), proof] as const))(
      'is proven by %s',
      (_name, proof) => {
        expectFires(proof.testCase);
      }
    );
  });
});
