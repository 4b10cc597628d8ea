import { ConfirmButton } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import React from 'react';
import { usePatchPermission } from '../../actions/permissions';
import { FluxActionKind, needsRunning, useFluxAction } from '../../actions/useFluxAction';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { isSuspended } from '../../model/health';
import { refKey, Resource } from '../../model/resource';
import { ActionPlacement, DeniedNote, useDeniedNote } from './PermissionNote';
import { ControllerWarning, RequestStatusLine } from './RequestStatus';

export function actionLabel(t: Translate, action: string): string {
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

/** What the confirmation of an action that changes more than a reconcile asks. */
function confirmation(
  t: Translate,
  action: FluxActionKind,
  resource: Resource
): { title: string; description: string } | undefined {
  const values = { kind: resource.kind, name: resource.name };
  switch (action) {
    case 'suspend':
      return {
        title: t('Suspend {{kind}} {{name}}?', values),
        description: t(
          'Flux will stop applying new commits and stop correcting drift until it is resumed.'
        ),
      };
    case 'force':
      return {
        title: t('Force upgrade {{kind}} {{name}}?', values),
        description: t(
          'helm-controller will run a one-off upgrade (or install) of the release now, even though its remediation gave up: the chart and values are applied again to the cluster.'
        ),
      };
    case 'reset':
      return {
        title: t('Reset failures of {{kind}} {{name}}?', values),
        description: t(
          'helm-controller will forget the failure counts of the release, so install and upgrade retries (and their remediation) start again from zero.'
        ),
      };
    default:
      return undefined;
  }
}

/**
 * Reconcile, reconcile with source, suspend, resume, and for HelmReleases force
 * and reset, with the flux CLI's semantics; suspend, force and reset ask first.
 * Shown only when a SelfSubjectAccessReview allows `patch` on the object; inside
 * a banner a denial is said once by the page (see PermissionNoteScope).
 */
export function ActionBar({
  resource,
  only,
  placement = 'page',
}: {
  resource: Resource;
  only?: FluxActionKind[];
  placement?: ActionPlacement;
}) {
  const t = useT();
  const data = useFluxCrossplane();
  const permission = usePatchPermission(data.objectFor(resource));
  const { request, busy, run, hasSource } = useFluxAction(resource);
  const sayDenied = useDeniedNote(refKey(resource), placement, permission === 'denied');
  if (permission !== 'allowed') return sayDenied ? <DeniedNote /> : null;
  // No Flux controller reconciles an ExternalArtifact and its CRD has no spec.suspend:
  // a patch would be accepted and change nothing (seen against a real API server).
  if (resource.kind === 'ExternalArtifact') return null;
  const suspended = isSuspended(data.index.get(resource) ?? resource);
  const available: FluxActionKind[] = [
    'reconcile',
    ...(hasSource ? (['reconcile-with-source'] as const) : []),
    suspended ? 'resume' : 'suspend',
    ...(resource.kind === 'HelmRelease' ? (['force', 'reset'] as const) : []),
  ];
  const actions = only ? available.filter(action => only.includes(action)) : available;
  return (
    <Box sx={{ mb: 1 }} data-action-bar={refKey(resource)}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {actions.map(action => {
          const blocked = suspended && needsRunning(action);
          const confirm = confirmation(t, action, resource);
          return confirm ? (
            <ConfirmButton
              key={action}
              variant="outlined"
              size="small"
              disabled={busy || blocked}
              confirmTitle={confirm.title}
              confirmDescription={confirm.description}
              onConfirm={() => run(action)}
            >
              {actionLabel(t, action)}
            </ConfirmButton>
          ) : (
            <Button
              key={action}
              variant="outlined"
              size="small"
              disabled={busy || blocked}
              title={blocked ? t('Suspended: resume it first') : undefined}
              onClick={() => run(action)}
            >
              {actionLabel(t, action)}
            </Button>
          );
        })}
        {suspended ? <span>{t('Reconcile is disabled while suspended.')}</span> : null}
      </Box>
      <ControllerWarning resource={resource} />
      <RequestStatusLine
        request={request}
        resource={resource}
        label={actionLabel(t, request?.action ?? '')}
        acceptedText={t('Suspended.')}
      />
    </Box>
  );
}
