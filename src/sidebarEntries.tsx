import { registerSidebarEntry } from '@kinvolk/headlamp-plugin/lib';
import { useEffect } from 'react';
import { Translate, useT } from './i18n';
import { PLUGIN_ICON } from './icons';
import { ROUTES } from './views/routes';

export const SIDEBAR_SECTION = 'flux-crossplane';

/** The plugin's sidebar entries: its section, then one child per page that has a list of its own. */
const ENTRIES = [
  { name: SIDEBAR_SECTION, url: ROUTES.overview.path },
  { name: 'fc-overview', url: ROUTES.overview.path },
  { name: 'fc-kustomizations', url: ROUTES.kustomizations.path },
  { name: 'fc-sources', url: ROUTES.sources.path },
  { name: 'fc-helmreleases', url: ROUTES.helmReleases.path },
  { name: 'fc-notifications', url: ROUTES.notifications.path },
  { name: 'fc-crossplane', url: ROUTES.xrds.path },
  { name: 'fc-rollouts', url: ROUTES.rollouts.path },
  { name: 'fc-runtime', url: ROUTES.runtime.path },
] as const;

export type SidebarEntryName = (typeof ENTRIES)[number]['name'];

/** Each entry's label, one static key each. */
function labels(t: Translate): Record<SidebarEntryName, string> {
  return {
    [SIDEBAR_SECTION]: t('Flux + Crossplane'),
    'fc-overview': t('Overview'),
    'fc-kustomizations': t('Kustomizations'),
    'fc-sources': t('Sources'),
    'fc-helmreleases': t('HelmReleases'),
    'fc-notifications': t('Notifications'),
    'fc-crossplane': t('Crossplane'),
    'fc-rollouts': t('Rollouts'),
    'fc-runtime': t('Runtime'),
  };
}

const english: Translate = key => key;

/**
 * Registers (or registers again, under the same names) every entry with its label in `t`'s
 * language. Headlamp shows a sidebar label as given, so the labels are translated here.
 */
export function registerSidebarEntries(t: Translate = english): void {
  const label = labels(t);
  for (const entry of ENTRIES)
    registerSidebarEntry({
      parent: entry.name === SIDEBAR_SECTION ? null : SIDEBAR_SECTION,
      name: entry.name,
      label: label[entry.name],
      url: entry.url,
      ...(entry.name === SIDEBAR_SECTION ? { icon: PLUGIN_ICON } : {}),
    });
}

/**
 * Draws nothing: once the plugin's translations have loaded, and whenever the language
 * changes, the sidebar's labels are registered again in the user's language.
 */
export function SidebarLabels() {
  const t = useT();
  useEffect(() => registerSidebarEntries(t), [t]);
  return <></>;
}
