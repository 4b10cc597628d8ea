/**
 * Headlamp's Layout, reduced to what the demo needs: the cluster list from
 * `GET /config` (polled, like Headlamp), a top bar, the Sidebar, the
 * navigation tabs, the routes once the plugins have run, and the plugins' UI
 * panels (`registerUIPanel`) on their sides, as Headlamp's Layout places them.
 */
import { ActivitiesRenderer } from '@kinvolk/headlamp-plugin/lib/components/activity/Activity';
import Sidebar, { NavigationTabs } from '@kinvolk/headlamp-plugin/lib/components/Sidebar';
import { getCluster } from '@kinvolk/headlamp-plugin/lib/lib/cluster';
import { request } from '@kinvolk/headlamp-plugin/lib/lib/k8s/api/v1/clusterRequests';
import { setConfig } from '@kinvolk/headlamp-plugin/lib/redux/configSlice';
import { useTypedSelector } from '@kinvolk/headlamp-plugin/lib/redux/hooks';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import CssBaseline from '@mui/material/CssBaseline';
import Link from '@mui/material/Link';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import React from 'react';
import { useDispatch } from 'react-redux';
import { Link as RouterLink, useLocation } from 'react-router-dom';

const CLUSTER_FETCH_INTERVAL = 10_000;

interface BackendCluster {
  name: string;
  server?: string;
  meta_data?: Record<string, unknown>;
}

/** Keeps the redux cluster list in step with the backend's `/config`, as Headlamp's Layout does. */
function useBackendConfig() {
  const dispatch = useDispatch();
  useQuery({
    queryKey: ['cluster-fetch'],
    queryFn: async () => {
      const config = (await request('/config', {}, false, false)) as {
        clusters?: BackendCluster[];
        isDynamicClusterEnabled?: boolean;
        allowKubeconfigChanges?: boolean;
      };
      const clusters: Record<string, BackendCluster> = {};
      for (const cluster of config.clusters ?? []) clusters[cluster.name] = cluster;
      dispatch(setConfig({ ...config, clusters } as Parameters<typeof setConfig>[0]));
      return config;
    },
    refetchInterval: CLUSTER_FETCH_INTERVAL,
  });
}

/** Stands in for Headlamp's TopBar (not shipped in lib/): product name, current cluster, cluster links. */
function TopBar() {
  useLocation(); // re-render on navigation: the current cluster comes from the URL
  const cluster = getCluster();
  const clusters = useTypedSelector(state => state.config.clusters);
  return (
    <AppBar position="static" elevation={1} color="default">
      <Toolbar variant="dense" sx={{ gap: 2 }}>
        <Typography variant="h6" component="div">
          <Link component={RouterLink} to="/" underline="none" color="inherit">
            Headlamp
          </Link>
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          demo shell
        </Typography>
        <Box component="nav" aria-label="Clusters" sx={{ display: 'flex', gap: 1.5 }}>
          {Object.keys(clusters ?? {}).map(name => (
            <Link
              key={name}
              component={RouterLink}
              to={`/c/${name}`}
              underline={name === cluster ? 'always' : 'hover'}
              aria-current={name === cluster ? 'page' : undefined}
            >
              {name}
            </Link>
          ))}
        </Box>
      </Toolbar>
    </AppBar>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  useBackendConfig();
  const pluginsLoaded = useTypedSelector(state => state.plugins.loaded);
  const isFullWidth = useTypedSelector(state => state.ui.isFullWidth);
  const panels = useTypedSelector(state => state.ui.panels);
  const side = (where: 'top' | 'right' | 'bottom' | 'left') =>
    panels.filter(panel => panel.side === where).map(panel => <panel.component key={panel.id} />);
  return (
    <>
      <CssBaseline enableColorScheme />
      <Box sx={{ display: 'flex', height: '100dvh' }}>
        {side('left')}
        <Box sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 }}>
          {side('top')}
          <TopBar />
          <Box
            sx={{
              display: 'grid',
              overflow: 'hidden',
              flexGrow: 1,
              position: 'relative',
              gridTemplateRows: '1fr min-content',
              gridTemplateColumns: 'min-content 1fr',
            }}
          >
            <Sidebar />
            <Box
              component="main"
              id="main"
              sx={{
                overflow: 'auto',
                position: 'relative',
                minHeight: 0,
                gridColumn: '2 / 3',
                gridRow: '1 / 2',
              }}
            >
              <Container
                {...(isFullWidth ? { maxWidth: false, disableGutters: true } : { maxWidth: 'xl' })}
              >
                <NavigationTabs />
                {pluginsLoaded ? children : null}
              </Container>
            </Box>
            <ActivitiesRenderer />
          </Box>
          {side('bottom')}
        </Box>
        {side('right')}
      </Box>
    </>
  );
}
