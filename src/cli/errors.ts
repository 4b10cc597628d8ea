/**
 * Input the CLI cannot work with (bad option, unreadable file, invalid
 * JSON/YAML, unknown Kustomization, unreachable cluster). `main` prints the
 * message as one line on stderr and exits 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export const PROGRAM = 'headlamp-flux-crossplane';

/** An error not tied to a file location: prefixed with the program name. */
export function inputError(message: string): InputError {
  return new InputError(`${PROGRAM}: ${message}`);
}

/** An error at a place in a file, the way compilers write it: `FILE:LINE: message`. */
export function locatedError(file: string, line: number | undefined, message: string): InputError {
  return new InputError(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`);
}

/** Error text of anything thrown, on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

export function messageOf(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}
