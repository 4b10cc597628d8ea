import { NameValueTable, NameValueTableRow } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { ObjectRef, refOf, Resource } from '../../model/resource';
import { ActionBar } from './ActionBar';
import { ConditionsTable } from './ConditionsTable';
import { ObjectBanner } from './DiagnosisBanner';
import { EventsSection } from './EventsSection';

/** The parts every Flux object page shares: banner first, actions, facts, the page's own sections, events, conditions. */
export function FluxObjectFrame({
  resource,
  rows,
  eventTargets,
  children,
}: {
  resource: Resource;
  rows: NameValueTableRow[];
  eventTargets?: ObjectRef[];
  children?: React.ReactNode;
}) {
  return (
    <>
      <ObjectBanner target={resource} />
      <ActionBar resource={resource} />
      <NameValueTable rows={rows} />
      {children}
      <EventsSection targets={eventTargets ?? [refOf(resource)]} />
      <ConditionsTable resource={resource} />
    </>
  );
}
