import { NameValueTable, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import React, { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { objectTree, ownerChain } from '../../model/crossplaneTree';
import { ObjectRef, refKey, refOf, Resource } from '../../model/resource';
import { diagnosedAs } from '../../rules';
import { ConditionsTable } from '../common/ConditionsTable';
import { ObjectBanner } from '../common/DiagnosisBanner';
import { EventsSection } from '../common/EventsSection';
import { HealthChip } from '../common/HealthChip';
import { NotFound } from '../common/NotFound';
import { ObjectLink } from '../common/ObjectLink';
import { PermissionNoteScope } from '../common/PermissionNote';
import { TimeLabel } from '../common/TimeLabel';
import { clusterFromParam, fromEmptyParam } from '../routes';
import { ConditionCells } from './ConditionCells';
import { CrossplaneActions } from './CrossplaneActions';
import { CrossplaneNav, roleLabel } from './CrossplaneNav';
import { CrossplanePageState } from './CrossplanePageState';
import { CrossplaneTree } from './CrossplaneTree';
import { ProvenanceLine } from './ProvenanceLine';
import { factLabel, factValue } from './treeText';

function useCrossplaneTarget(): ObjectRef {
  const params = useParams<{
    objectCluster?: string;
    group?: string;
    kind?: string;
    namespace?: string;
    name?: string;
  }>();
  return {
    cluster: clusterFromParam(params.objectCluster),
    group: fromEmptyParam(params.group),
    kind: params.kind ?? '',
    namespace: fromEmptyParam(params.namespace),
    name: params.name ?? '',
  };
}

/** One page for any Crossplane object: XRD, Composition, revision, package, XR, claim, MR, ProviderConfig. */
export function CrossplaneObjectPage() {
  const t = useT();
  const data = useFluxCrossplane();
  const target = useCrossplaneTarget();
  const resource = data.index.get(target);
  const name = target.namespace ? `${target.namespace}/${target.name}` : target.name;
  return (
    <SectionBox title={t('{{kind}} {{name}}', { kind: target.kind, name })} backLink>
      <CrossplaneNav />
      <CrossplanePageState>
        {resource ? <CrossplaneObject resource={resource} /> : <NotFound target={target} />}
      </CrossplanePageState>
    </SectionBox>
  );
}

function TraceUp({ resource }: { resource: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const chain = useMemo(() => ownerChain(data.index, resource).reverse(), [data.index, resource]);
  if (!chain.length) return null;
  return (
    <SectionBox title={t('Trace up')}>
      <Box component="ol" sx={{ pl: 3, my: 0 }} aria-label={t('Objects above')}>
        {chain.map(link => (
          <li key={refKey(link.ref)}>
            <ObjectLink target={link.ref} /> <HealthChip summary={link.status} />
            {link.status.message && link.status.health !== 'healthy' ? (
              <Box component="span" sx={{ ml: 1 }}>
                {link.status.message}
              </Box>
            ) : null}
          </li>
        ))}
        <li>
          <strong>
            {resource.kind} {resource.namespace ? `${resource.namespace}/` : ''}
            {resource.name}
          </strong>{' '}
          {t('(this object)')}
        </li>
      </Box>
    </SectionBox>
  );
}

function TraceDown({ resource }: { resource: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const tree = useMemo(
    () => objectTree(data.index, resource, { diagnosed: ref => diagnosedAs(data.report, ref) }),
    [data.index, data.report, resource]
  );
  if (!tree.children.length) return null;
  return (
    <SectionBox title={t('Trace down')}>
      <CrossplaneTree
        roots={[tree]}
        label={t('What {{kind}} {{name}} is made of', { kind: resource.kind, name: resource.name })}
      />
    </SectionBox>
  );
}

function CrossplaneObject({ resource }: { resource: Resource }) {
  const t = useT();
  const data = useFluxCrossplane();
  const role = data.index.role(resource);
  const tree = useMemo(
    () => objectTree(data.index, resource, { diagnosed: () => undefined }),
    [data.index, resource]
  );
  return (
    <PermissionNoteScope>
      <ObjectBanner target={resource} part="lead" />
      <ProvenanceLine resource={resource} />
      <CrossplaneActions resource={resource} />
      <NameValueTable
        rows={[
          { name: t('State'), value: <HealthChip summary={tree.status} /> },
          { name: t('Message'), value: tree.status.message },
          { name: t('Conditions'), value: <ConditionCells cells={tree.conditions} /> },
          { name: t('API version'), value: resource.apiVersion },
          { name: t('What it is'), value: roleLabel(t, role) },
          ...(data.clusters.length > 1 ? [{ name: t('Cluster'), value: resource.cluster }] : []),
          ...tree.facts.map(fact => ({
            name: factLabel(t, fact.label),
            value: factValue(t, fact),
          })),
          { name: t('Created'), value: <TimeLabel date={resource.creationTimestamp} /> },
        ]}
      />
      <ObjectBanner target={resource} part="rest" />
      <TraceUp resource={resource} />
      <TraceDown resource={resource} />
      <EventsSection targets={[refOf(resource)]} />
      <ConditionsTable resource={resource} />
    </PermissionNoteScope>
  );
}
