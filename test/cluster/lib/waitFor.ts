import { sleep } from './kube';

/**
 * Polls `probe` until it returns a value that is not undefined, or fails
 * after `timeoutMs` saying what it waited for and what it saw last.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
  describeLast: () => string = () => ''
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const last = describeLast();
      throw new Error(
        `waited ${timeoutMs / 1000} s for ${what}${last ? `; last seen: ${last}` : ''}${
          lastError ? `; last error: ${lastError}` : ''
        }`
      );
    }
    await sleep(1_000);
  }
}
