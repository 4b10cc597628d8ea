import { Translate } from '../../i18n';
import { sameRevision } from '../../model/revision';
import { KustomizationRollout, RolloutState } from '../../model/rollout';
import { DiagnosisReport } from '../../rules';
import { DiagnosisTranslator } from '../common/diagnosisText';
import { livenessText } from '../kustomizations/livenessText';

export function stateLabel(t: Translate, state: RolloutState): string {
  switch (state) {
    case 'applied':
      return t('Applied');
    case 'in-progress':
      return t('In progress');
    case 'failed':
      return t('Failed');
    case 'waiting':
      return t('Waiting');
    case 'behind':
      return t('Behind');
    case 'suspended':
      return t('Suspended');
    default:
      return t('Unknown');
  }
}

export function stateTone(state: RolloutState): 'success' | 'warning' | 'error' | '' {
  switch (state) {
    case 'applied':
      return 'success';
    case 'failed':
      return 'error';
    case 'in-progress':
    case 'waiting':
    case 'behind':
    case 'suspended':
      return 'warning';
    default:
      return '';
  }
}

/** The words after the state: which commit, and why it failed (the top diagnosis, root cause first). */
export function stateDetail(
  t: Translate,
  rollout: KustomizationRollout,
  report: DiagnosisReport,
  words: DiagnosisTranslator
): string {
  switch (rollout.state) {
    case 'failed': {
      const top = report.forObject(rollout.kustomization)[0];
      const why = (top && words(top).title) || rollout.message;
      const differs =
        rollout.attempted.raw && !sameRevision(rollout.attempted.raw, rollout.applied.raw);
      return [differs ? livenessText(t, rollout.liveness) : '', why].filter(Boolean).join(': ');
    }
    case 'waiting':
      return waitingText(t, rollout);
    case 'behind':
      return t('still on {{revision}}', { revision: rollout.applied.short || t('nothing') });
    case 'in-progress':
      return rollout.attempted.raw
        ? t('applying {{revision}}', { revision: rollout.attempted.short })
        : '';
    case 'suspended':
      return rollout.applied.raw
        ? t('suspended at {{revision}}', { revision: rollout.applied.short })
        : '';
    case 'unknown':
      return t('the source or its revision could not be read');
    default:
      return '';
  }
}

/** Waiting is not failing: what it waits for, or, once that is Ready, when it retries. */
export function waitingText(t: Translate, rollout: KustomizationRollout): string {
  const wait = rollout.waiting;
  if (!wait) return '';
  if (wait.cleared) {
    const names = wait.dependencies.map(d => `${d.ref.namespace}/${d.ref.name}`).join(', ');
    return wait.nextRetry
      ? t('{{names}} is Ready now: it will retry at {{time}}, or reconcile now', {
          names,
          time: wait.nextRetry,
        })
      : t('{{names}} is Ready now: it will retry shortly, or reconcile now', { names });
  }
  const names = wait.blocking.map(d => `${d.ref.namespace}/${d.ref.name}`).join(', ');
  return t('waiting for {{names}}', { names: names || t('a dependency') });
}
