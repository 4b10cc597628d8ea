import Button from '@mui/material/Button';
import React, { useState } from 'react';
import { useT } from '../../i18n';

/** A command line to copy: shown as code, with a copy button where the clipboard is available. */
export function CopyableCommand({ label, command }: { label: string; command: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const canCopy = typeof navigator !== 'undefined' && !!navigator.clipboard;
  return (
    <div>
      <span>{label}: </span>
      <code>{command}</code>
      {canCopy ? (
        <Button
          size="small"
          onClick={() =>
            navigator.clipboard.writeText(command).then(
              () => setCopied(true),
              () => setCopied(false)
            )
          }
        >
          {copied ? t('Copied') : t('Copy')}
        </Button>
      ) : null}
    </div>
  );
}
