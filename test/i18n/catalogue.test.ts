// The message catalogue: what `npm run i18n` extracts equals what the sources use, the UI's
// static t() table covers every diagnosis message, each shipped locale has every key with
// the same placeholders as the English text, and the rules fill exactly those placeholders.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildScenario, SCENARIO_NOW } from '../../demo/scenario/index';
import {
  baseKey,
  LOCALES,
  MESSAGES_DIR,
  messagesModules,
  readLocale,
  ROOT,
  shippedLocales,
  usedKeys,
} from '../../scripts/i18nCatalogue';
import { buildIndex } from '../../src/model/clusterIndex';
import { diagnose, englishTemplate, Message, renderEnglish } from '../../src/rules';
import { ENGLISH } from '../../src/rules/englishCatalogue';
import { DIAGNOSIS_MESSAGES } from '../../src/views/common/diagnosisMessages';
import { loadFixture } from '../fixtures/load';

const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map(match => match[1]))].sort();

const english = readLocale('en');
const diagnosisKeys = Object.keys(ENGLISH);

describe('the catalogue', () => {
  it('holds exactly the keys the sources pass to t() (plural forms by their base key)', () => {
    const { keys } = usedKeys();
    const catalogued = new Set(Object.keys(english).map(baseKey));
    expect([...keys].filter(key => !catalogued.has(key))).toEqual([]);
    expect([...catalogued].filter(key => !keys.has(key))).toEqual([]);
  });

  it("is never asked for a key computed at run time (only useT passes its caller's key on)", () => {
    // `file: t(…` of each call without a literal key; `t()` in a comment names no key.
    const computed = usedKeys().computed.filter(call => {
      const [file, ...rest] = call.split(': ');
      return file !== 'src/i18n.ts' && /^t\(\s*[\w$]/.test(rest.join(': '));
    });
    expect(computed).toEqual([]);
  });

  it('gives each diagnosis message its English text from the rules', () => {
    for (const key of diagnosisKeys)
      expect({ key, text: english[key] }).toEqual({ key, text: englishTemplate(key as never) });
  });

  it('is the UI table npm run i18n generates: one static t() call per message key, its own', async () => {
    const modules = await messagesModules();
    expect(readdirSync(MESSAGES_DIR).sort()).toEqual([...modules.keys()].sort());
    for (const [name, text] of modules)
      expect({ name, text: readFileSync(join(MESSAGES_DIR, name), 'utf8') }).toEqual({
        name,
        text,
      });
    for (const [key, render] of Object.entries(DIAGNOSIS_MESSAGES)) {
      const keys: string[] = [];
      render(asked => {
        keys.push(asked);
        return asked;
      }, {});
      expect(keys).toEqual([key]);
    }
  });

  it('ships at least four of the languages Headlamp ships besides English', () => {
    const headlamp = readdirSync(
      join(ROOT, 'node_modules', '@kinvolk', 'headlamp-plugin', 'lib', 'i18n', 'locales')
    );
    const others = shippedLocales().filter(locale => locale !== 'en');
    expect(others.length).toBeGreaterThanOrEqual(4);
    for (const locale of others) expect(headlamp).toContain(locale);
    // What package.json ships is what locales/ holds, no more.
    expect(readdirSync(LOCALES).sort()).toEqual([...shippedLocales()].sort());
  });

  describe.each(shippedLocales().filter(locale => locale !== 'en'))('%s', locale => {
    const catalogue = existsSync(join(LOCALES, locale)) ? readLocale(locale) : {};

    it('has every key of the English catalogue', () => {
      const missing = Object.keys(english).filter(
        key =>
          !(key in catalogue) &&
          !Object.keys(catalogue).some(other => baseKey(other) === baseKey(key))
      );
      expect(missing).toEqual([]);
    });

    it('translates every diagnosis message, with exactly the English placeholders', () => {
      for (const key of diagnosisKeys) {
        const text = catalogue[key] ?? '';
        expect({ key, translated: text.length > 0 }).toEqual({ key, translated: true });
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(english[key]),
        });
      }
    });

    it('uses only the English placeholders in the UI texts it translates', () => {
      for (const [key, text] of Object.entries(catalogue)) {
        if (!text || diagnosisKeys.includes(key)) continue;
        const source = english[key] ?? english[`${baseKey(key)}_other`] ?? baseKey(key);
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(source),
        });
      }
    });
  });
});

/** Every message of a diagnosis, nested ones included. */
function messagesIn(message: Message | null | undefined): Message[] {
  if (!message) return [];
  const nested = Object.values(message.params ?? {}).flatMap(value =>
    typeof value === 'object' ? messagesIn(value) : []
  );
  return [message, ...nested];
}

describe('the rules', () => {
  const worlds = {
    'the demo scenario': buildScenario(Date.parse(SCENARIO_NOW)).flatMap(cluster =>
      cluster.objects.map(object => ({ ...object, cluster: cluster.name }))
    ),
    'platform.yaml + flux-failures.yaml': [
      ...loadFixture('platform.yaml'),
      ...loadFixture('flux-failures.yaml'),
    ],
    // The real controllers' statuses and the rules' own fixtures.
    ...Object.fromEntries(
      ['real', 'rules', 'crossplane'].flatMap(folder =>
        readdirSync(join(ROOT, 'test', 'fixtures', folder))
          .filter(file => file.endsWith('.yaml'))
          .map(file => [`${folder}/${file}`, loadFixture(`${folder}/${file}`)])
      )
    ),
  };

  // The demo and the platform fixtures hold many diagnoses of converted rules (sources, alerts,
  // helm, dependencies); some fixtures hold only rules not converted yet (no messages there).
  const least = (name: string): number => (name.includes('/') ? 0 : 10);
  it.each(Object.entries(worlds))(
    'fill exactly the placeholders of each message they return (%s), and its English is the diagnosis text',
    (name, objects) => {
      const report = diagnose(buildIndex({ objects: objects as never }), {
        now: Date.parse(SCENARIO_NOW),
      });
      let seen = 0;
      for (const diagnosis of report.diagnoses) {
        const text = diagnosis.text;
        if (!text) continue;
        const slots = [text.title, text.explanation, ...text.evidence, ...text.actions];
        for (const message of slots.flatMap(messagesIn)) {
          seen++;
          expect({ key: message.key, params: Object.keys(message.params ?? {}).sort() }).toEqual({
            key: message.key,
            params: placeholders(englishTemplate(message.key)),
          });
        }
        if (text.explanation) expect(renderEnglish(text.explanation)).toBe(diagnosis.explanation);
        text.actions.forEach((label, i) => {
          if (label) expect(renderEnglish(label)).toBe(diagnosis.actions[i].label);
        });
        text.evidence.forEach((line, i) => {
          if (line) expect(renderEnglish(line)).toBe(diagnosis.evidence[i].text);
        });
      }
      expect(seen).toBeGreaterThanOrEqual(least(name));
    }
  );
});
