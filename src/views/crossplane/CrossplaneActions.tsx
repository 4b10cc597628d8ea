import { ConfirmButton } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import React, { useMemo } from 'react';
import {
  crossplanePausePatch,
  crossplaneReconcilePatch,
  requestToken,
} from '../../actions/patches';
import { usePatchPermission } from '../../actions/permissions';
import { useRequestTracker } from '../../actions/requestTracker';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { pauseOf } from '../../model/crossplane';
import { CrossplaneFeatureEvidence, crossplaneFeatures } from '../../model/crossplaneFeatures';
import { refKey, Resource } from '../../model/resource';
import { DeniedNote, useDeniedNote } from '../common/PermissionNote';
import { ControllerWarning, RequestStatusLine } from '../common/RequestStatus';

type CrossplaneAction = 'pause' | 'resume' | 'reconcile';

const ACTIONABLE = new Set(['composite', 'claim', 'managed']);

/** What showed the cluster's Crossplane version (model/crossplaneFeatures.ts), one static t() call each. */
const FEATURE_EVIDENCE: Record<CrossplaneFeatureEvidence, (t: Translate) => string> = {
  'ManagedResourceDefinitions exist': t => t('ManagedResourceDefinitions exist'),
  'XRDs are served at apiextensions.crossplane.io/v2': t =>
    t('XRDs are served at apiextensions.crossplane.io/v2'),
  'composite resources use the v2 spec.crossplane layout': t =>
    t('composite resources use the v2 spec.crossplane layout'),
  'namespaced managed resources exist': t => t('namespaced managed resources exist'),
  'objects report status.lastHandledReconcileAt (Crossplane ≥ 2.3)': t =>
    t('objects report status.lastHandledReconcileAt (Crossplane ≥ 2.3)'),
};

function crossplaneActionLabel(t: Translate, action: string): string {
  switch (action) {
    case 'pause':
      return t('Pause reconciliation');
    case 'resume':
      return t('Resume reconciliation');
    default:
      return t('Request reconcile');
  }
}

function acceptedText(t: Translate, action: string): string {
  return action === 'pause'
    ? t('Paused (crossplane.io/paused: "true").')
    : t('Resumed: Crossplane reconciles it again.');
}

/**
 * Crossplane's own requests, under the same rules as the Flux actions:
 * shown only with patch permission, each a JSON merge patch of just its
 * annotation, sent through the object's own cluster and followed by the
 * plugin's one request tracker (same timeout as Flux).
 * - Pause / resume: `crossplane.io/paused` ("true", or removed).
 * - Request reconcile: `crossplane.io/reconcile-requested-at`, offered when
 *   the cluster shows Crossplane v2 (see crossplaneFeatures); followed until
 *   `status.lastHandledReconcileAt` carries the request, or the tracker gives up.
 */
export function CrossplaneActions({ resource }: { resource: Resource }) {
  const data = useFluxCrossplane();
  if (!ACTIONABLE.has(data.index.role(resource))) return null;
  return <CrossplaneActionBar resource={resource} />;
}

function CrossplaneActionBar({ resource }: { resource: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const permission = usePatchPermission(data.objectFor(resource));
  const features = useMemo(
    () => crossplaneFeatures(data.index, resource.cluster),
    [data.index, resource.cluster]
  );
  const current = data.index.get(resource) ?? resource;
  const { request, busy, send } = useRequestTracker(resource);
  const sayDenied = useDeniedNote(refKey(resource), 'page', permission === 'denied');

  if (permission !== 'allowed') return sayDenied ? <DeniedNote /> : null;

  const { byAnnotation: pausedByAnnotation, byManagementPolicies: pausedByPolicies } =
    pauseOf(current);
  const sending = request?.state.state === 'sending';
  const run = (action: CrossplaneAction) => {
    if (action === 'reconcile') {
      const token = requestToken();
      return send(action, crossplaneReconcilePatch(token), { track: { token, settle: 'handled' } });
    }
    return send(action, crossplanePausePatch(action === 'pause'));
  };

  return (
    <Box sx={{ mb: 2 }} data-action-bar={refKey(resource)}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {pausedByAnnotation ? (
          <Button variant="outlined" size="small" disabled={sending} onClick={() => run('resume')}>
            {crossplaneActionLabel(t, 'resume')}
          </Button>
        ) : (
          <ConfirmButton
            variant="outlined"
            size="small"
            disabled={sending}
            confirmTitle={t('Pause {{kind}} {{name}}?', {
              kind: resource.kind,
              name: resource.name,
            })}
            confirmDescription={t(
              'Crossplane stops reconciling it (nothing is created, updated or deleted for it) until it is resumed.'
            )}
            onConfirm={() => run('pause')}
          >
            {crossplaneActionLabel(t, 'pause')}
          </ConfirmButton>
        )}
        {features.reconcileRequests !== 'unsupported' ? (
          <Button
            variant="outlined"
            size="small"
            disabled={busy || pausedByAnnotation || pausedByPolicies}
            title={
              features.reconcileRequests === 'assumed'
                ? t('Needs Crossplane 2.3 or newer; this cluster shows Crossplane v2 ({{why}}).', {
                    why: features.evidence
                      .map(evidence => FEATURE_EVIDENCE[evidence](t))
                      .join('; '),
                  })
                : undefined
            }
            onClick={() => run('reconcile')}
          >
            {crossplaneActionLabel(t, 'reconcile')}
          </Button>
        ) : null}
        {pausedByPolicies ? (
          <span>
            {t(
              'Paused by spec.managementPolicies: [] (set in its manifest): change it there to resume.'
            )}
          </span>
        ) : null}
      </Box>
      <ControllerWarning resource={resource} />
      <RequestStatusLine
        request={request}
        resource={resource}
        label={crossplaneActionLabel(t, request?.action ?? '')}
        acceptedText={acceptedText(t, request?.action ?? '')}
        crossplaneAssumed={features.reconcileRequests === 'assumed'}
      />
    </Box>
  );
}
