import semverCoerce from 'semver/functions/coerce.js';
import semverGte from 'semver/functions/gte.js';
import semverValid from 'semver/functions/valid.js';
import { findCondition } from './conditions';
import { activeRevisionOf, providerForGroup } from './crossplane';
import { crossplaneFeatures } from './crossplaneFeatures';
import { ClusterIndex, Role } from './index';
import { asArray, asNumber, field, stringField, stringMap } from './json';
import {
  FLUX_HELM_GROUP,
  FLUX_KUSTOMIZE_GROUP,
  FLUX_NOTIFICATION_GROUP,
  isCrossplaneGroup,
  XP_PKG_GROUP,
} from './kinds';
import { ObjectRef, Resource } from './resource';
import { VisibilityGap } from './visibility';

/**
 * The controllers behind Flux and Crossplane, read from Deployments and Pods
 * found by their labels in any namespace (not only flux-system and
 * crossplane-system): the Flux controllers, Crossplane's core and RBAC
 * manager, and the runtime of each Provider's and Function's active revision.
 * Pure: plain JSON in the index, no requests.
 *
 * Labels read (upstream install manifests):
 * - Flux (`flux install`/bootstrap, manifests/bases/*): `app.kubernetes.io/part-of: flux` and
 *   `app.kubernetes.io/component: <controller>` on the Deployment and its pod template;
 *   `app.kubernetes.io/version: <flux version>` on what `flux install` generates.
 * - Crossplane (Helm chart): `app.kubernetes.io/part-of: crossplane`, `app: crossplane` /
 *   `app: crossplane-rbac-manager`, `app.kubernetes.io/component: cloud-infrastructure-controller`,
 *   `app.kubernetes.io/version`, on the Deployments and their pod templates.
 * - Package runtimes: Deployments owned by their ProviderRevision/FunctionRevision (controller
 *   reference) whose pods carry `pkg.crossplane.io/revision: <revision>` and
 *   `pkg.crossplane.io/provider|function: <package>`; the container is `package-runtime`.
 *   The runtime Deployment itself carries no such label, so Deployments are listed whole in the
 *   namespaces where Crossplane runs.
 */

export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
export const VERSION_LABEL = 'app.kubernetes.io/version';
export const REVISION_LABEL = 'pkg.crossplane.io/revision';
const APPS_GROUP = 'apps';
const XP_CORE_APPS = ['crossplane', 'crossplane-rbac-manager'];

// ---- what to list ------------------------------------------------------------------------

/** One list of Deployments or Pods the data layer opens per cluster. */
export interface RuntimeList {
  /** Stable per cluster: the data layer's feed key. */
  id: string;
  group: string;
  version: string;
  kind: 'Deployment' | 'Pod';
  plural: string;
  labelSelector?: string;
  /** Only this namespace (package runtimes live in Crossplane's namespace). */
  namespace?: string;
}

const FLUX_SELECTOR = `${PART_OF_LABEL}=flux`;
/** Flux's controllers and Crossplane's core and RBAC manager, Deployments and pods alike: one selector. */
const CONTROLLERS_SELECTOR = `${PART_OF_LABEL} in (flux,crossplane)`;

function deployments(id: string, labelSelector?: string, namespace?: string): RuntimeList {
  const list: RuntimeList = {
    id,
    group: APPS_GROUP,
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
  };
  if (labelSelector) list.labelSelector = labelSelector;
  if (namespace) list.namespace = namespace;
  return list;
}

function pods(id: string, labelSelector: string): RuntimeList {
  return { id, group: '', version: 'v1', kind: 'Pod', plural: 'pods', labelSelector };
}

/**
 * Deployments and Pods are read only by label (the controllers'), so objects
 * of those kinds in the index say nothing about the others: a Deployment an
 * inventory names that is not in the index is not visible, not missing.
 */
export function isListedBySelector(ref: { group: string; kind: string }): boolean {
  return (
    (ref.group === APPS_GROUP && ref.kind === 'Deployment') ||
    (ref.group === '' && ref.kind === 'Pod')
  );
}

/** The label-selected lists every cluster gets: three small lists, whatever the cluster's size. */
export const RUNTIME_LISTS: readonly RuntimeList[] = [
  deployments('runtime/deployments', CONTROLLERS_SELECTOR),
  pods('runtime/pods', CONTROLLERS_SELECTOR),
  pods('runtime/package-pods', REVISION_LABEL),
];

/**
 * Namespaces where package runtimes run: where Crossplane's core runs and where
 * pods of a package revision were seen. From whatever of those lists answered.
 */
export function packageRuntimeNamespaces(index: ClusterIndex, cluster: string): string[] {
  const namespaces = new Set<string>();
  for (const deployment of index.list(cluster, APPS_GROUP, 'Deployment')) {
    if (coreAppOf(deployment) === 'crossplane') namespaces.add(deployment.namespace);
  }
  for (const pod of index.list(cluster, '', 'Pod')) {
    if (pod.labels[REVISION_LABEL] || coreAppOf(pod) === 'crossplane')
      namespaces.add(pod.namespace);
  }
  namespaces.delete('');
  return [...namespaces].sort();
}

/** Every runtime list of one cluster: the fixed ones, then all Deployments of each Crossplane namespace. */
export function runtimeLists(index: ClusterIndex, cluster: string): RuntimeList[] {
  return [
    ...RUNTIME_LISTS,
    ...packageRuntimeNamespaces(index, cluster).map(namespace =>
      deployments(`runtime/package-deployments/${namespace}`, undefined, namespace)
    ),
  ];
}

// ---- images and versions -----------------------------------------------------------------

export interface ImageRef {
  /** Everything before the tag: `ghcr.io/fluxcd/kustomize-controller`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** `ghcr.io/fluxcd/kustomize-controller:v1.6.0@sha256:…` → repository, tag, digest (a registry port is not a tag). */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  const result: ImageRef = { repository: rest };
  if (tag) result.tag = tag;
  if (digest) result.digest = digest;
  return result;
}

/** What a controller's version tag looks like: `v2.3.1`, `2.3`, `v1.5.0-rc.1`, `v1.6.0+build`. */
const VERSION_TAG = /^v?\d+\.\d+(?:\.\d+)?(?:[-+].*)?$/;

/**
 * `v2.3.1` → `2.3.1`, `2.3` → `2.3.0`, `v1.5.0-rc.1` → `1.5.0-rc.1` (semantic versions,
 * pre-release kept); anything else (latest, main, a digest) → undefined.
 */
export function parseVersion(text: string | undefined): string | undefined {
  const tag = text?.trim() ?? '';
  if (!VERSION_TAG.test(tag)) return undefined;
  return semverValid(tag) ?? semverCoerce(tag, { includePrerelease: true })?.version;
}

/**
 * Whether `version` is at least `minimum` by semver precedence (a pre-release of a version is
 * below it: v2.3.0-rc.1 < v2.3.0); undefined when the version cannot be read.
 */
export function versionAtLeast(version: string | undefined, minimum: string): boolean | undefined {
  const have = parseVersion(version);
  const want = parseVersion(minimum);
  if (!have || !want) return undefined;
  return semverGte(have, want);
}

// ---- pods ----------------------------------------------------------------------------------

/** Container states that keep a controller from running; the kubelet's own words. */
const BAD_WAITING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PostStartHookError',
]);

export interface ContainerTrouble {
  container: string;
  /** `CrashLoopBackOff`, `ImagePullBackOff`, `Unschedulable`, `OOMKilled`… */
  reason: string;
  message: string;
}

export interface RuntimePod {
  resource: Resource;
  phase: string;
  ready: boolean;
  restarts: number;
  /** Why it does not run, when it does not (worst container first). */
  trouble?: ContainerTrouble;
  /** How the main container last ended (`OOMKilled`, `Error` and its exit code). */
  lastTermination?: { reason: string; exitCode?: number; finishedAt?: string };
  /** The container whose logs explain the controller. */
  container: string;
  image?: string;
}

const MAIN_CONTAINERS = ['manager', 'crossplane', 'package-runtime'];

function containerNames(podSpec: unknown): string[] {
  return asArray(field(podSpec, 'containers')).flatMap(container => {
    const name = stringField(container, 'name');
    return name ? [name] : [];
  });
}

/** The controller's own container: the known names first, then the default-container annotation, then the first. */
function mainContainer(names: string[], annotations: Readonly<Record<string, string>>): string {
  return (
    names.find(name => MAIN_CONTAINERS.includes(name)) ??
    (names.includes(annotations['kubectl.kubernetes.io/default-container'])
      ? annotations['kubectl.kubernetes.io/default-container']
      : undefined) ??
    names[0] ??
    ''
  );
}

function imageOf(podSpec: unknown, container: string): string | undefined {
  const found = asArray(field(podSpec, 'containers')).find(
    item => stringField(item, 'name') === container
  );
  return stringField(found, 'image');
}

export function toRuntimePod(pod: Resource): RuntimePod {
  const spec = pod.raw.spec;
  const container = mainContainer(containerNames(spec), pod.annotations);
  const statuses = [
    ...asArray(field(pod.raw, 'status', 'initContainerStatuses')),
    ...asArray(field(pod.raw, 'status', 'containerStatuses')),
  ];
  let restarts = 0;
  let trouble: ContainerTrouble | undefined;
  let lastTermination: RuntimePod['lastTermination'];
  for (const status of statuses) {
    const name = stringField(status, 'name') ?? '';
    restarts += asNumber(field(status, 'restartCount')) ?? 0;
    const waitingReason = stringField(status, 'state', 'waiting', 'reason');
    if (waitingReason && BAD_WAITING.has(waitingReason) && (!trouble || name === container)) {
      trouble = {
        container: name,
        reason: waitingReason,
        message: stringField(status, 'state', 'waiting', 'message') ?? '',
      };
    }
    const terminatedReason = stringField(status, 'lastState', 'terminated', 'reason');
    if (terminatedReason && (name === container || !lastTermination)) {
      lastTermination = {
        reason: terminatedReason,
        exitCode: asNumber(field(status, 'lastState', 'terminated', 'exitCode')),
        finishedAt: stringField(status, 'lastState', 'terminated', 'finishedAt'),
      };
    }
  }
  const phase = stringField(pod.raw, 'status', 'phase') ?? '';
  const scheduled = findCondition(pod, 'PodScheduled');
  if (!trouble && scheduled?.status === 'False') {
    trouble = {
      container: '',
      reason: scheduled.reason || 'Unschedulable',
      message: scheduled.message,
    };
  }
  if (!trouble && phase === 'Failed') {
    trouble = {
      container: '',
      reason: stringField(pod.raw, 'status', 'reason') ?? 'Failed',
      message: stringField(pod.raw, 'status', 'message') ?? '',
    };
  }
  const result: RuntimePod = {
    resource: pod,
    phase,
    ready: findCondition(pod, 'Ready')?.status === 'True',
    restarts,
    container,
  };
  if (trouble) result.trouble = trouble;
  if (lastTermination) result.lastTermination = lastTermination;
  const image = imageOf(spec, container);
  if (image) result.image = image;
  return result;
}

// ---- controllers ---------------------------------------------------------------------------

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
  /** One line on why it is not available (empty when it is). */
  problem: string;
  /** The facts behind the state, verbatim (status fields, container states). */
  evidence: string[];
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
export const FLUX_COMPONENTS: ReadonlyArray<{ component: string; roles: Role[] }> = [
  { component: 'source-controller', roles: ['source'] },
  { component: 'kustomize-controller', roles: ['kustomization'] },
  { component: 'helm-controller', roles: ['helmrelease'] },
  { component: 'notification-controller', roles: ['alert', 'notification-provider', 'receiver'] },
  { component: 'image-reflector-controller', roles: [] },
  { component: 'image-automation-controller', roles: [] },
];

/** `crossplane` or `crossplane-rbac-manager` (by `app`, else by part-of and name, for a renamed chart). */
function coreAppOf(resource: Resource): string | undefined {
  const app = resource.labels.app;
  if (app && XP_CORE_APPS.includes(app)) return app;
  if (resource.labels[PART_OF_LABEL] !== 'crossplane') return undefined;
  return (app ?? resource.name).endsWith('rbac-manager') ? 'crossplane-rbac-manager' : 'crossplane';
}

function fluxComponentOf(resource: Resource): string | undefined {
  if (resource.labels[PART_OF_LABEL] !== 'flux') return undefined;
  return resource.labels[COMPONENT_LABEL] || resource.labels.app || undefined;
}

/** The revision a runtime Deployment belongs to: its controller owner, else its selector. */
function revisionOfDeployment(
  deployment: Resource
): { revisionName: string; kind: 'provider' | 'function'; packageName?: string } | undefined {
  const owner = deployment.ownerReferences.find(
    ref =>
      ref.group === XP_PKG_GROUP &&
      (ref.kind === 'ProviderRevision' || ref.kind === 'FunctionRevision')
  );
  const selector = stringMap(field(deployment.raw, 'spec', 'selector', 'matchLabels'));
  const revisionName = owner?.name ?? selector[REVISION_LABEL];
  if (!revisionName) return undefined;
  const kind: 'provider' | 'function' =
    owner?.kind === 'FunctionRevision' || (!owner && selector['pkg.crossplane.io/function'])
      ? 'function'
      : 'provider';
  return {
    revisionName,
    kind,
    packageName: selector[`pkg.crossplane.io/${kind}`],
  };
}

function matchesSelector(pod: Resource, selector: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every(key => pod.labels[key] === selector[key]);
}

interface Draft {
  kind: ControllerKind;
  name: string;
  namespace: string;
  deployment?: Resource;
  pods: Resource[];
  revisionName?: string;
  packageName?: string;
}

function keyOf(cluster: string, draft: Pick<Draft, 'kind' | 'namespace' | 'name'>): string {
  return `${cluster}|${draft.kind}|${draft.namespace}|${draft.name}`;
}

/** What a Deployment is, if it is a controller this product knows. */
function classifyDeployment(deployment: Resource): Omit<Draft, 'pods'> | undefined {
  const base = { namespace: deployment.namespace, deployment };
  const component = fluxComponentOf(deployment);
  if (component) return { ...base, kind: 'flux', name: component };
  const revision = revisionOfDeployment(deployment);
  if (revision) {
    return {
      ...base,
      kind: revision.kind,
      name: revision.packageName ?? revision.revisionName,
      revisionName: revision.revisionName,
      packageName: revision.packageName,
    };
  }
  const app = coreAppOf(deployment);
  if (app === 'crossplane') return { ...base, kind: 'crossplane', name: 'crossplane' };
  if (app === 'crossplane-rbac-manager')
    return { ...base, kind: 'rbac-manager', name: 'crossplane-rbac-manager' };
  return undefined;
}

/** What a pod without a known Deployment belongs to (the Deployment could not be read). */
function classifyPod(pod: Resource): Omit<Draft, 'pods'> | undefined {
  const base = { namespace: pod.namespace };
  const component = fluxComponentOf(pod);
  if (component) return { ...base, kind: 'flux', name: component };
  const revisionName = pod.labels[REVISION_LABEL];
  if (revisionName) {
    const kind = pod.labels['pkg.crossplane.io/function'] ? 'function' : 'provider';
    const packageName = pod.labels[`pkg.crossplane.io/${kind}`];
    return { ...base, kind, name: packageName ?? revisionName, revisionName, packageName };
  }
  const app = coreAppOf(pod);
  if (app === 'crossplane') return { ...base, kind: 'crossplane', name: 'crossplane' };
  if (app === 'crossplane-rbac-manager')
    return { ...base, kind: 'rbac-manager', name: 'crossplane-rbac-manager' };
  return undefined;
}

function stateOf(
  deployment: Resource | undefined,
  pods: RuntimePod[]
): Pick<Controller, 'state' | 'problem' | 'evidence' | 'desiredReplicas' | 'availableReplicas'> {
  const evidence: string[] = [];
  const troubled = pods.filter(pod => pod.trouble);
  for (const pod of troubled) {
    const trouble = pod.trouble as ContainerTrouble;
    evidence.push(
      `Pod ${pod.resource.name}${trouble.container ? ` container ${trouble.container}` : ''}: ${
        trouble.reason
      }${trouble.message ? `: ${trouble.message}` : ''}`
    );
  }
  for (const pod of pods) {
    if (pod.lastTermination && pod.restarts > 0) {
      const { reason, exitCode, finishedAt } = pod.lastTermination;
      evidence.push(
        `Pod ${pod.resource.name}: restarted ${pod.restarts} time${
          pod.restarts === 1 ? '' : 's'
        }, last exit ${reason}${exitCode !== undefined ? ` (exit code ${exitCode})` : ''}${
          finishedAt ? ` at ${finishedAt}` : ''
        }`
      );
    }
  }
  // The reason in one or two words; the kubelet's message is in the evidence.
  const firstTrouble = troubled[0]?.trouble;
  const lastExit = troubled[0]?.lastTermination?.reason;
  const troubleText = firstTrouble
    ? `${firstTrouble.reason}${
        lastExit && firstTrouble.reason === 'CrashLoopBackOff' ? ` (last exit ${lastExit})` : ''
      }`
    : '';

  if (deployment) {
    const desired = asNumber(field(deployment.raw, 'spec', 'replicas')) ?? 1;
    const available = asNumber(field(deployment.raw, 'status', 'availableReplicas')) ?? 0;
    const availableCondition = findCondition(deployment, 'Available');
    const progressing = findCondition(deployment, 'Progressing');
    evidence.unshift(`Deployment ${deployment.name}: ${available}/${desired} replicas available`);
    if (availableCondition?.status === 'False')
      evidence.push(
        `Available=False${availableCondition.reason ? ` (${availableCondition.reason})` : ''}${
          availableCondition.message ? `: ${availableCondition.message}` : ''
        }`
      );
    if (progressing?.status === 'False')
      evidence.push(
        `Progressing=False${progressing.reason ? ` (${progressing.reason})` : ''}${
          progressing.message ? `: ${progressing.message}` : ''
        }`
      );
    const counts = { desiredReplicas: desired, availableReplicas: available };
    if (desired === 0)
      return { ...counts, state: 'down', problem: 'scaled to 0 replicas', evidence };
    if (available < 1 || availableCondition?.status === 'False') {
      return {
        ...counts,
        state: 'down',
        problem: troubleText || `${available}/${desired} replicas available`,
        evidence,
      };
    }
    if (troubled.length || available < desired) {
      return {
        ...counts,
        state: 'degraded',
        problem: troubleText || `${available}/${desired} replicas available`,
        evidence,
      };
    }
    return { ...counts, state: 'available', problem: '', evidence };
  }
  // Only pods are known (the Deployment could not be read).
  const readyPods = pods.filter(pod => pod.ready).length;
  evidence.unshift(`${readyPods}/${pods.length} pods ready`);
  if (readyPods === 0)
    return {
      state: 'down',
      problem: troubleText || `no pod is ready (${pods[0]?.phase || 'unknown phase'})`,
      evidence,
    };
  if (troubled.length) return { state: 'degraded', problem: troubleText, evidence };
  return { state: 'available', problem: '', evidence };
}

function finish(cluster: string, draft: Draft, index: ClusterIndex): Controller {
  const runtimePods = draft.pods
    .map(toRuntimePod)
    // Pods in trouble first: their logs explain; then ready ones.
    .sort(
      (a, b) =>
        Number(!!b.trouble) - Number(!!a.trouble) ||
        b.restarts - a.restarts ||
        Number(b.ready) - Number(a.ready) ||
        a.resource.name.localeCompare(b.resource.name)
    );
  const deployment = draft.deployment;
  const templateSpec = deployment ? field(deployment.raw, 'spec', 'template', 'spec') : undefined;
  const container =
    (deployment
      ? mainContainer(
          containerNames(templateSpec),
          stringMap(field(deployment.raw, 'spec', 'template', 'metadata', 'annotations'))
        )
      : undefined) ||
    runtimePods[0]?.container ||
    '';
  const image =
    (deployment ? imageOf(templateSpec, container) : undefined) ?? runtimePods[0]?.image;
  const revision = draft.revisionName
    ? index.get({
        cluster,
        group: XP_PKG_GROUP,
        kind: draft.kind === 'function' ? 'FunctionRevision' : 'ProviderRevision',
        namespace: '',
        name: draft.revisionName,
      })
    : undefined;
  const packageName = draft.packageName ?? revision?.labels['pkg.crossplane.io/package'];
  const pkg = packageName
    ? index.get({
        cluster,
        group: XP_PKG_GROUP,
        kind: draft.kind === 'function' ? 'Function' : 'Provider',
        namespace: '',
        name: packageName,
      })
    : undefined;
  const name =
    draft.kind === 'provider' || draft.kind === 'function' ? packageName ?? draft.name : draft.name;
  const labelVersion =
    deployment?.labels[VERSION_LABEL] ??
    draft.pods.find(pod => pod.labels[VERSION_LABEL])?.labels[VERSION_LABEL];
  const deploymentRef: ObjectRef = {
    cluster,
    group: APPS_GROUP,
    kind: 'Deployment',
    namespace: deployment?.namespace ?? draft.namespace,
    name:
      deployment?.name ?? deploymentNameFromPod(draft.pods[0]) ?? draft.revisionName ?? draft.name,
    version: 'v1',
  };
  const controller: Controller = {
    key: keyOf(cluster, { kind: draft.kind, namespace: draft.namespace, name: deploymentRef.name }),
    cluster,
    kind: draft.kind,
    name,
    namespace: draft.namespace,
    deploymentRef,
    pods: runtimePods,
    container,
    restarts: runtimePods.reduce((sum, pod) => sum + pod.restarts, 0),
    ...stateOf(deployment, runtimePods),
  };
  if (controller.state === 'down' && controller.desiredReplicas === 0) {
    // Crossplane 2.x safe-start: a provider's runtime stays at 0 replicas until its first
    // ManagedResourceDefinition is activated (Healthy=True / RuntimeActive=False, AwaitingActivation).
    const awaiting = [pkg, revision].find(
      object =>
        object &&
        ['Healthy', 'RuntimeActive'].some(
          type => findCondition(object, type)?.reason === 'AwaitingActivation'
        )
    );
    if (awaiting) {
      controller.state = 'available';
      controller.problem = '';
      controller.evidence.push(
        `${awaiting.kind} ${awaiting.name}: AwaitingActivation — scaled to 0 on purpose until a ManagedResourceDefinition it owns is activated`
      );
    }
  }
  if (deployment) controller.deployment = deployment;
  if (pkg) controller.package = pkg;
  if (draft.revisionName) controller.revisionName = draft.revisionName;
  if (revision) controller.revision = revision;
  if (image) {
    controller.image = image;
    const tag = parseImage(image).tag;
    if (tag) controller.version = tag;
  }
  if (labelVersion) controller.labelVersion = labelVersion;
  const createdAt = deployment?.creationTimestamp ?? runtimePods[0]?.resource.creationTimestamp;
  if (createdAt) controller.createdAt = createdAt;
  return controller;
}

/** `kustomize-controller-7d9f8c6b5-x2x9z` owned by ReplicaSet `kustomize-controller-7d9f8c6b5` → `kustomize-controller`. */
function deploymentNameFromPod(pod: Resource | undefined): string | undefined {
  const owner = pod?.ownerReferences.find(ref => ref.kind === 'ReplicaSet');
  const hash = pod?.labels['pod-template-hash'];
  if (!owner) return undefined;
  return hash && owner.name.endsWith(`-${hash}`)
    ? owner.name.slice(0, -hash.length - 1)
    : owner.name.replace(/-[a-z0-9]+$/, '');
}

function missingController(
  cluster: string,
  kind: ControllerKind,
  name: string,
  namespace: string,
  problem: string,
  extra: Partial<Controller> = {}
): Controller {
  const controller: Controller = {
    key: keyOf(cluster, { kind, namespace, name: extra.revisionName ?? name }),
    cluster,
    kind,
    name,
    namespace,
    deploymentRef: {
      cluster,
      group: APPS_GROUP,
      kind: 'Deployment',
      namespace,
      name: extra.revisionName ?? name,
      version: 'v1',
    },
    pods: [],
    container:
      kind === 'flux'
        ? 'manager'
        : kind === 'crossplane' || kind === 'rbac-manager'
        ? 'crossplane'
        : 'package-runtime',
    restarts: 0,
    state: 'missing',
    problem,
    evidence: [problem],
    ...extra,
  };
  return controller;
}

function mostCommon(values: Array<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** The Flux distribution version from CRD labels (`app.kubernetes.io/version` on the toolkit CRDs). */
export function fluxVersionFromCrds(crds: readonly unknown[] | undefined): string | undefined {
  return mostCommon(
    (crds ?? []).map(crd =>
      (stringField(crd, 'spec', 'group') ?? '').endsWith('.toolkit.fluxcd.io') &&
      stringMap(field(crd, 'metadata', 'labels'))[PART_OF_LABEL] === 'flux'
        ? stringMap(field(crd, 'metadata', 'labels'))[VERSION_LABEL]
        : undefined
    )
  );
}

const ORDER: Record<ControllerKind, number> = {
  flux: 0,
  crossplane: 1,
  'rbac-manager': 2,
  provider: 3,
  function: 4,
};

function fluxOrder(name: string): number {
  const position = FLUX_COMPONENTS.findIndex(item => item.component === name);
  return position < 0 ? FLUX_COMPONENTS.length : position;
}

function computeRuntime(
  index: ClusterIndex,
  cluster: string,
  crds: readonly unknown[] | undefined
): ClusterRuntime {
  const drafts = new Map<string, Draft>();
  const deploymentSelectors: Array<{ draft: Draft; selector: Readonly<Record<string, string>> }> =
    [];
  for (const deployment of index.list(cluster, APPS_GROUP, 'Deployment')) {
    const classified = classifyDeployment(deployment);
    if (!classified) continue;
    const draft: Draft = { ...classified, pods: [] };
    // Sharded or duplicated controllers keep one row per Deployment.
    const key = `${keyOf(cluster, draft)}|${deployment.name}`;
    if (drafts.has(key)) continue;
    drafts.set(key, draft);
    deploymentSelectors.push({
      draft,
      selector: stringMap(field(deployment.raw, 'spec', 'selector', 'matchLabels')),
    });
  }
  for (const pod of index.list(cluster, '', 'Pod')) {
    const owner = deploymentSelectors.find(
      ({ draft, selector }) => draft.namespace === pod.namespace && matchesSelector(pod, selector)
    );
    if (owner) {
      owner.draft.pods.push(pod);
      continue;
    }
    const classified = classifyPod(pod);
    if (!classified) continue;
    // No Deployment read for it: group pods by what they run.
    const key = `${keyOf(cluster, classified)}|pods`;
    const draft = drafts.get(key) ?? { ...classified, pods: [] };
    draft.pods.push(pod);
    drafts.set(key, draft);
  }

  const controllers: Controller[] = [];
  for (const draft of drafts.values()) {
    const controller = finish(cluster, draft, index);
    // Runtimes of inactive revisions are on their way out: not the package's runtime.
    if (
      controller.revision &&
      stringField(controller.revision.raw, 'spec', 'desiredState') === 'Inactive'
    )
      continue;
    controllers.push(controller);
  }

  const deploymentGaps = index.visibility.filter(
    gap => gap.cluster === cluster && gap.group === APPS_GROUP && gap.kind === 'Deployment'
  );
  const podGaps = index.visibility.filter(
    gap => gap.cluster === cluster && gap.group === '' && gap.kind === 'Pod'
  );
  const deploymentsReadEverywhere = !deploymentGaps.some(gap => gap.namespace === undefined);
  const fluxControllers = controllers.filter(controller => controller.kind === 'flux');
  const core = controllers.find(controller => controller.kind === 'crossplane');
  const fluxFound = fluxControllers.length > 0;
  const crossplaneFound = controllers.some(controller => controller.kind !== 'flux');

  // Missing: only where the lists were read and the install was found by its labels.
  if (fluxFound && deploymentsReadEverywhere) {
    const namespace =
      mostCommon(fluxControllers.map(controller => controller.namespace)) ?? 'flux-system';
    for (const { component, roles } of FLUX_COMPONENTS) {
      if (fluxControllers.some(controller => controller.name === component)) continue;
      const count = roles.reduce(
        (sum, role) => sum + index.withRole(role).filter(r => r.cluster === cluster).length,
        0
      );
      if (count === 0) continue;
      controllers.push(
        missingController(
          cluster,
          'flux',
          component,
          namespace,
          `no ${component} Deployment labelled ${FLUX_SELECTOR} was found, but ${count} of the objects it reconciles exist`
        )
      );
    }
  }
  if (core && deploymentsReadEverywhere) {
    for (const pkg of index.withRole('package')) {
      if (pkg.cluster !== cluster || (pkg.kind !== 'Provider' && pkg.kind !== 'Function')) continue;
      const revision = activeRevisionOf(index, pkg);
      // An unhealthy revision gets no runtime: that is the package's problem, not a missing runtime.
      if (!revision || findCondition(revision, 'Healthy')?.status !== 'True') continue;
      const kind: ControllerKind = pkg.kind === 'Function' ? 'function' : 'provider';
      if (controllers.some(c => c.kind === kind && c.revisionName === revision.name)) continue;
      // Without a read of the Deployments in Crossplane's namespace nothing can be concluded.
      if (index.gapFor(cluster, APPS_GROUP, 'Deployment', core.namespace)) continue;
      controllers.push(
        missingController(
          cluster,
          kind,
          pkg.name,
          core.namespace,
          `no runtime Deployment of ${pkg.kind} ${pkg.name}'s active revision ${revision.name} was found in namespace ${core.namespace}`,
          { package: pkg, revision, revisionName: revision.name }
        )
      );
    }
  }

  controllers.sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      (a.kind === 'flux' ? fluxOrder(a.name) - fluxOrder(b.name) : 0) ||
      a.name.localeCompare(b.name) ||
      a.namespace.localeCompare(b.namespace) ||
      a.deploymentRef.name.localeCompare(b.deploymentRef.name)
  );

  const runtime: ClusterRuntime = {
    cluster,
    controllers,
    deploymentGaps,
    podGaps,
    fluxFound,
    crossplaneFound,
  };
  const fluxVersion =
    mostCommon(fluxControllers.map(controller => controller.labelVersion)) ??
    fluxVersionFromCrds(crds);
  if (fluxVersion) runtime.fluxVersion = fluxVersion;
  const crossplaneVersion =
    core?.version && parseVersion(core.version)
      ? core.version
      : core?.labelVersion
      ? /^\d/.test(core.labelVersion)
        ? `v${core.labelVersion}`
        : core.labelVersion
      : core?.version;
  if (crossplaneVersion) runtime.crossplaneVersion = crossplaneVersion;
  return runtime;
}

const cache = new WeakMap<ClusterIndex, Map<string, ClusterRuntime>>();

/**
 * The controllers of one cluster and what they report. Memoized per index
 * (built once per data change) and cluster; `crds` (the cluster's CRD list,
 * when read) only adds the Flux version when no Deployment tells it.
 */
export function runtimeOf(
  index: ClusterIndex,
  cluster: string,
  crds?: readonly unknown[]
): ClusterRuntime {
  let perCluster = cache.get(index);
  if (!perCluster) {
    perCluster = new Map();
    cache.set(index, perCluster);
  }
  const key = crds ? `${cluster}|crds:${crds.length}` : cluster;
  let runtime = perCluster.get(key);
  if (!runtime) {
    runtime = computeRuntime(index, cluster, crds);
    perCluster.set(key, runtime);
  }
  return runtime;
}

// ---- who reconciles what -------------------------------------------------------------------

function pick(controllers: Controller[]): Controller | undefined {
  // Prefer the unsharded Deployment (named like its component), then the first.
  return (
    controllers.find(controller => controller.deploymentRef.name === controller.name) ??
    controllers[0]
  );
}

/** The runtime of a Provider or Function: its active revision's Deployment and pods. */
export function packageRuntimeOf(index: ClusterIndex, pkg: Resource): Controller | undefined {
  if (pkg.group !== XP_PKG_GROUP || (pkg.kind !== 'Provider' && pkg.kind !== 'Function'))
    return undefined;
  const kind: ControllerKind = pkg.kind === 'Function' ? 'function' : 'provider';
  const revision = activeRevisionOf(index, pkg);
  const controllers = runtimeOf(index, pkg.cluster).controllers.filter(c => c.kind === kind);
  return (
    (revision && controllers.find(c => c.revisionName === revision.name)) ||
    controllers.find(c => c.name === pkg.name && !c.revisionName)
  );
}

function fluxController(index: ClusterIndex, cluster: string, component: string) {
  return pick(
    runtimeOf(index, cluster).controllers.filter(c => c.kind === 'flux' && c.name === component)
  );
}

const IMAGE_KINDS: Record<string, string> = {
  ImageRepository: 'image-reflector-controller',
  ImagePolicy: 'image-reflector-controller',
  ImageUpdateAutomation: 'image-automation-controller',
};

/**
 * The controller that reconciles an object (whose logs talk about it): the
 * Flux controller of its kind, Crossplane's core for Crossplane's own kinds,
 * composites and claims, the provider's runtime for managed resources and
 * ProviderConfigs. Undefined when that controller was not found.
 */
export function reconcilerOf(index: ClusterIndex, ref: ObjectRef): Controller | undefined {
  const { cluster, group, kind } = ref;
  if (group === 'source.toolkit.fluxcd.io' && kind !== 'ExternalArtifact')
    return fluxController(index, cluster, 'source-controller');
  if (group === FLUX_KUSTOMIZE_GROUP) return fluxController(index, cluster, 'kustomize-controller');
  if (group === FLUX_HELM_GROUP) return fluxController(index, cluster, 'helm-controller');
  if (group === FLUX_NOTIFICATION_GROUP)
    return fluxController(index, cluster, 'notification-controller');
  if (group === 'image.toolkit.fluxcd.io' && IMAGE_KINDS[kind])
    return fluxController(index, cluster, IMAGE_KINDS[kind]);
  const resource = index.get(ref);
  const role = resource ? index.role(resource) : 'other';
  if (resource && (role === 'managed' || role === 'provider-config')) {
    const provider = providerForGroup(index, cluster, resource.group);
    return provider ? packageRuntimeOf(index, provider) : undefined;
  }
  if (
    isCrossplaneGroup(group) ||
    role === 'composite' ||
    role === 'claim' ||
    role === 'xrd' ||
    role === 'composition'
  ) {
    return pick(runtimeOf(index, cluster).controllers.filter(c => c.kind === 'crossplane'));
  }
  return undefined;
}

/** Whether a controller keeps what it reconciles from being reconciled (or reconciled reliably). */
export function isInTrouble(controller: Controller): boolean {
  return (
    controller.state === 'down' || controller.state === 'degraded' || controller.state === 'missing'
  );
}

/**
 * The controller of an object when it is down, degraded or missing: while it
 * is, nothing keeps the object's status current (its Ready is stale).
 */
export function troubledReconcilerOf(index: ClusterIndex, ref: ObjectRef): Controller | undefined {
  const controller = reconcilerOf(index, ref);
  return controller && isInTrouble(controller) ? controller : undefined;
}

/** The pod whose logs explain the controller: one in trouble first, else a ready one. */
export function logsPod(controller: Controller): RuntimePod | undefined {
  return controller.pods[0];
}

/** Objects in one cluster that a controller reconciles (for "what is not reconciled while it is down"). */
export function reconciledBy(index: ClusterIndex, controller: Controller): Resource[] {
  const inCluster = (resource: Resource) => resource.cluster === controller.cluster;
  if (controller.kind === 'flux') {
    const roles = FLUX_COMPONENTS.find(item => item.component === controller.name)?.roles ?? [];
    return roles.flatMap(role => index.withRole(role).filter(inCluster));
  }
  if (controller.kind === 'crossplane') {
    return (['composite', 'claim'] as Role[]).flatMap(role =>
      index.withRole(role).filter(inCluster)
    );
  }
  if (controller.kind === 'provider' && controller.package) {
    const pkg = controller.package;
    return index
      .withRole('managed')
      .filter(
        resource =>
          inCluster(resource) && providerForGroup(index, resource.cluster, resource.group) === pkg
      );
  }
  return [];
}

// ---- version-gated features ----------------------------------------------------------------

export type FeatureSupport = 'yes' | 'no' | 'unknown';

export interface RuntimeFeatures {
  fluxVersion?: string;
  crossplaneVersion?: string;
  kustomizeControllerVersion?: string;
  /**
   * Crossplane honours `crossplane.io/reconcile-requested-at` (≥ 2.3): `yes`
   * from the running version or from objects that report
   * `status.lastHandledReconcileAt`, `no` when the running version is older,
   * `unknown` when neither can be read.
   */
  crossplaneReconcileRequest: FeatureSupport;
  /** kustomize-controller records `status.history` on Kustomizations (≥ 1.5). */
  kustomizationHistory: FeatureSupport;
  /** Why, in words for a tooltip or a test. */
  evidence: string[];
}

export const CROSSPLANE_RECONCILE_REQUEST_SINCE = 'v2.3.0';
export const KUSTOMIZATION_HISTORY_SINCE = 'v1.5.0';

/**
 * What the controllers of one cluster can do, from their versions (image
 * tags, version labels) and from what their objects already show. Pure; call
 * it before offering a version-gated action or reading a version-gated field.
 */
export function runtimeFeatures(
  index: ClusterIndex,
  cluster: string,
  crds?: readonly unknown[]
): RuntimeFeatures {
  const runtime = runtimeOf(index, cluster, crds);
  const evidence: string[] = [];
  const features: RuntimeFeatures = {
    crossplaneReconcileRequest: 'unknown',
    kustomizationHistory: 'unknown',
    evidence,
  };
  if (runtime.fluxVersion) features.fluxVersion = runtime.fluxVersion;
  if (runtime.crossplaneVersion) features.crossplaneVersion = runtime.crossplaneVersion;

  const kustomize = fluxController(index, cluster, 'kustomize-controller');
  if (kustomize?.version) features.kustomizeControllerVersion = kustomize.version;
  const historyByVersion = versionAtLeast(kustomize?.version, KUSTOMIZATION_HISTORY_SINCE);
  const historySeen = index
    .withRole('kustomization')
    .some(k => k.cluster === cluster && asArray(field(k.raw, 'status', 'history')).length > 0);
  if (historySeen) {
    features.kustomizationHistory = 'yes';
    evidence.push('Kustomizations report status.history');
  } else if (historyByVersion !== undefined) {
    features.kustomizationHistory = historyByVersion ? 'yes' : 'no';
    evidence.push(
      `kustomize-controller ${kustomize?.version} ${
        historyByVersion ? '≥' : '<'
      } ${KUSTOMIZATION_HISTORY_SINCE}`
    );
  }

  const handled = crossplaneFeatures(index, cluster).reconcileRequests === 'confirmed';
  const requestByVersion = versionAtLeast(
    runtime.crossplaneVersion,
    CROSSPLANE_RECONCILE_REQUEST_SINCE
  );
  if (requestByVersion !== undefined) {
    features.crossplaneReconcileRequest = requestByVersion ? 'yes' : 'no';
    evidence.push(
      `Crossplane ${runtime.crossplaneVersion} ${
        requestByVersion ? '≥' : '<'
      } ${CROSSPLANE_RECONCILE_REQUEST_SINCE}`
    );
  } else if (handled) {
    features.crossplaneReconcileRequest = 'yes';
    evidence.push('objects report status.lastHandledReconcileAt (Crossplane ≥ 2.3)');
  }
  return features;
}
