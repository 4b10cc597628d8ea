import { ConfirmButton } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import React from 'react';
import { usePatchPermission } from '../../actions/permissions';
import { ActionStatus, FluxActionKind, useFluxAction } from '../../actions/useFluxAction';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { isSuspended } from '../../model/health';
import { Resource } from '../../model/resource';

function actionLabel(t: Translate, action: FluxActionKind): string {
  switch (action) {
    case 'reconcile':
      return t('Reconcile');
    case 'reconcile-with-source':
      return t('Reconcile with source');
    case 'suspend':
      return t('Suspend');
    case 'resume':
      return t('Resume');
    case 'force':
      return t('Force upgrade');
    default:
      return t('Reset failures');
  }
}

function StatusLine({ status }: { status: ActionStatus }) {
  const t = useT();
  switch (status.state) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <Alert severity="info">
          {t('{{action}}: sending…', { action: actionLabel(t, status.action) })}
        </Alert>
      );
    case 'waiting-for-source':
      return <Alert severity="info">{status.message}</Alert>;
    case 'refused':
      return <Alert severity="warning">{t(status.message)}</Alert>;
    case 'done':
      return <Alert severity="success">{t(status.message)}</Alert>;
    case 'error':
      return (
        <Alert severity="error">
          {t('{{action}} failed', { action: actionLabel(t, status.action) })}
          {status.status ? ` (${status.status})` : ''}: {status.message}
        </Alert>
      );
    default: {
      const progress = status.progress;
      if (progress.state === 'waiting') {
        return (
          <Alert severity="info">
            {t('{{action}} requested: waiting for the controller…', {
              action: actionLabel(t, status.action),
            })}
          </Alert>
        );
      }
      const severity =
        progress.state === 'succeeded'
          ? 'success'
          : progress.state === 'failed'
          ? 'error'
          : 'warning';
      const word =
        progress.state === 'succeeded'
          ? t('Ready')
          : progress.state === 'failed'
          ? t('Failed')
          : t('No answer');
      return (
        <Alert severity={severity}>
          {word}: {progress.message}
        </Alert>
      );
    }
  }
}

/**
 * Reconcile, reconcile with source, suspend (confirmed), resume, and for
 * HelmReleases force and reset, with the flux CLI's semantics. Shown only
 * when a SelfSubjectAccessReview allows `patch` on the object.
 */
export function ActionBar({ resource, only }: { resource: Resource; only?: FluxActionKind[] }) {
  const t = useT();
  const data = useFluxCrossplane();
  const permission = usePatchPermission(data.objectFor(resource));
  const { status, run, hasSource } = useFluxAction(resource);
  if (permission !== 'allowed') {
    return permission === 'denied' ? (
      <Box sx={{ color: 'text.secondary' }}>
        {t('You are not allowed to change this object (no patch permission).')}
      </Box>
    ) : null;
  }
  const suspended = isSuspended(data.index.get(resource) ?? resource);
  const busy =
    status.state === 'sending' ||
    status.state === 'waiting-for-source' ||
    (status.state === 'tracking' && status.progress.state === 'waiting');
  // No Flux controller reconciles an ExternalArtifact and its CRD has no spec.suspend:
  // a patch would be accepted and change nothing (seen against a real API server).
  if (resource.kind === 'ExternalArtifact') return null;
  const available: FluxActionKind[] = [
    'reconcile',
    ...(hasSource ? (['reconcile-with-source'] as const) : []),
    suspended ? 'resume' : 'suspend',
    ...(resource.kind === 'HelmRelease' ? (['force', 'reset'] as const) : []),
  ];
  const actions = only ? available.filter(action => only.includes(action)) : available;
  const needsRunning = (action: FluxActionKind) => action !== 'suspend' && action !== 'resume';
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {actions.map(action =>
          action === 'suspend' ? (
            <ConfirmButton
              key={action}
              variant="outlined"
              size="small"
              disabled={busy}
              confirmTitle={t('Suspend {{kind}} {{name}}?', {
                kind: resource.kind,
                name: resource.name,
              })}
              confirmDescription={t(
                'Flux will stop applying new commits and stop correcting drift until it is resumed.'
              )}
              onConfirm={() => run('suspend')}
            >
              {actionLabel(t, action)}
            </ConfirmButton>
          ) : (
            <Button
              key={action}
              variant="outlined"
              size="small"
              disabled={busy || (suspended && needsRunning(action))}
              title={
                suspended && needsRunning(action) ? t('Suspended: resume it first') : undefined
              }
              onClick={() => run(action)}
            >
              {actionLabel(t, action)}
            </Button>
          )
        )}
        {suspended ? <span>{t('Reconcile is disabled while suspended.')}</span> : null}
      </Box>
      <StatusLine status={status} />
    </Box>
  );
}
