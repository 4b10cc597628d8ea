import { registerRoute } from '@kinvolk/headlamp-plugin/lib';
import React from 'react';
import type { SidebarEntryName } from './sidebarEntries';

/**
 * A page's route and the sidebar entry it highlights (entries: src/sidebarEntries.tsx); the page
 * reads the plugin's one store (mounted once, in index.tsx).
 */
export function registerPage({
  name,
  path,
  sidebarName,
  component,
  exact = true,
}: {
  name: string;
  path: string;
  /** The sidebar entry to highlight; pages without their own entry highlight their list. */
  sidebarName: SidebarEntryName;
  component: React.ComponentType;
  exact?: boolean;
}): void {
  const Page = component;
  registerRoute({ path, name, exact, sidebar: sidebarName, component: () => <Page /> });
}
