// Registrations only: the plugin's table of contents.
import {
  registerDetailsViewSection,
  registerMapSource,
  registerPluginSettings,
  registerSidebarEntryFilter,
  registerUIPanel,
} from '@kinvolk/headlamp-plugin/lib';
import { getCluster } from '@kinvolk/headlamp-plugin/lib/Utils';
import { registerIcons } from './icons';
import { FluxCrossplaneStoreHost } from './k8s/FluxCrossplaneData';
import { registerPage } from './registration';
import { PACKAGE_NAME } from './settings/pluginSettings';
import { SettingsPage } from './settings/SettingsPage';
import { registerSidebarEntries, SidebarLabels } from './sidebarEntries';
import { hiddenForCluster } from './sidebarFilter';
import { CompositesPage } from './views/crossplane/CompositesPage';
import { CompositionsPage } from './views/crossplane/CompositionsPage';
import { CrossplaneObjectPage } from './views/crossplane/CrossplaneObjectPage';
import { ManagedResourcesPage } from './views/crossplane/ManagedResourcesPage';
import { fluxCrossplaneMapSource } from './views/crossplane/mapSource';
import { PackagesPage } from './views/crossplane/PackagesPage';
import { XrdsPage } from './views/crossplane/XrdsPage';
import { HelmReleaseDetailPage } from './views/helmreleases/HelmReleaseDetailPage';
import { HelmReleasesPage } from './views/helmreleases/HelmReleasesPage';
import { KustomizationDetailPage } from './views/kustomizations/KustomizationDetailPage';
import { KustomizationsPage } from './views/kustomizations/KustomizationsPage';
import { ManagedByFluxSection } from './views/managedByFlux/ManagedByFluxSection';
import { NotificationsPage } from './views/notifications/NotificationsPage';
import { OverviewPage } from './views/overview/OverviewPage';
import { CommitPage } from './views/rollouts/CommitPage';
import { RolloutsPage } from './views/rollouts/RolloutsPage';
import { ROUTES } from './views/routes';
import { RuntimePage } from './views/runtime/RuntimePage';
import { SourceDetailPage } from './views/sources/SourceDetailPage';
import { SourcesPage } from './views/sources/SourcesPage';

registerIcons();
// The plugin's one data store, mounted once beside every route (a panel that draws nothing):
// pages and the map read it, so moving between them opens no new list or watch.
registerUIPanel({ id: 'flux-crossplane-data', side: 'top', component: FluxCrossplaneStoreHost });

registerSidebarEntries();
registerUIPanel({ id: 'flux-crossplane-sidebar-labels', side: 'top', component: SidebarLabels });

registerPage({
  name: ROUTES.overview.name,
  path: ROUTES.overview.path,
  sidebarName: 'fc-overview',
  component: OverviewPage,
});
registerPage({
  name: ROUTES.kustomizations.name,
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
  path: ROUTES.notifications.path,
  sidebarName: 'fc-notifications',
  component: NotificationsPage,
});

registerSidebarEntryFilter(entry => (hiddenForCluster(entry.name, getCluster()) ? null : entry));
registerDetailsViewSection(ManagedByFluxSection);
registerPluginSettings(PACKAGE_NAME, SettingsPage, true);

// Crossplane: one sidebar entry; the list pages link to each other, every object has one detail page.
registerPage({
  name: ROUTES.xrds.name,
  path: ROUTES.xrds.path,
  sidebarName: 'fc-crossplane',
  component: XrdsPage,
});
registerPage({
  name: ROUTES.compositions.name,
  path: ROUTES.compositions.path,
  sidebarName: 'fc-crossplane',
  component: CompositionsPage,
});
registerPage({
  name: ROUTES.composites.name,
  path: ROUTES.composites.path,
  sidebarName: 'fc-crossplane',
  component: CompositesPage,
});
registerPage({
  name: ROUTES.managed.name,
  path: ROUTES.managed.path,
  sidebarName: 'fc-crossplane',
  component: ManagedResourcesPage,
});
registerPage({
  name: ROUTES.packages.name,
  path: ROUTES.packages.path,
  sidebarName: 'fc-crossplane',
  component: PackagesPage,
});
registerPage({
  name: ROUTES.crossplaneObject.name,
  path: ROUTES.crossplaneObject.path,
  sidebarName: 'fc-crossplane',
  component: CrossplaneObjectPage,
});
registerPage({
  name: ROUTES.rollouts.name,
  path: ROUTES.rollouts.path,
  sidebarName: 'fc-rollouts',
  component: RolloutsPage,
});
registerPage({
  name: ROUTES.commit.name,
  path: ROUTES.commit.path,
  sidebarName: 'fc-rollouts',
  component: CommitPage,
});
registerMapSource(fluxCrossplaneMapSource);
registerPage({
  name: ROUTES.runtime.name,
  path: ROUTES.runtime.path,
  sidebarName: 'fc-runtime',
  component: RuntimePage,
});
