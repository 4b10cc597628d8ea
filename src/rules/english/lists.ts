/** English texts: Lists: items joined as one message. */
export const LISTS = {
  'list.comma': '{{first}}, {{next}}',
  'list.sentences': '{{first}} {{next}}',
} as const;
