// Shared test setup. Headlamp's request path reads IndexedDB, so a fake one
// is installed before anything of Headlamp is imported (component tests).
import 'fake-indexeddb/auto';
import { format } from 'node:util';
import { isExpectedConsoleError, resetExpectedConsoleErrors } from './consoleErrors';

// Component tests (jsdom): a console.error the test did not declare fails it, so that a real
// error (a React warning such as a missing act(), a failed request) is seen, not scrolled past.
if (typeof window !== 'undefined') {
  const original = console.error;
  let logged: string[] = [];
  beforeEach(() => {
    // The plugin's data store updates from the network (lists, watches, the request tracker),
    // outside any act(); every assertion waits for what a person reads with findBy*/waitFor.
    // React's act() environment check is off so those updates are not reported as unwrapped;
    // testing-library turns it on in its own beforeAll, hence here, per test.
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
    logged = [];
    console.error = (...args: unknown[]) => {
      logged.push(format(...args));
      original(...args);
    };
  });
  afterEach(() => {
    console.error = original;
    const unexpected = logged.filter(line => !isExpectedConsoleError(line));
    resetExpectedConsoleErrors();
    if (unexpected.length > 0) {
      throw new Error(
        `console.error during the test (declare it with expectConsoleError if it is meant):\n${unexpected
          .map(line => `  ${line.split('\n')[0]}`)
          .join('\n')}`
      );
    }
  });
}
