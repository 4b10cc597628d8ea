/**
 * console.error in component tests: test/setup.ts fails a test that logs an error it did
 * not declare. A test that provokes an error on purpose (a refused request Headlamp logs)
 * declares it with `expectConsoleError(/…/)` before the error happens.
 */
const expected: RegExp[] = [];

/** Lets console.error lines matching `pattern` pass, for the rest of the current test. */
export function expectConsoleError(pattern: RegExp): void {
  expected.push(pattern);
}

/** Whether a logged line was declared; called by test/setup.ts. */
export function isExpectedConsoleError(line: string): boolean {
  return expected.some(pattern => pattern.test(line));
}

/** Forgets the declarations at the end of a test; called by test/setup.ts. */
export function resetExpectedConsoleErrors(): void {
  expected.length = 0;
}
