import { Translate } from '../../i18n';
import { KustomizationRollout, RolloutState } from '../../model/rollout';
import { DiagnosisReport } from '../../rules';

export function stateLabel(t: Translate, state: RolloutState): string {
  switch (state) {
    case 'applied':
      return t('Applied');
    case 'in-progress':
      return t('In progress');
    case 'failed':
      return t('Failed');
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
  report: DiagnosisReport
): string {
  switch (rollout.state) {
    case 'failed': {
      const top = report.forObject(rollout.kustomization)[0];
      const why = top?.title || rollout.message;
      const at =
        rollout.attempted.raw && rollout.attempted.raw !== rollout.applied.raw
          ? t('{{attempted}} did not apply; the cluster runs {{applied}}', {
              attempted: rollout.attempted.short,
              applied: rollout.applied.short || t('nothing yet'),
            })
          : '';
      return [at, why].filter(Boolean).join(': ');
    }
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
