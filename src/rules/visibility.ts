import { FLUX_NOTIFICATION_GROUP } from '../model/kinds';
import { describeGap, isReadFailure, VisibilityGap } from '../model/visibility';
import { RULES } from './catalogue';
import { finding, Rule } from './context';

/**
 * VISIBILITY: one diagnosis per list that could not be read (never for a list
 * still pending, nor for namespaces the reader chose not to list), saying what cannot
 * be concluded. Several failures of one list (a retry, a fallback version) are
 * one diagnosis with each failure as evidence.
 */
export const visibilityRules: Rule = context => {
  const byList = new Map<string, VisibilityGap[]>();
  for (const gap of context.index.visibility) {
    // Pending lists are not failures, and namespaces left out on purpose are a choice.
    if (!isReadFailure(gap)) continue;
    const key = `${gap.cluster}|${gap.group}|${gap.kind}|${gap.namespace ?? ''}`;
    const list = byList.get(key);
    if (list) list.push(gap);
    else byList.set(key, [gap]);
  }
  return [...byList.values()].map(gaps => {
    const gap = gaps[0];
    const consequence =
      gap.group === FLUX_NOTIFICATION_GROUP
        ? 'Alert coverage (FLUX-NO-ALERTS) is not evaluated there.'
        : gap.reason === 'not-found'
        ? 'Objects of this kind are shown as not visible, not as missing.'
        : 'Rules that need these objects stay silent there; related objects show as not visible.';
    return finding({
      rule: RULES.VISIBILITY,
      resource: {
        cluster: gap.cluster,
        group: gap.group,
        kind: gap.kind,
        namespace: gap.namespace ?? '',
        name: '*',
      },
      title: describeGap(gap),
      explanation: consequence,
      evidence: gaps.map(each => ({
        kind: 'field' as const,
        text: `${each.status ?? ''} ${each.message}`.trim(),
      })),
      actions: [],
    });
  });
};
