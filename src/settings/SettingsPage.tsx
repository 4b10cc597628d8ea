import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import React, { useState } from 'react';
import { useT } from '../i18n';
import { PluginSettings, readSettings } from './pluginSettings';
import {
  formatKeyObjects,
  formatPairs,
  Parsed,
  parseHostKinds,
  parseKeyObjects,
  parseTemplates,
} from './settingsText';

interface SettingsProps {
  data?: Partial<PluginSettings>;
  onDataChange?: (data: Partial<PluginSettings>) => void;
}

/** A multi-line setting: saved only when every line parses; lines that do not are named. */
function LinesField<T>({
  label,
  initial,
  parse,
  hint,
  onValid,
}: {
  label: string;
  initial: string;
  parse: (text: string) => Parsed<T>;
  hint: string;
  onValid: (value: T) => void;
}) {
  const t = useT();
  const [text, setText] = useState(initial);
  const parsed = parse(text);
  return (
    <TextField
      label={label}
      multiline
      minRows={2}
      value={text}
      error={parsed.errors.length > 0}
      helperText={
        parsed.errors.length
          ? t('Not understood: {{lines}}', { lines: parsed.errors.join(', ') })
          : hint
      }
      onChange={event => {
        setText(event.target.value);
        const next = parse(event.target.value);
        if (!next.errors.length) onValid(next.value);
      }}
    />
  );
}

/** Headlamp's plugin settings page for this plugin (saved with Headlamp's Save button). */
export function SettingsPage({ data, onDataChange }: SettingsProps) {
  const t = useT();
  const settings = readSettings(data);
  const update = (partial: Partial<PluginSettings>) => onDataChange?.({ ...settings, ...partial });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 720 }}>
      <LinesField
        label={t('Key objects (Kind/namespace/name[@cluster], one per line)')}
        initial={formatKeyObjects(settings.keyObjects)}
        parse={parseKeyObjects}
        hint={t('Shown on the overview and checked for alert coverage.')}
        onValid={keyObjects => update({ keyObjects })}
      />
      <LinesField
        label={t('Self-hosted Git servers (host=github|gitlab|bitbucket|azure-devops|gitea)')}
        initial={formatPairs(settings.hostKinds)}
        parse={parseHostKinds}
        hint=" "
        onValid={hostKinds => update({ hostKinds })}
      />
      <LinesField
        label={t('Commit URL templates (host=https://…{path}…{sha})')}
        initial={formatPairs(settings.commitTemplates)}
        parse={parseTemplates}
        hint={t('Placeholders: {scheme} {host} {path} {sha}')}
        onValid={commitTemplates => update({ commitTemplates })}
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
