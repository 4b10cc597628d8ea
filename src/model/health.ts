import { builtinKind } from './builtinKinds';
import { ClusterIndex, ObjectRole } from './clusterIndex';
import { conditionState, findCondition, isStale, readyState, traceStatus } from './conditions';
import { offersClaims } from './crossplaneSpec';
import { isSuspendedSpec } from './fluxSpec';
import { kstatusOf, kstatusReadsStatus } from './kstatus';
import { Resource } from './resource';
import { ControllerState, troubledReconcilerOf } from './runtime';

/**
 * One word for how an object is doing, plus the reason and message a person
 * reads next to it. `unknown` means the object says nothing conclusive;
 * `no-status` means the kind has no status by design (a Composition, a ConfigMap).
 */
export type Health =
  | 'healthy'
  | 'failing'
  | 'progressing'
  | 'suspended'
  | 'deleting'
  | 'unknown'
  | 'no-status'
  | 'missing'
  | 'not-visible';

export interface HealthSummary {
  health: Health;
  reason: string;
  message: string;
  /**
   * The controller that reconciles the object is down, degraded or missing:
   * the state above is the last one it wrote, not a current verdict
   * (views show it as "stale: controller down").
   */
  staleBecause?: { controller: string; state: ControllerState };
}

const CROSSPLANE_TRACED: ReadonlySet<ObjectRole> = new Set<ObjectRole>([
  'composite',
  'claim',
  'managed',
]);

function fromCondition(resource: Resource, type: string): HealthSummary {
  const condition = findCondition(resource, type);
  const state = type === 'Ready' ? readyState(resource) : conditionState(resource, type);
  const reason = condition?.reason ?? '';
  const message = condition?.message ?? '';
  switch (state) {
    case 'true':
      return { health: 'healthy', reason, message };
    case 'false':
      return { health: 'failing', reason, message };
    case 'progressing':
      return { health: 'progressing', reason, message };
    case 'unknown':
      // Flux reports work in progress as Ready=Unknown with reason Progressing.
      return {
        health: /Progressing|Reconciling/i.test(reason) ? 'progressing' : 'unknown',
        reason,
        message,
      };
    default:
      return { health: 'unknown', reason: '', message: '' };
  }
}

/** Every condition in `types` must be True; the first one that is not decides. */
function fromConditions(resource: Resource, types: string[]): HealthSummary {
  let last: HealthSummary = { health: 'unknown', reason: '', message: '' };
  for (const type of types) {
    last = fromCondition(resource, type);
    if (last.health !== 'healthy') return last;
  }
  return last;
}

export function isSuspended(resource: Resource): boolean {
  return isSuspendedSpec(resource.raw);
}

export function healthOf(index: ClusterIndex, resource: Resource): HealthSummary {
  if (resource.deletionTimestamp) return { health: 'deleting', reason: 'Deleting', message: '' };
  const role = index.role(resource);
  switch (role) {
    case 'kustomization':
    case 'helmrelease':
    case 'source':
    case 'alert':
    case 'notification-provider':
    case 'receiver': {
      if (isSuspended(resource)) return { health: 'suspended', reason: 'Suspended', message: '' };
      const controller = troubledReconcilerOf(index, resource);
      const staleBecause = controller
        ? { staleBecause: { controller: controller.name, state: controller.state } }
        : {};
      // notification-controller v1beta3 Alerts/Providers have no conditions: static objects.
      if (
        resource.conditions.length === 0 &&
        (role === 'alert' || role === 'notification-provider')
      ) {
        return { health: 'no-status', reason: '', message: '' };
      }
      const ready = fromCondition(resource, 'Ready');
      // Waiting for a dependency is not failing: the controller has not tried yet.
      if (ready.health === 'failing' && ready.reason === 'DependencyNotReady')
        return { ...ready, health: 'progressing', ...staleBecause };
      return { ...ready, ...staleBecause };
    }
    case 'xrd': {
      const offered = offersClaims(resource.raw);
      return fromConditions(resource, offered ? ['Established', 'Offered'] : ['Established']);
    }
    case 'package':
      return fromConditions(resource, ['Installed', 'Healthy']);
    case 'package-revision':
      return fromCondition(resource, 'Healthy');
    case 'composition-revision':
      return resource.conditions.length ? fromConditions(resource, ['ValidPipeline']) : noStatus();
    case 'mrd':
      return fromCondition(resource, 'Established');
    case 'composition':
    case 'environment-config':
    case 'usage':
    case 'mrap':
      return resource.conditions.length ? fromCondition(resource, 'Ready') : noStatus();
    default:
      break;
  }
  if (CROSSPLANE_TRACED.has(role)) {
    const trace = traceStatus(resource);
    // A failing condition about an older generation is no verdict on the current spec.
    const deciding = findCondition(resource, trace.state === 'not-synced' ? 'Synced' : 'Ready');
    if (
      (trace.state === 'not-synced' || trace.state === 'not-ready') &&
      deciding &&
      isStale(deciding, resource.generation)
    ) {
      return { health: 'progressing', reason: trace.reason, message: trace.message };
    }
    const health: Health =
      trace.state === 'ready'
        ? 'healthy'
        : trace.state === 'not-synced' || trace.state === 'not-ready'
        ? 'failing'
        : trace.state === 'deleting'
        ? 'deleting'
        : 'unknown';
    // Ready=False while Creating or Waiting is work in progress; the rules say what it waits on.
    if (trace.state === 'not-ready' && /^(Creating|Waiting)$/.test(trace.reason)) {
      return { health: 'progressing', reason: trace.reason, message: trace.message };
    }
    return { health, reason: trace.reason, message: trace.message };
  }
  // Kubernetes' own kinds (what Flux applies beside Crossplane's): the verdict of Flux's own
  // health checks (kstatus), so a row says what `wait: true` would wait for.
  if (builtinKind(resource.group, resource.kind)) return fromKStatus(resource);
  if (findCondition(resource, 'Ready')) return fromCondition(resource, 'Ready');
  if (findCondition(resource, 'Available')) return fromCondition(resource, 'Available');
  return noStatus();
}

function fromKStatus(resource: Resource): HealthSummary {
  const verdict = kstatusOf(resource);
  switch (verdict.status) {
    case 'Current':
      // A ConfigMap or a ServiceAccount has no status to be healthy in: it exists, that is all.
      return kstatusReadsStatus(resource.group, resource.kind)
        ? { health: 'healthy', reason: 'Current', message: verdict.message }
        : noStatus();
    case 'InProgress':
      return { health: 'progressing', reason: verdict.reason, message: verdict.message };
    case 'Failed':
      return { health: 'failing', reason: verdict.reason, message: verdict.message };
    default:
      return { health: 'deleting', reason: 'Deleting', message: verdict.message };
  }
}

function noStatus(): HealthSummary {
  return { health: 'no-status', reason: '', message: '' };
}

/** Worst first: used to sort lists and pick a branch's summary. */
export const HEALTH_ORDER: Health[] = [
  'failing',
  'missing',
  'deleting',
  'progressing',
  'unknown',
  'not-visible',
  'suspended',
  'no-status',
  'healthy',
];

export function healthRank(health: Health): number {
  return HEALTH_ORDER.indexOf(health);
}

/** List order everywhere: worst first, then cluster, namespace and name. */
export function compareWorstFirst(
  aHealth: Health,
  aRef: { cluster: string; namespace: string; name: string },
  bHealth: Health,
  bRef: { cluster: string; namespace: string; name: string }
): number {
  return (
    healthRank(aHealth) - healthRank(bHealth) ||
    aRef.cluster.localeCompare(bRef.cluster) ||
    aRef.namespace.localeCompare(bRef.namespace) ||
    aRef.name.localeCompare(bRef.name)
  );
}
