import { describeGap } from '../model/visibility';
import { FLUX_NOTIFICATION_GROUP } from '../model/kinds';
import { RULES } from './catalogue';
import { finding, Rule } from './context';

/** VISIBILITY: one diagnosis per list that could not be read, saying what cannot be concluded. */
export const visibilityRules: Rule = context =>
  context.index.visibility.map(gap => {
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
      evidence: [{ kind: 'field', text: `${gap.status ?? ''} ${gap.message}`.trim() }],
      actions: [],
    });
  });
