import { ObjectRole } from '../clusterIndex';
import { ObjectRef, Resource } from '../resource';
import { VisibilityGap } from '../visibility';
import { RuntimePod } from './pods';
import { ControllerEvidence, ControllerProblem } from './problem';

export type ControllerKind = 'flux' | 'crossplane' | 'rbac-manager' | 'provider' | 'function';

/**
 * - `available`: every wanted replica is available and no pod is in trouble.
 * - `degraded`: it runs, but a pod crash-loops, cannot pull its image, or replicas are missing.
 * - `down`: nothing of it runs (no available replica, or scaled to zero).
 * - `missing`: it should exist (its objects do, its siblings were found) and does not.
 * - `unknown`: what would tell could not be read.
 */
export type ControllerState = 'available' | 'degraded' | 'down' | 'missing' | 'unknown';

export interface Controller {
  /** `cluster|kind|namespace|name`, stable per controller. */
  key: string;
  cluster: string;
  kind: ControllerKind;
  /** The Flux component (`kustomize-controller`), `crossplane`, `crossplane-rbac-manager`, or the package's name. */
  name: string;
  namespace: string;
  /** The Deployment as read, when it was. */
  deployment?: Resource;
  /** The Deployment, read or expected (for links and commands when it could not be read). */
  deploymentRef: ObjectRef;
  pods: RuntimePod[];
  /** Provider or Function, for package runtimes. */
  package?: Resource;
  /** The package revision this runtime belongs to. */
  revisionName?: string;
  revision?: Resource;
  /** The container whose logs explain the controller. */
  container: string;
  image?: string;
  /** From the image tag. */
  version?: string;
  /** The `app.kubernetes.io/version` label, when set. */
  labelVersion?: string;
  desiredReplicas?: number;
  availableReplicas?: number;
  restarts: number;
  state: ControllerState;
  /**
   * Why it is not available, as an id with its values (unset when it is): the rules say it
   * in English (rules/runtimeProblem.ts), the UI in the reader's language.
   */
  problemText?: ControllerProblem;
  /** The facts behind the state (status fields, container states), as ids with their values. */
  evidence: ControllerEvidence[];
  createdAt?: string;
}

export interface ClusterRuntime {
  cluster: string;
  controllers: Controller[];
  /** The installed Flux distribution (Deployment or CRD label), when the cluster tells it. */
  fluxVersion?: string;
  /** Crossplane's version (core image tag or version label). */
  crossplaneVersion?: string;
  /** Why Deployments or Pods are not (fully) known here. */
  deploymentGaps: VisibilityGap[];
  podGaps: VisibilityGap[];
  /** Whether any Flux / Crossplane controller was found by its labels. */
  fluxFound: boolean;
  crossplaneFound: boolean;
}

/** The Flux controllers and the kinds each reconciles, in display order. */
export const FLUX_COMPONENTS: ReadonlyArray<{ component: string; roles: ObjectRole[] }> = [
  { component: 'source-controller', roles: ['source'] },
  { component: 'kustomize-controller', roles: ['kustomization'] },
  { component: 'helm-controller', roles: ['helmrelease'] },
  { component: 'notification-controller', roles: ['alert', 'notification-provider', 'receiver'] },
  { component: 'image-reflector-controller', roles: [] },
  { component: 'image-automation-controller', roles: [] },
];

/** `cluster|kind|namespace|name`: the controller's key. */
export function controllerKey(
  cluster: string,
  controller: { kind: ControllerKind; namespace: string; name: string }
): string {
  return `${cluster}|${controller.kind}|${controller.namespace}|${controller.name}`;
}
