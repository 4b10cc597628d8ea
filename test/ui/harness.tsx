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
import React from 'react';
import { Provider } from 'react-redux';
import { MemoryRouter } from 'react-router-dom';
import { useTranslationsReady } from '../../src/i18n';

export { BACKEND } from './demoApi';

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
