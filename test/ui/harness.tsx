// Renders components with the real Headlamp store, theme, router and query
// client, the way Headlamp itself wraps plugin routes. HTTP goes to msw at
// Headlamp's backend URL. Import this module before anything of the plugin.
import './loadHeadlamp';
import { lightTheme } from '@kinvolk/headlamp-plugin/lib/components/App/defaultAppThemes';
import { createMuiTheme } from '@kinvolk/headlamp-plugin/lib/lib/themes';
import store from '@kinvolk/headlamp-plugin/lib/redux/stores/store';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, RenderResult, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import React from 'react';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router-dom';
import { resetPermissions } from '../../src/actions/permissions';
import { resetRequests } from '../../src/actions/requestTracker';
import { useTranslationsReady } from '../../src/i18n';
import { resetDataStore } from '../../src/k8s/dataStore';
import { resetDiscovery } from '../../src/k8s/discovery';
import { FakeClusterOptions, fakeClusters, unservedBackend } from './demoApi';

export { BACKEND } from './demoApi';

/**
 * The msw server of a component test file: listens for the file's tests; after each test,
 * resets its handlers and the plugin's caches (discovery, data store, permissions, tracked
 * requests). `serve` puts the demo API's clusters (demoApi.ts) behind Headlamp's backend URL
 * for one test. With `unserved` (the default) a backend request no cluster answers gets a 404
 * Status instead of reaching the network. `HFC_DEBUG=1` logs unhandled requests.
 */
export function fakeClusterServer({ unserved = true } = {}) {
  const server = setupServer(...(unserved ? [unservedBackend] : []));
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: request => {
        if (process.env.HFC_DEBUG) console.log('UNHANDLED', request.method, request.url);
      },
    })
  );
  afterEach(() => {
    server.resetHandlers();
    resetDiscovery();
    resetDataStore();
    resetPermissions();
    resetRequests();
  });
  afterAll(() => server.close());
  return {
    server,
    serve(...clusters: FakeClusterOptions[]) {
      const fake = fakeClusters(clusters);
      server.use(...fake.handlers);
      return fake;
    },
  };
}

export function renderInHeadlamp(
  ui: React.ReactElement,
  { cluster = 'test', path = '/' } = {}
): RenderResult {
  window.history.pushState({}, '', `/c/${cluster}${path}`);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <Provider store={store}>
      <QueryClientProvider client={queryClient}>
        <ThemeProvider theme={createMuiTheme(lightTheme)}>
          <MemoryRouter initialEntries={[`/c/${cluster}${path}`]}>{ui}</MemoryRouter>
        </ThemeProvider>
      </QueryClientProvider>
    </Provider>
  );
}

/**
 * A click whose consequences settle inside act: what it mounts (tree rows, say) resolves its
 * translations a few microtasks later (Headlamp's plugin i18n), and that update belongs to the
 * click — not to whatever the test does next, or to nothing when the click is its last step.
 */
export async function clickAndSettle(element: HTMLElement): Promise<void> {
  await act(async () => {
    fireEvent.click(element);
    await new Promise(resolve => setTimeout(resolve, 0));
  });
}

/**
 * Waits until Headlamp's plugin i18n has loaded the plugin's locales (asynchronous: one load per
 * shipped locale). A test file that ends sooner would have jsdom torn down under that load
 * ("window is not defined" after the run). Renders a probe that reads `ready`.
 */
export async function translationsSettled(): Promise<void> {
  let ready = false;
  function Probe() {
    ready = useTranslationsReady();
    return null;
  }
  const { unmount } = render(<Probe />);
  await waitFor(() => expect(ready).toBe(true), { timeout: 20_000 });
  unmount();
}
