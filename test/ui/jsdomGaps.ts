/**
 * What jsdom lacks and Headlamp's lib touches while it loads, filled the way a browser
 * without the feature behaves: jsdom has no canvas (xterm measures colours with one at import
 * time), and a browser answers getContext with null for a context it cannot give.
 * Imported by loadHeadlamp.ts ahead of the lib.
 */
HTMLCanvasElement.prototype.getContext = (() =>
  null) as typeof HTMLCanvasElement.prototype.getContext;
