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
 * The plugin's translation function. Keys are the English strings with
 * `{{name}}` placeholders; Headlamp's plugin i18n translates them when a
 * locale is loaded, and the English text (interpolated here) is shown otherwise.
 */
export function useT(): Translate {
  const { t, ready } = useTranslation();
  return useCallback(
    (key: string, values?: TranslateValues) => {
      const translated = ready ? t(key, values ?? {}) : key;
      return interpolate(typeof translated === 'string' ? translated : key, values);
    },
    [t, ready]
  );
}
