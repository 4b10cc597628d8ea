// Registrations only: the plugin's table of contents.
import {
  registerDetailsViewSection,
  registerPluginSettings,
  registerSidebarEntry,
  registerSidebarEntryFilter,
} from '@kinvolk/headlamp-plugin/lib';
import { getCluster } from '@kinvolk/headlamp-plugin/lib/Utils';
import { registerPage, SIDEBAR_SECTION } from './registration';
import { PACKAGE_NAME } from './settings/pluginSettings';
import { SettingsPage } from './settings/SettingsPage';
import { hiddenForCluster } from './sidebarFilter';
import { HelmReleaseDetailPage } from './views/helmreleases/HelmReleaseDetailPage';
import { HelmReleasesPage } from './views/helmreleases/HelmReleasesPage';
import { KustomizationDetailPage } from './views/kustomizations/KustomizationDetailPage';
import { KustomizationsPage } from './views/kustomizations/KustomizationsPage';
import { ManagedByFluxSection } from './views/managedByFlux/ManagedByFluxSection';
import { NotificationsPage } from './views/notifications/NotificationsPage';
import { OverviewPage } from './views/overview/OverviewPage';
import { ROUTES } from './views/routes';
import { SourceDetailPage } from './views/sources/SourceDetailPage';
import { SourcesPage } from './views/sources/SourcesPage';

registerSidebarEntry({
  parent: null,
  name: SIDEBAR_SECTION,
  label: 'Flux + Crossplane',
  icon: 'mdi:source-branch-sync',
  url: ROUTES.overview.path,
});

registerPage({
  name: ROUTES.overview.name,
  label: 'Overview',
  path: ROUTES.overview.path,
  sidebarName: 'fc-overview',
  component: OverviewPage,
});
registerPage({
  name: ROUTES.kustomizations.name,
  label: 'Kustomizations',
  path: ROUTES.kustomizations.path,
  sidebarName: 'fc-kustomizations',
  component: KustomizationsPage,
});
registerPage({
  name: ROUTES.kustomization.name,
  path: ROUTES.kustomization.path,
  sidebarName: 'fc-kustomizations',
  component: KustomizationDetailPage,
});
registerPage({
  name: ROUTES.sources.name,
  label: 'Sources',
  path: ROUTES.sources.path,
  sidebarName: 'fc-sources',
  component: SourcesPage,
});
registerPage({
  name: ROUTES.source.name,
  path: ROUTES.source.path,
  sidebarName: 'fc-sources',
  component: SourceDetailPage,
});
registerPage({
  name: ROUTES.helmReleases.name,
  label: 'HelmReleases',
  path: ROUTES.helmReleases.path,
  sidebarName: 'fc-helmreleases',
  component: HelmReleasesPage,
});
registerPage({
  name: ROUTES.helmRelease.name,
  path: ROUTES.helmRelease.path,
  sidebarName: 'fc-helmreleases',
  component: HelmReleaseDetailPage,
});
registerPage({
  name: ROUTES.notifications.name,
  label: 'Notifications',
  path: ROUTES.notifications.path,
  sidebarName: 'fc-notifications',
  component: NotificationsPage,
});

registerSidebarEntryFilter(entry => (hiddenForCluster(entry.name, getCluster()) ? null : entry));
registerDetailsViewSection(ManagedByFluxSection);
registerPluginSettings(PACKAGE_NAME, SettingsPage, true);
