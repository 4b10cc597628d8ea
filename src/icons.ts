/**
 * The plugin's icons, registered with Headlamp's Iconify (a shared external)
 * from data bundled into the plugin: Headlamp does not bundle
 * `mdi:source-branch-sync`, and without a local copy every browser would
 * fetch it from api.iconify.design (blank when offline).
 */
import sourceBranchSync from '@iconify/icons-mdi/source-branch-sync';
import { addIcon } from '@iconify/react';

/** The plugin's own icon: its sidebar section and its map nodes. */
export const PLUGIN_ICON = 'mdi:source-branch-sync';

export function registerIcons(): void {
  addIcon(PLUGIN_ICON, sourceBranchSync);
}
