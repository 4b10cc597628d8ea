import { ClusterIndex, ObjectRole } from '../clusterIndex';
import { findCondition, isStale } from '../conditions';
import {
  claimResourceRef,
  compositionMode,
  compositionRefOf,
  compositionRevisionRefOf,
  isPaused,
  xrdTypes,
} from '../crossplane';
import { claimCompositionName, offersClaims, revisionNumberOf } from '../crossplaneSpec';
import { stringField } from '../json';
import { Resource } from '../resource';
import { ConditionCell, Fact, FactLabel } from './types';

export const CONDITIONS_BY_ROLE: Partial<Record<ObjectRole, string[]>> = {
  composite: ['Synced', 'Ready'],
  claim: ['Synced', 'Ready'],
  managed: ['Synced', 'Ready'],
  xrd: ['Established', 'Offered'],
  package: ['Installed', 'Healthy'],
  'package-revision': ['Healthy'],
  'composition-revision': ['ValidPipeline'],
  mrd: ['Established'],
};

export function conditionCells(resource: Resource, role: ObjectRole | 'unknown'): ConditionCell[] {
  let types = (role !== 'unknown' && CONDITIONS_BY_ROLE[role]) || ['Ready'];
  if (role === 'xrd' && !offersClaims(resource.raw)) types = ['Established'];
  return types.flatMap(type => {
    const condition = findCondition(resource, type);
    if (!condition && role !== 'composite' && role !== 'claim' && role !== 'managed') {
      // Kinds without the condition (a ProviderConfig, a Composition) show nothing rather than blanks.
      return role === 'xrd' || role === 'package' ? [emptyCell(type)] : [];
    }
    return [
      condition
        ? {
            type,
            status: condition.status,
            reason: condition.reason,
            stale: isStale(condition, resource.generation),
          }
        : emptyCell(type),
    ];
  });
}

function emptyCell(type: string): ConditionCell {
  return { type, status: '', reason: '', stale: false };
}

function latestCompositionRevision(
  index: ClusterIndex,
  composition: Resource
): Resource | undefined {
  let latest: Resource | undefined;
  let latestNumber = -Infinity;
  for (const revision of index.revisionsOfComposition(composition.cluster, composition.name)) {
    const number = revisionNumberOf(revision.raw) ?? 0;
    if (number > latestNumber) {
      latest = revision;
      latestNumber = number;
    }
  }
  return latest;
}

export function factsOf(
  index: ClusterIndex,
  resource: Resource,
  role: ObjectRole | 'unknown'
): Fact[] {
  const facts: Fact[] = [];
  const add = (label: FactLabel, value: string | undefined) => {
    if (value) facts.push({ label, value });
  };
  switch (role) {
    case 'xrd': {
      const types = xrdTypes(resource);
      add('Defines', types.kind ? `${types.kind} (${types.group ?? ''})` : undefined);
      add('Claim kind', types.claimKind);
      add('Scope', types.scope);
      break;
    }
    case 'composition': {
      add('Mode', compositionMode(resource));
      add('For', stringField(resource.raw, 'spec', 'compositeTypeRef', 'kind'));
      const revision = latestCompositionRevision(index, resource);
      if (revision) {
        const number = revisionNumberOf(revision.raw);
        add(
          'Current revision',
          number !== undefined ? `${revision.name} (#${number})` : revision.name
        );
      }
      break;
    }
    case 'package':
      add('Package', stringField(resource.raw, 'spec', 'package'));
      add('Current revision', stringField(resource.raw, 'status', 'currentRevision'));
      break;
    case 'package-revision':
      add('Desired state', stringField(resource.raw, 'spec', 'desiredState'));
      break;
    case 'composite':
      add('Composition', compositionRefOf(index, resource));
      add('Composition revision', compositionRevisionRefOf(index, resource));
      add('Resource name', resource.annotations['crossplane.io/composition-resource-name']);
      break;
    case 'claim': {
      const xr = claimResourceRef(index, resource)?.resource;
      add('Composition', (xr && compositionRefOf(index, xr)) || claimCompositionName(resource.raw));
      break;
    }
    case 'managed':
      add('Resource name', resource.annotations['crossplane.io/composition-resource-name']);
      add('External name', resource.annotations['crossplane.io/external-name']);
      break;
    default:
      break;
  }
  if ((role === 'composite' || role === 'claim' || role === 'managed') && isPaused(resource))
    facts.push({ label: 'Paused', value: 'yes' });
  return facts;
}
