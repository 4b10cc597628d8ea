import Alert from '@mui/material/Alert';
import React from 'react';
import { TrackedRequest } from '../../actions/requestTracker';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { healthOf } from '../../model/health';
import { ObjectRef, Resource } from '../../model/resource';
import { Controller, isInTrouble, reconcilerOf } from '../../model/runtime';
import { problemText } from '../runtime/runtimeText';
import { healthLabel } from './HealthChip';
import { objectLabel } from './ObjectLink';

/** The controller that reconciles an object, as the runtime read it (undefined when not found). */
export function useReconciler(ref: ObjectRef): Controller | undefined {
  const data = useFluxCrossplane();
  return reconcilerOf(data.index, ref);
}

function controllerName(t: Translate, controller: Controller | undefined): string {
  return controller
    ? t('{{name}} (namespace {{namespace}})', {
        name: controller.name,
        namespace: controller.namespace,
      })
    : t('its controller');
}

/**
 * Said next to the buttons when the object's controller is down, missing or
 * degraded: the request is still allowed, and nothing handles it until the
 * controller is back.
 */
export function ControllerWarning({ resource }: { resource: Resource }) {
  const t = useT();
  const controller = useReconciler(resource);
  if (!controller || !isInTrouble(controller)) return null;
  const values = { controller: controllerName(t, controller), problem: problemText(t, controller) };
  return (
    <Alert severity="warning" role="status" sx={{ mt: 1 }}>
      {controller.state === 'degraded'
        ? t(
            '{{controller}} is degraded ({{problem}}): a request may wait until it recovers. You can still send it.',
            values
          )
        : controller.state === 'missing'
        ? t(
            '{{controller}} is missing: nothing will handle a request on this object until it is back. You can still send it; it is handled once the controller runs.',
            values
          )
        : t(
            '{{controller}} is down ({{problem}}): nothing will handle a request on this object until it is back. You can still send it; it is handled once the controller runs.',
            values
          )}
    </Alert>
  );
}

/**
 * Where the object's last request stands, in the place of the buttons that sent it:
 * sending, waiting, the answer, or — once the tracker gave up — what to check.
 */
export function RequestStatusLine({
  request,
  resource,
  label,
  acceptedText,
  crossplaneAssumed,
}: {
  request: TrackedRequest | undefined;
  resource: Resource;
  /** The action's name as its button says it. */
  label: string;
  /** What a request with nothing to wait for (suspend, pause) did. */
  acceptedText: string;
  /** Crossplane's reconcile request was offered on a guessed version (2.3+ honours it). */
  crossplaneAssumed?: boolean;
}) {
  const t = useT();
  const data = useFluxCrossplane();
  const controller = useReconciler(resource);
  if (!request) return null;
  const { state } = request;
  const current = data.index.get(resource) ?? resource;
  const checkController = controllerName(t, controller);
  switch (state.state) {
    case 'sending':
      return (
        <Alert severity="info" role="status">
          {t('{{action}}: sending…', { action: label })}
        </Alert>
      );
    case 'waiting-for-source':
      return (
        <Alert severity="info" role="status">
          {t('Waiting for {{source}}…', { source: `${state.source.kind} ${state.source.name}` })}
        </Alert>
      );
    case 'source-timed-out':
      return (
        <Alert severity="warning" role="status">
          {t(
            '{{source}} did not handle the request in {{seconds}} s, so nothing was sent to this object. Check source-controller on the Runtime page (is it running? what do its logs say?) and the source’s events.',
            { source: objectLabel(state.source), seconds: state.waitedSeconds }
          )}
        </Alert>
      );
    case 'accepted':
      return (
        <Alert severity="success" role="status">
          {acceptedText}
        </Alert>
      );
    case 'refused':
      return (
        <Alert severity="warning" role="status">
          {t('It is suspended: resume it first. Nothing was sent.')}
        </Alert>
      );
    case 'error':
      return (
        <Alert severity="error" role="status">
          {t('{{action}} failed', { action: label })}
          {state.status ? ` (${state.status})` : ''}:{' '}
          {state.messageId === 'not-loaded'
            ? t('This object is not loaded: reload the page and try again.')
            : state.message}
        </Alert>
      );
    default:
      break;
  }
  const progress = state.progress;
  switch (progress.state) {
    case 'waiting':
      return (
        <Alert severity="info" role="status">
          {request.settle === 'handled'
            ? t('Reconcile requested: waiting for Crossplane to handle it…')
            : t('{{action}} requested: waiting for the controller…', { action: label })}
        </Alert>
      );
    case 'succeeded':
      return (
        <Alert severity="success" role="status">
          {t('Ready')}: {progress.message}
        </Alert>
      );
    case 'failed':
      return (
        <Alert severity="error" role="status">
          {t('Failed')}: {progress.message}
        </Alert>
      );
    case 'handled': {
      const summary = healthOf(data.index, current);
      const now = `${healthLabel(t, summary.health)}${
        summary.reason ? ` (${summary.reason})` : ''
      }${summary.message ? `: ${summary.message}` : ''}`;
      return (
        <Alert severity="success" role="status">
          {t('Crossplane handled the request; now {{state}}', { state: now })}
        </Alert>
      );
    }
    default:
      break;
  }
  const values = { controller: checkController, seconds: progress.waitedSeconds };
  let text: string;
  if (progress.reason === 'no-result') {
    text = t(
      '{{controller}} handled the request but reported no result in {{seconds}} s: it may still be working. Check the Reconciling condition and the events below.',
      values
    );
  } else if (controller && isInTrouble(controller)) {
    text = t(
      'Gave up after {{seconds}} s: {{controller}} is not running, so nothing handled the request. Check it on the Runtime page; the request is handled once it is back.',
      values
    );
  } else if (crossplaneAssumed) {
    text = t(
      'Crossplane has not recorded the request after {{seconds}} s. Only Crossplane 2.3 and newer honour crossplane.io/reconcile-requested-at; older versions ignore it. Check the Crossplane version on the Runtime page.',
      values
    );
  } else {
    text = t(
      'Gave up after {{seconds}} s: {{controller}} has not handled the request. Check on the Runtime page that it is running and read its logs; a dependency that is not ready also holds an object back.',
      values
    );
  }
  return (
    <Alert severity="warning" role="status">
      {text}
    </Alert>
  );
}
