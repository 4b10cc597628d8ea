/**
 * One word of a copyable command line: left bare when it holds only characters no shell
 * interprets (letters, digits, `._:/@=+-`), else single-quoted with every `'` written `'\''`,
 * so that nothing in it (`$`, backticks, `;`, spaces, newlines, `~`, globs) is expanded.
 */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9._:/@=+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
