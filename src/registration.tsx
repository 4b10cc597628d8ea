import { registerRoute, registerSidebarEntry } from '@kinvolk/headlamp-plugin/lib';
import React from 'react';

export const SIDEBAR_SECTION = 'flux-crossplane';

/** One sidebar child and its route; the page reads the plugin's one store (mounted once, in index.tsx). */
export function registerPage({
  name,
  label,
  path,
  sidebarName,
  component,
  exact = true,
}: {
  name: string;
  label?: string;
  path: string;
  /** The sidebar entry to highlight; pages without their own entry highlight their list. */
  sidebarName: string;
  component: React.ComponentType;
  exact?: boolean;
}): void {
  if (label) registerSidebarEntry({ parent: SIDEBAR_SECTION, name: sidebarName, label, url: path });
  const Page = component;
  registerRoute({ path, name, exact, sidebar: sidebarName, component: () => <Page /> });
}
