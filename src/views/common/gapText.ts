import { useCallback } from 'react';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { HealthSummary } from '../../model/health';
import { NOT_READ_MESSAGE, PENDING_MESSAGE } from '../../model/join';
import { ObjectRef } from '../../model/resource';
import { VisibilityGap } from '../../model/visibility';
import { gapWords, msg } from '../../rules';
import { useMessageText } from './diagnosisText';

/**
 * What could not be read, in the reader's language: the words of describeGap
 * (model/visibility.ts, which the CLI prints) through the `visibility.*` messages
 * of the catalogue (src/rules/english/visibility.ts) and static t() calls for the
 * lists that are no failure (still pending, namespaces left out on purpose).
 */
export function useGapText(): (gap: VisibilityGap) => string {
  const t = useT();
  const message = useMessageText();
  return useCallback(
    (gap: VisibilityGap) => {
      const { what, where, cluster } = gapWords(gap);
      switch (gap.reason) {
        case 'pending':
          return t('{{what}} in {{where}}{{cluster}} is still being read.', {
            what,
            where: message(where),
            cluster: cluster ? message(cluster) : '',
          });
        case 'outside-namespaces':
          return t(
            '{{what}} is read in namespaces {{namespaces}} only{{cluster}}: the namespace selection leaves the rest unread.',
            {
              what,
              namespaces: (gap.exceptNamespaces ?? []).join(', ') || t('(none)'),
              cluster: cluster ? message(cluster) : '',
            }
          );
        case 'forbidden':
          return message(msg('visibility.forbidden', { what, where, cluster }));
        case 'not-found':
          return message(msg('visibility.notFound', { what, cluster }));
        default:
          return message(
            msg('visibility.error', { what, where, cluster, message: gapMessage(t, gap) })
          );
      }
    },
    [t, message]
  );
}

/** A gap's message: the server's words as they are, the plugin's own (`messageId`) in the reader's language. */
export function gapMessage(t: Translate, gap: VisibilityGap): string {
  switch (gap.messageId) {
    case 'not-served':
      return t('the server does not serve {{group}}', { group: gap.group });
    case 'outside-namespaces':
      return t('listed in namespaces {{namespaces}} only', {
        namespaces: (gap.exceptNamespaces ?? []).join(', ') || t('(none)'),
      });
    default:
      return gap.message;
  }
}

/**
 * An object's status message: the controller's words as they are; the plugin's own words for
 * an object it could not read (model/join.ts: its list pending, its kind not read, the gap that
 * hides it) in the reader's language.
 */
export function statusMessage(t: Translate, summary: HealthSummary, gap?: VisibilityGap): string {
  if (summary.reason === 'Pending' && summary.message === PENDING_MESSAGE)
    return t('Its list is still being read.');
  if (summary.reason === 'NotRead' && summary.message === NOT_READ_MESSAGE)
    return t('This kind is not read by this plugin.');
  if (gap && summary.health === 'not-visible' && summary.message === gap.message)
    return gapMessage(t, gap);
  return summary.message;
}

/** statusMessage for an object of the published data, with the gap that hides it looked up. */
export function useStatusMessage(): (summary: HealthSummary, ref?: ObjectRef) => string {
  const t = useT();
  const { index } = useFluxCrossplane();
  return useCallback(
    (summary: HealthSummary, ref?: ObjectRef) =>
      statusMessage(
        t,
        summary,
        ref && summary.health === 'not-visible'
          ? index.gapFor(ref.cluster, ref.group, ref.kind, ref.namespace || undefined)
          : undefined
      ),
    [t, index]
  );
}
