import { Translate } from '../../i18n';
import { Controller, ControllerState, FeatureSupport } from '../../model/runtime';
import { problemMessage } from '../../rules';
import { messageText } from '../common/diagnosisText';

export function stateLabel(t: Translate, state: ControllerState): string {
  switch (state) {
    case 'available':
      return t('Available');
    case 'degraded':
      return t('Degraded');
    case 'down':
      return t('Down');
    case 'missing':
      return t('Not found');
    default:
      return t('Unknown');
  }
}

/** Why a controller is not available (model/runtime/problem.ts), the rules' message through `t`; empty when it is. */
export function problemText(t: Translate, controller: Controller): string {
  return controller.problemText ? messageText(t, problemMessage(controller.problemText)) : '';
}

export const STATE_TONE: Record<ControllerState, 'success' | 'warning' | 'error' | ''> = {
  available: 'success',
  degraded: 'warning',
  down: 'error',
  missing: 'error',
  unknown: '',
};

/** What a controller is, in words: `Flux`, `Crossplane`, `Provider`, `Function`. */
export function controllerKindLabel(t: Translate, controller: Controller): string {
  switch (controller.kind) {
    case 'flux':
      return t('Flux');
    case 'crossplane':
      return t('Crossplane core');
    case 'rbac-manager':
      return t('Crossplane RBAC manager');
    case 'provider':
      return t('Provider');
    default:
      return t('Function');
  }
}

export function featureLabel(t: Translate, support: FeatureSupport): string {
  return support === 'yes' ? t('yes') : support === 'no' ? t('no') : t('unknown');
}

/** Age the way kubectl prints it: `45s`, `12m`, `5h`, `3d`; empty when unknown. */
export function formatAge(createdAt: string | undefined, now: number): string {
  const created = createdAt ? Date.parse(createdAt) : NaN;
  if (Number.isNaN(created)) return '';
  const seconds = Math.max(0, Math.floor((now - created) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** `1/1`, `0/2`, or empty when the Deployment was not read. */
export function replicasText(controller: Controller): string {
  if (controller.desiredReplicas === undefined) {
    if (!controller.pods.length) return '';
    return `${controller.pods.filter(pod => pod.ready).length}/${controller.pods.length}`;
  }
  return `${controller.availableReplicas ?? 0}/${controller.desiredReplicas}`;
}
