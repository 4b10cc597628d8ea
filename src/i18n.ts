import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { useCallback } from 'react';

export type TranslateValues = Record<string, string | number>;
export type Translate = (key: string, values?: TranslateValues) => string;

function interpolate(text: string, values?: TranslateValues): string {
  if (!values) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );
}

/**
 * i18next's per-call options: keys are whole strings. Headlamp's plugin instance keeps
 * i18next's defaults (`:` separates a namespace, `.` a nested key), which would cut an
 * English-text key at its first colon ("Caused by: …") and look dotted keys up as paths.
 */
const WHOLE_KEYS = { nsSeparator: false, keySeparator: false } as const;

/**
 * The plugin's translation function. Keys are the English strings with
 * `{{name}}` placeholders, or for diagnosis messages their catalogue keys
 * (src/rules/english/); Headlamp's plugin i18n translates them when a
 * locale is loaded, and the English text (interpolated here) is shown otherwise.
 */
export function useT(): Translate {
  const { t, ready } = useTranslation();
  return useCallback(
    (key: string, values?: TranslateValues) => {
      const translated = ready ? t(key, { ...values, ...WHOLE_KEYS }) : key;
      return interpolate(typeof translated === 'string' ? translated : key, values);
    },
    [t, ready]
  );
}

/** Whether the plugin's translations have loaded (Headlamp loads them asynchronously). */
export function useTranslationsReady(): boolean {
  return useTranslation().ready;
}
