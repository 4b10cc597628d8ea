import { useMemo } from 'react';
import { Translate, useT } from '../../i18n';
import {
  capTitle,
  Diagnosis,
  englishTemplate,
  interpolate,
  Message,
  renderMessage,
  Translator,
} from '../../rules';
import { DIAGNOSIS_MESSAGES } from './diagnosisMessages';

/** A diagnosis's texts in the reader's language. */
export interface DiagnosisWords {
  title: string;
  explanation: string;
  /** One per evidence line; the controller's own words stay as they are. */
  evidence: string[];
  /** One per action (its label). */
  actionLabels: string[];
}

export type DiagnosisTranslator = (diagnosis: Diagnosis) => DiagnosisWords;

/**
 * Renders diagnoses through the plugin's t(): each message by its static t() call
 * (diagnosisMessages/), English where no translation is loaded (yet), and the
 * rule's English text where a slot carries no message.
 */
export function useDiagnosisText(): DiagnosisTranslator {
  const message = useMessageText();
  return useMemo(() => {
    const words = (text: Message | null | undefined, english: string): string =>
      text ? message(text) : english;
    return (diagnosis: Diagnosis): DiagnosisWords => {
      const text = diagnosis.text;
      return {
        title: text?.title ? capTitle(words(text.title, diagnosis.title)) : diagnosis.title,
        explanation: words(text?.explanation, diagnosis.explanation),
        evidence: diagnosis.evidence.map((line, i) => words(text?.evidence[i], line.text)),
        actionLabels: diagnosis.actions.map((action, i) => words(text?.actions[i], action.label)),
      };
    };
  }, [message]);
}

/**
 * Renders one message of the catalogue (a diagnosis message, or the words of
 * model/visibility.ts) through its static t() call, English where no translation is loaded.
 */
export function useMessageText(): (message: Message) => string {
  const t = useT();
  return useMemo(() => (message: Message) => messageText(t, message), [t]);
}

/** One message of the catalogue through `t` (its static t() calls), English where `t` has no translation. */
export function messageText(t: Translate, message: Message): string {
  const translate: Translator = (key, values) => {
    const text = DIAGNOSIS_MESSAGES[key](t, values);
    return text && text !== key ? text : interpolate(englishTemplate(key), values);
  };
  return renderMessage(translate, message);
}
