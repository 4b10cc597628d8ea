import { ConfirmButton } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import React, { useEffect, useMemo, useState } from 'react';
import {
  crossplanePausePatch,
  crossplaneReconcilePatch,
  MergePatch,
  requestToken,
} from '../../actions/patches';
import { usePatchPermission } from '../../actions/permissions';
import { patchErrorMessage } from '../../actions/useFluxAction';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { crossplaneFeatures } from '../../model/crossplaneFeatures';
import { healthOf } from '../../model/health';
import { field, stringField } from '../../model/json';
import { Resource } from '../../model/resource';
import { healthLabel } from '../common/HealthChip';

type CrossplaneAction = 'pause' | 'resume' | 'reconcile';

type Status =
  | { state: 'idle' }
  | { state: 'sending'; action: CrossplaneAction }
  | { state: 'done'; message: string }
  | { state: 'tracking'; token: string; startedAt: number }
  | { state: 'handled'; message: string }
  | { state: 'timed-out'; message: string }
  | { state: 'error'; action: CrossplaneAction; status?: number; message: string };

const ACTIONABLE = new Set(['composite', 'claim', 'managed']);
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * Crossplane's own requests, under the same rules as the Flux actions:
 * shown only with patch permission, each a JSON merge patch of just its
 * annotation, sent through the object's own cluster.
 * - Pause / resume: `crossplane.io/paused` ("true", or removed).
 * - Request reconcile: `crossplane.io/reconcile-requested-at`, offered when
 *   the cluster shows Crossplane v2 (see crossplaneFeatures); tracked until
 *   `status.lastHandledReconcileAt` carries the request.
 */
export function CrossplaneActions({ resource }: { resource: Resource }) {
  const data = useFluxCrossplane();
  if (!ACTIONABLE.has(data.index.role(resource))) return null;
  return <CrossplaneActionBar resource={resource} />;
}

function CrossplaneActionBar({ resource }: { resource: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const object = data.objectFor(resource);
  const permission = usePatchPermission(object);
  const features = useMemo(
    () => crossplaneFeatures(data.index, resource.cluster),
    [data.index, resource.cluster]
  );
  const current = data.index.get(resource) ?? resource;
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [tick, setTick] = useState(0);

  const pending = status.state === 'tracking' ? status : undefined;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => setTick(value => value + 1), 1000);
    return () => clearInterval(timer);
  }, [pending]);
  useEffect(() => {
    if (!pending) return;
    const handled = stringField(current.raw, 'status', 'lastHandledReconcileAt');
    if (handled === pending.token) {
      const summary = healthOf(data.index, current);
      setStatus({
        state: 'handled',
        message: `${healthLabel(t, summary.health)}${summary.reason ? ` (${summary.reason})` : ''}${
          summary.message ? `: ${summary.message}` : ''
        }`,
      });
    } else if (Date.now() - pending.startedAt > REQUEST_TIMEOUT_MS) {
      setStatus({
        state: 'timed-out',
        message:
          features.reconcileRequests === 'confirmed'
            ? t('Crossplane has not handled the request after 120 s: is it running?')
            : t(
                'Crossplane has not recorded the request after 120 s. Only Crossplane 2.3 and newer honour crossplane.io/reconcile-requested-at; older versions ignore it.'
              ),
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-evaluated on every watch update and clock tick
  }, [pending, current, tick]);

  if (permission === 'checking') return null;
  if (permission === 'denied') {
    return (
      <Box sx={{ color: 'text.secondary', mb: 2 }}>
        {t('You are not allowed to change this object (no patch permission).')}
      </Box>
    );
  }

  const pausedByAnnotation = current.annotations['crossplane.io/paused'] === 'true';
  const policies = field(current.raw, 'spec', 'managementPolicies');
  const pausedByPolicies = Array.isArray(policies) && policies.length === 0;
  const sending = status.state === 'sending';
  const tracking = status.state === 'tracking';

  const send = async (action: CrossplaneAction, patch: MergePatch, after: Status) => {
    setStatus({ state: 'sending', action });
    try {
      if (!object) throw new Error('This object is not loaded: reload the page and try again.');
      await object.patch(patch);
      setStatus(after);
    } catch (error) {
      setStatus({ state: 'error', action, ...patchErrorMessage(error) });
    }
  };

  return (
    <Box sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {pausedByAnnotation ? (
          <Button
            variant="outlined"
            size="small"
            disabled={sending}
            onClick={() =>
              send('resume', crossplanePausePatch(false), {
                state: 'done',
                message: t('Resumed: Crossplane reconciles it again.'),
              })
            }
          >
            {t('Resume reconciliation')}
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
            onConfirm={() =>
              send('pause', crossplanePausePatch(true), {
                state: 'done',
                message: t('Paused (crossplane.io/paused: "true").'),
              })
            }
          >
            {t('Pause reconciliation')}
          </ConfirmButton>
        )}
        {features.reconcileRequests !== 'unsupported' ? (
          <Button
            variant="outlined"
            size="small"
            disabled={sending || tracking || pausedByAnnotation || pausedByPolicies}
            title={
              features.reconcileRequests === 'assumed'
                ? t('Needs Crossplane 2.3 or newer; this cluster shows Crossplane v2 ({{why}}).', {
                    why: features.evidence.join('; '),
                  })
                : undefined
            }
            onClick={() => {
              const token = requestToken();
              send('reconcile', crossplaneReconcilePatch(token), {
                state: 'tracking',
                token,
                startedAt: Date.now(),
              });
            }}
          >
            {t('Request reconcile')}
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
      <ActionStatusLine status={status} />
    </Box>
  );
}

function ActionStatusLine({ status }: { status: Status }) {
  const t = useT();
  switch (status.state) {
    case 'idle':
      return null;
    case 'sending':
      return <Alert severity="info">{t('Sending…')}</Alert>;
    case 'done':
      return <Alert severity="success">{status.message}</Alert>;
    case 'tracking':
      return (
        <Alert severity="info">
          {t('Reconcile requested: waiting for Crossplane to handle it…')}
        </Alert>
      );
    case 'handled':
      return (
        <Alert severity="success">
          {t('Crossplane handled the request; now {{state}}', { state: status.message })}
        </Alert>
      );
    case 'timed-out':
      return <Alert severity="warning">{status.message}</Alert>;
    default:
      return (
        <Alert severity="error">
          {t('The request failed')}
          {status.status ? ` (${status.status})` : ''}: {status.message}
        </Alert>
      );
  }
}
