import { FLUX_NOTIFICATION_GROUP } from '../model/kinds';
import { isReadFailure, VisibilityGap } from '../model/visibility';
import { RULES } from './catalogue';
import { finding, Rule } from './context';
import { Message, msg } from './messages';

/** The parts of describeGap's words (model/visibility.ts): which list, where, in which cluster. */
export interface GapWords {
  what: string;
  where: Message;
  /** Empty for the only cluster. */
  cluster: Message | '';
}

export function gapWords(gap: VisibilityGap): GapWords {
  const except = gap.exceptNamespaces?.length ? gap.exceptNamespaces.join(', ') : '';
  return {
    what: gap.group ? `${gap.kind} (${gap.group})` : gap.kind,
    where: gap.namespace
      ? msg('visibility.where.namespace', { namespace: gap.namespace })
      : except
      ? msg('visibility.where.allExcept', { namespaces: except })
      : msg('visibility.where.all'),
    cluster: gap.cluster ? msg('visibility.inCluster', { cluster: gap.cluster }) : '',
  };
}

/** describeGap's words for a list that failed, as a message. */
function gapTitle(gap: VisibilityGap): Message {
  const { what, where, cluster } = gapWords(gap);
  switch (gap.reason) {
    case 'forbidden':
      return msg('visibility.forbidden', { what, where, cluster });
    case 'not-found':
      return msg('visibility.notFound', { what, cluster });
    default:
      // 'error'; pending lists and namespaces left out are not read failures (below).
      return msg('visibility.error', { what, where, cluster, message: gap.message });
  }
}

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
        ? msg('visibility.alertsUnknown')
        : gap.reason === 'not-found'
        ? msg('visibility.notServed')
        : msg('visibility.rulesSilent');
    return finding({
      rule: RULES.VISIBILITY,
      resource: {
        cluster: gap.cluster,
        group: gap.group,
        kind: gap.kind,
        namespace: gap.namespace ?? '',
        name: '*',
      },
      title: gapTitle(gap),
      explanation: consequence,
      evidence: gaps.map(each => ({
        kind: 'field' as const,
        text: `${each.status ?? ''} ${each.message}`.trim(),
      })),
      actions: [],
    });
  });
};
