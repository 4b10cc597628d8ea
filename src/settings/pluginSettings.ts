import { ConfigStore } from '@kinvolk/headlamp-plugin/lib';
import { CommitLinkSettings, GitHost } from '../model/commitLink';
import { DEFAULT_KEY_OBJECTS, DEFAULT_SETTINGS, KeyObject, RuleSettings } from '../rules';

/** What a user can set for this plugin (persisted per browser by Headlamp's ConfigStore). */
export interface PluginSettings {
  keyObjects: KeyObject[];
  /** Host → template with {scheme} {host} {path} {sha}, for self-hosted Git servers. */
  commitTemplates: Record<string, string>;
  /** Host → kind (github, gitlab, bitbucket, azure-devops, gitea) for self-hosted servers. */
  hostKinds: Record<string, GitHost>;
  /** Minutes after which an unhandled reconcile request counts as stale. */
  staleRequestMinutes: number;
}

export const PACKAGE_NAME = 'headlamp-flux-crossplane';

export const DEFAULT_PLUGIN_SETTINGS: PluginSettings = {
  keyObjects: DEFAULT_KEY_OBJECTS,
  commitTemplates: {},
  hostKinds: {},
  staleRequestMinutes: DEFAULT_SETTINGS.requestStaleAfterMs / 60_000,
};

const store = new ConfigStore<Partial<PluginSettings>>(PACKAGE_NAME);

export function readSettings(value: Partial<PluginSettings> | undefined | null): PluginSettings {
  const settings = { ...DEFAULT_PLUGIN_SETTINGS, ...(value ?? {}) };
  if (!Array.isArray(settings.keyObjects)) settings.keyObjects = DEFAULT_KEY_OBJECTS;
  if (typeof settings.staleRequestMinutes !== 'number' || !(settings.staleRequestMinutes > 0)) {
    settings.staleRequestMinutes = DEFAULT_PLUGIN_SETTINGS.staleRequestMinutes;
  }
  return settings;
}

export function usePluginSettings(): PluginSettings {
  const useConfig = store.useConfig();
  return readSettings(useConfig());
}

export function saveSettings(update: Partial<PluginSettings>): void {
  store.update(update);
}

export function ruleSettings(settings: PluginSettings): Partial<RuleSettings> {
  return {
    keyObjects: settings.keyObjects,
    requestStaleAfterMs: settings.staleRequestMinutes * 60_000,
  };
}

export function linkSettings(settings: PluginSettings): CommitLinkSettings {
  return { templates: settings.commitTemplates, hostKinds: settings.hostKinds };
}
