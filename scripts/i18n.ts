// `npm run i18n`: regenerates the UI's table of diagnosis messages, extracts the catalogue
// with `headlamp-plugin i18n` (i18next-parser), and fills the English entries of diagnosis
// messages from src/rules/english/ (the extractor writes a new key's English
// text as the key itself, which is right for the UI's English-text keys only).
//
// Two things the bundled extractor gets wrong, repaired here:
// - it treats `|` as a namespace separator, so a key with `|` lands in a stray
//   `locales/<locale>/<prefix>.json`: such files are removed and the key restored;
// - it always uses its own i18next-parser configuration, even when the project has one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGLISH } from '../src/rules/englishCatalogue';
import {
  baseKey,
  LOCALES,
  MESSAGES_DIR,
  messagesModules,
  readLocale,
  ROOT,
  shippedLocales,
  usedKeys,
} from './i18nCatalogue';

mkdirSync(MESSAGES_DIR, { recursive: true });
const modules = await messagesModules();
for (const name of readdirSync(MESSAGES_DIR))
  if (!modules.has(name)) rmSync(join(MESSAGES_DIR, name));
for (const [name, text] of modules) writeFileSync(join(MESSAGES_DIR, name), text);
// What each locale holds now: the extractor drops the keys it cannot see (below), and with
// them their translations; those are restored from here.
const before = new Map(shippedLocales().map(locale => [locale, readLocale(locale)]));
execFileSync(join(ROOT, 'node_modules', '.bin', 'headlamp-plugin'), ['i18n'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});

const { keys } = usedKeys();
const english: Record<string, string> = ENGLISH;
for (const locale of shippedLocales()) {
  for (const file of readdirSync(join(LOCALES, locale)))
    if (file !== 'translation.json') rmSync(join(LOCALES, locale, file));
  const catalogue = readLocale(locale);
  // The extractor misses t() calls nested in another t()'s values, and `|` keys (above).
  for (const key of keys) {
    const plural = Object.keys(catalogue).some(other => baseKey(other) === key && other !== key);
    if (!plural && !(key in catalogue))
      catalogue[key] = before.get(locale)?.[key] ?? (locale === 'en' ? key : '');
    if (locale === 'en' && key in english) catalogue[key] = english[key];
  }
  const sorted = Object.fromEntries(
    Object.keys(catalogue)
      .filter(key => keys.has(baseKey(key)))
      .sort()
      .map(key => [key, catalogue[key]])
  );
  writeFileSync(join(LOCALES, locale, 'translation.json'), `${JSON.stringify(sorted, null, 2)}\n`);
}
console.log(`${keys.size} keys in ${shippedLocales().join(', ')}`);
