import { NameValueTable, NameValueTableRow } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { ObjectRef, refOf, Resource } from '../../model/resource';
import { ActionBar } from './ActionBar';
import { ConditionsTable } from './ConditionsTable';
import { ObjectBanner } from './DiagnosisBanner';
import { EventsSection } from './EventsSection';
import { PermissionNoteScope } from './PermissionNote';

/**
 * The parts every Flux object page shares: the leading banner (the root cause),
 * then the actions and the facts, then the other banners, the page's own
 * sections, events and conditions. One permission note for the whole page.
 */
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
    <PermissionNoteScope>
      <ObjectBanner target={resource} part="lead" />
      <ActionBar resource={resource} />
      <NameValueTable rows={rows} />
      <ObjectBanner target={resource} part="rest" />
      {children}
      <EventsSection targets={eventTargets ?? [refOf(resource)]} />
      <ConditionsTable resource={resource} />
    </PermissionNoteScope>
  );
}
