/**
 * The Headlamp UI shell of the demo, arranged like Headlamp's own
 * `App.tsx` → `AppContainer.tsx` → `Layout.tsx`, from the pieces that
 * `@kinvolk/headlamp-plugin` ships in `lib/`:
 *
 * - `lib/plugin` (imported for its side effect) sets `window.pluginLib`, the
 *   globals every built plugin reads; `lib/plugin/Plugins` fetches `/plugins`,
 *   each plugin's `main.js` and `package.json`, runs them and marks the redux
 *   store "plugins loaded".
 * - the redux store, react-query client, i18n, MUI themes;
 * - `Sidebar`, `NavigationTabs` and `RouteSwitcher` (Headlamp's default routes
 *   plus whatever plugins registered), `ActivitiesRenderer`.
 *
 * What Headlamp's app has and `lib/` does not (TopBar, VersionDialog, the
 * offline icon bundle) is replaced by the few lines in this file. Nothing
 * here knows about any plugin.
 */
import '@kinvolk/headlamp-plugin/lib/i18n/config';
// Side effect: window.pluginLib = { React, K8s, CommonComponents, … }.
import '@kinvolk/headlamp-plugin/lib/plugin';
import { addAPIProvider } from '@iconify/react';
import RouteSwitcher, {
  PreviousRouteProvider,
} from '@kinvolk/headlamp-plugin/lib/components/App/RouteSwitcher';
import { useCurrentAppTheme } from '@kinvolk/headlamp-plugin/lib/components/App/themeSlice';
import ErrorBoundary from '@kinvolk/headlamp-plugin/lib/components/common/ErrorBoundary';
import i18n from '@kinvolk/headlamp-plugin/lib/i18n/config';
import { queryClient } from '@kinvolk/headlamp-plugin/lib/lib/queryClient';
import { setStore } from '@kinvolk/headlamp-plugin/lib/lib/router/createRouteURL';
import { createMuiTheme } from '@kinvolk/headlamp-plugin/lib/lib/themes';
import Plugins from '@kinvolk/headlamp-plugin/lib/plugin/Plugins';
import store from '@kinvolk/headlamp-plugin/lib/redux/stores/store';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClientProvider } from '@tanstack/react-query';
import { SnackbarProvider } from 'notistack';
import React, { useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router-dom';
import { Layout } from './Layout';

// Headlamp bundles the icons it uses for offline use; the demo backend serves
// the whole Material Design Icons set under /iconify instead (no network needed).
addAPIProvider('', { resources: [`${window.location.origin}/iconify`] });

setStore(store);

function Themed({ children }: { children: React.ReactNode }) {
  const appTheme = useCurrentAppTheme();
  const theme = useMemo(() => createMuiTheme(appTheme), [appTheme]);
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme}>{children}</ThemeProvider>
    </I18nextProvider>
  );
}

function App() {
  return (
    <ErrorBoundary>
      <Provider store={store}>
        <QueryClientProvider client={queryClient}>
          <Themed>
            <SnackbarProvider anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
              <BrowserRouter>
                <PreviousRouteProvider>
                  <Plugins />
                  <Layout>
                    <RouteSwitcher requiresToken={() => false} />
                  </Layout>
                </PreviousRouteProvider>
              </BrowserRouter>
            </SnackbarProvider>
          </Themed>
        </QueryClientProvider>
      </Provider>
    </ErrorBoundary>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
