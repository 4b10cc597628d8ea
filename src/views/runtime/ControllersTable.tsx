import { Link, StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { refOf } from '../../model/resource';
import { Controller, logsPod } from '../../model/runtime';
import { DataTable } from '../common/DataTable';
import { ObjectLink } from '../common/ObjectLink';
import {
  controllerKindLabel,
  formatAge,
  problemText,
  replicasText,
  STATE_TONE,
  stateLabel,
} from './runtimeText';

/** The state word of a controller, coloured, with the one-line reason when it is not available. */
export function ControllerState({ controller }: { controller: Controller }) {
  const t = useT();
  const problem = problemText(t, controller);
  return (
    <span>
      <StatusLabel status={STATE_TONE[controller.state]}>
        {stateLabel(t, controller.state)}
      </StatusLabel>
      {problem ? <span> {problem}</span> : null}
    </span>
  );
}

/** The controller's name: its Deployment on Headlamp's page, and the package it runs for. */
function ControllerName({ controller }: { controller: Controller }) {
  const t = useT();
  const deployment = controller.deployment;
  return (
    <span>
      {deployment ? (
        <Link
          routeName="deployment"
          params={{ namespace: deployment.namespace, name: deployment.name }}
          activeCluster={controller.cluster || undefined}
        >
          {controller.name}
        </Link>
      ) : (
        <span>{controller.name}</span>
      )}
      {controller.package ? (
        <span>
          {' '}
          (<ObjectLink target={controller.package} withKind />
          {controller.revisionName
            ? `, ${t('revision {{revision}}', { revision: controller.revisionName })}`
            : ''}
          )
        </span>
      ) : null}
    </span>
  );
}

/** The pod whose logs explain the controller: a link to Headlamp's log viewer, and its pod page. */
export function LogsLink({
  controller,
  podsHidden,
}: {
  controller: Controller;
  /** Pods could not be listed here: say so instead of "no pod". */
  podsHidden: boolean;
}) {
  const t = useT();
  const pod = logsPod(controller);
  if (!pod) return <span>{podsHidden ? t('no pod visible') : t('no pod')}</span>;
  const ref = refOf(pod.resource);
  return (
    <span>
      <ObjectLink target={ref} search={{ view: 'logs' }}>
        {t('Logs')}
      </ObjectLink>{' '}
      (
      <ObjectLink target={ref} withKind={false}>
        {pod.resource.name}
      </ObjectLink>
      {pod.container ? `, ${t('container {{container}}', { container: pod.container })}` : ''})
    </span>
  );
}

/** One row per controller: availability, restarts, image and version, age, and its logs. */
export function ControllersTable({
  controllers,
  emptyMessage,
  podsHidden,
  pending = false,
}: {
  controllers: Controller[];
  emptyMessage: string;
  podsHidden: boolean;
  /** The Deployment or Pod lists have not answered: Headlamp's loader instead of the empty message. */
  pending?: boolean;
}) {
  const t = useT();
  const data = useFluxCrossplane();
  return (
    <DataTable
      data={controllers}
      emptyMessage={emptyMessage}
      pending={pending}
      columns={[
        { label: t('Controller'), getter: row => <ControllerName controller={row} /> },
        { label: t('Kind'), getter: row => controllerKindLabel(t, row) },
        { label: t('Namespace'), getter: row => row.namespace },
        { label: t('State'), getter: row => <ControllerState controller={row} /> },
        { label: t('Ready'), getter: row => replicasText(row) },
        {
          label: t('Restarts'),
          getter: row => (row.pods.length ? String(row.restarts) : ''),
        },
        { label: t('Version'), getter: row => row.version ?? '' },
        { label: t('Image'), getter: row => (row.image ? <code>{row.image}</code> : '') },
        { label: t('Age'), getter: row => formatAge(row.createdAt, data.now) },
        {
          label: t('Logs'),
          getter: row => <LogsLink controller={row} podsHidden={podsHidden} />,
        },
      ]}
    />
  );
}
