import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { PAGE_WATCH_RESERVE, POLL_INTERVAL_MS } from '../../k8s/feedPlan';
import { KubeEvent, sortEvents, toKubeEvent } from '../../model/events';
import { ObjectRef, refKey } from '../../model/resource';
import { DataTable } from './DataTable';
import { TimeLabel } from './TimeLabel';

/**
 * Events of one object: one list by field selector on the object's cluster,
 * watched (or, beyond the page's share of the watch budget, re-read on a timer).
 */
function useObjectEvents(
  target: ObjectRef,
  watch: boolean
): {
  events: KubeEvent[];
  error?: string;
  pending: boolean;
} {
  const fieldSelector = `involvedObject.kind=${target.kind},involvedObject.name=${target.name}`;
  const { items, errors } = K8s.event.default.useList({
    cluster: target.cluster || undefined,
    namespace: target.namespace || undefined,
    fieldSelector,
    ...(watch ? {} : { refetchInterval: POLL_INTERVAL_MS }),
  });
  return useMemo(() => {
    const events = (items ?? []).flatMap(item => {
      const event = toKubeEvent(item.jsonData, target.cluster);
      // Kind and name alone can match two kinds of one name (a claim and a managed resource).
      return event && (!event.involved.group || event.involved.group === target.group)
        ? [event]
        : [];
    });
    // No items and no error yet: the list has not answered, so nothing is said of the events.
    const pending = items === null && !errors?.length;
    return { events: sortEvents(events), error: errors?.[0]?.message, pending };
  }, [items, errors, target.cluster, target.group]);
}

export function EventsSection({ targets, title }: { targets: ObjectRef[]; title?: string }) {
  const t = useT();
  return (
    <SectionBox title={title ?? t('Events')}>
      {targets.map((target, i) => (
        <ObjectEvents key={refKey(target)} target={target} watch={i < PAGE_WATCH_RESERVE} />
      ))}
    </SectionBox>
  );
}

function ObjectEvents({ target, watch }: { target: ObjectRef; watch: boolean }) {
  const t = useT();
  const { events, error, pending } = useObjectEvents(target, watch);
  return (
    <DataTable
      emptyMessage={t('No events for {{kind}} {{name}}.', { kind: target.kind, name: target.name })}
      errorMessage={error ? t('Events could not be read: {{message}}', { message: error }) : null}
      data={events}
      pending={pending}
      columns={[
        { label: t('Object'), getter: () => `${target.kind} ${target.name}` },
        { label: t('Type'), getter: (event: KubeEvent) => event.type },
        { label: t('Reason'), getter: (event: KubeEvent) => event.reason },
        { label: t('Message'), getter: (event: KubeEvent) => event.message },
        { label: t('Count'), getter: (event: KubeEvent) => event.count },
        {
          label: t('Last seen'),
          getter: (event: KubeEvent) => <TimeLabel date={event.lastSeen} />,
        },
      ]}
    />
  );
}
