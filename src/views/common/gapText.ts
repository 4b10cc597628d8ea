import { useCallback } from 'react';
import { useT } from '../../i18n';
import { VisibilityGap } from '../../model/visibility';
import { Message, msg } from '../../rules';
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
      const except = gap.exceptNamespaces?.length ? gap.exceptNamespaces.join(', ') : '';
      const where: Message = gap.namespace
        ? msg('visibility.where.namespace', { namespace: gap.namespace })
        : except
        ? msg('visibility.where.allExcept', { namespaces: except })
        : msg('visibility.where.all');
      const what = gap.group ? `${gap.kind} (${gap.group})` : gap.kind;
      const cluster = gap.cluster ? msg('visibility.inCluster', { cluster: gap.cluster }) : '';
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
          return message(msg('visibility.error', { what, where, cluster, message: gap.message }));
      }
    },
    [t, message]
  );
}
