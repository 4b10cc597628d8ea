import { ENGLISH } from './englishCatalogue';

/**
 * Diagnoses as data: a rule names each text it says (title, explanation, evidence
 * line, action label) by a message key and the parameters it fills in. The English
 * renderer below turns that into the strings the CLI and JSON print; the UI renders
 * the same data through `t()` (src/views/common/diagnosisMessages/, static keys).
 */

export type MessageKey = keyof typeof ENGLISH;

/** A parameter is plain data (names, kinds, paths, counts) or another message. */
export type MessageParam = string | number | Message;

/** The `{{name}}` placeholders of an English template, as a union of names. */
type PlaceholdersOf<Text extends string> = Text extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

export type ParamsOf<Key extends MessageKey> = {
  [Name in PlaceholdersOf<(typeof ENGLISH)[Key]>]: MessageParam;
};

export interface Message {
  key: MessageKey;
  params?: Record<string, MessageParam>;
}

/** A message with the parameters its English text names (checked by the compiler). */
export function msg<Key extends MessageKey>(
  key: Key,
  ...params: PlaceholdersOf<(typeof ENGLISH)[Key]> extends never ? [] : [ParamsOf<Key>]
): Message {
  return params.length ? { key, params: params[0] as Record<string, MessageParam> } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).key === 'string';
}

export type MessageValues = Record<string, string | number>;
/** A translate function: i18next's `t`, or the English one below. */
export type Translator = (key: MessageKey, values: MessageValues) => string;

/** Renders a message with `translate`: nested messages first, then the message itself. */
export function renderMessage(translate: Translator, message: Message): string {
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(message.params ?? {}))
    values[name] = isMessage(value) ? renderMessage(translate, value) : value;
  return translate(message.key, values);
}

/** `{{name}}` placeholders filled from `values`; an unknown placeholder stays as written. */
export function interpolate(text: string, values: MessageValues): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );
}

/** The English template of a message key. */
export function englishTemplate(key: MessageKey): string {
  return ENGLISH[key];
}

const englishTranslator: Translator = (key, values) => interpolate(ENGLISH[key], values);

/** The English text of a message: what the CLI, JSON and English UI read. */
export function renderEnglish(message: Message): string {
  return renderMessage(englishTranslator, message);
}

/**
 * An item of a list a rule joins (`joinedText`): a message, or a name, kind or path that
 * reads the same in every language. A diagnosis's title, explanation and action labels are
 * messages (src/rules/context.ts).
 */
export type Text = string | Message;

/** Items joined pairwise by a list message (`list.comma`: "a, b, c"; `list.sentences`: "A. B."). */
export function joinedText(items: Text[], separator: 'list.comma' | 'list.sentences'): Text {
  return items
    .slice(1)
    .reduce<Text>((first, next) => msg(separator, { first, next }), items[0] ?? '');
}

/** Items as one comma-separated list. */
export function commaList(items: Text[]): Text {
  return joinedText(items, 'list.comma');
}
