import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import React, { useState } from 'react';
import { useT } from '../i18n';
import { PluginSettings, readSettings } from './pluginSettings';
import {
  formatKeyObjects,
  formatPairs,
  parseHostKinds,
  parseKeyObjects,
  parseTemplates,
} from './settingsText';

interface SettingsProps {
  data?: Partial<PluginSettings>;
  onDataChange?: (data: Partial<PluginSettings>) => void;
}

/** Headlamp's plugin settings page for this plugin (saved with Headlamp's Save button). */
export function SettingsPage({ data, onDataChange }: SettingsProps) {
  const t = useT();
  const settings = readSettings(data);
  const [keysText, setKeysText] = useState(formatKeyObjects(settings.keyObjects));
  const [hostsText, setHostsText] = useState(formatPairs(settings.hostKinds));
  const [templatesText, setTemplatesText] = useState(formatPairs(settings.commitTemplates));
  const keys = parseKeyObjects(keysText);
  const hosts = parseHostKinds(hostsText);
  const templates = parseTemplates(templatesText);
  const update = (partial: Partial<PluginSettings>) => onDataChange?.({ ...settings, ...partial });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 720 }}>
      <TextField
        label={t('Key objects (Kind/namespace/name[@cluster], one per line)')}
        multiline
        minRows={3}
        value={keysText}
        error={keys.errors.length > 0}
        helperText={
          keys.errors.length
            ? t('Not understood: {{lines}}', { lines: keys.errors.join(', ') })
            : t('Shown on the overview and checked for alert coverage.')
        }
        onChange={event => {
          setKeysText(event.target.value);
          const parsed = parseKeyObjects(event.target.value);
          if (!parsed.errors.length) update({ keyObjects: parsed.value });
        }}
      />
      <TextField
        label={t('Self-hosted Git servers (host=github|gitlab|bitbucket|azure-devops|gitea)')}
        multiline
        minRows={2}
        value={hostsText}
        error={hosts.errors.length > 0}
        helperText={
          hosts.errors.length
            ? t('Not understood: {{lines}}', { lines: hosts.errors.join(', ') })
            : ' '
        }
        onChange={event => {
          setHostsText(event.target.value);
          const parsed = parseHostKinds(event.target.value);
          if (!parsed.errors.length) update({ hostKinds: parsed.value });
        }}
      />
      <TextField
        label={t('Commit URL templates (host=https://…{path}…{sha})')}
        multiline
        minRows={2}
        value={templatesText}
        error={templates.errors.length > 0}
        helperText={
          templates.errors.length
            ? t('Not understood: {{lines}}', { lines: templates.errors.join(', ') })
            : t('Placeholders: {scheme} {host} {path} {sha}')
        }
        onChange={event => {
          setTemplatesText(event.target.value);
          const parsed = parseTemplates(event.target.value);
          if (!parsed.errors.length) update({ commitTemplates: parsed.value });
        }}
      />
      <TextField
        label={t('Minutes after which an unhandled reconcile request counts as stale')}
        type="number"
        value={settings.staleRequestMinutes}
        onChange={event => {
          const minutes = Number(event.target.value);
          if (minutes > 0) update({ staleRequestMinutes: minutes });
        }}
      />
    </Box>
  );
}
