/**
 * Headlamp's lib initializes its i18next with `debug` on in a dev build (which is what
 * vitest's is): every namespace load dumps its whole translation table, and each key without
 * a translation is a line. This logger, registered before the lib initializes i18next, keeps
 * what i18next reports as errors (a namespace that cannot be loaded, for one) and drops the
 * debug-only traces. Imported by loadHeadlamp.ts ahead of the lib.
 */
import i18next from 'i18next';

i18next.use({
  type: 'logger',
  log: () => undefined,
  warn: () => undefined,
  error: (args: unknown[]) => console.error(...args),
});
