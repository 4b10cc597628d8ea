import { registerRoute, registerSidebarEntry } from '@kinvolk/headlamp-plugin/lib';
import React from 'react';
import { withData } from './k8s/FluxCrossplaneData';

export const SIDEBAR_SECTION = 'flux-crossplane';

/** One sidebar child and its route, whose page gets the shared data provider. */
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
  const Page = withData(component);
  registerRoute({ path, name, exact, sidebar: sidebarName, component: () => <Page /> });
}
