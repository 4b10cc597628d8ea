/** English texts: crossplaneText.ts: the actions every Crossplane family offers (composition, managed). */
export const CROSSPLANE = {
  'crossplane.trace': 'Trace it',
  'crossplane.events': 'Events',
  'crossplane.describe': 'Describe',
  'crossplane.open': 'Open {{kind}} {{name}}',
} as const;
