import { matchLabelsMatch } from '../../common/labelSelector';
import { ClusterIndex } from '../clusterIndex';
import { findCondition } from '../conditions';
import { field, stringMap } from '../json';
import { XP_PKG_GROUP } from '../kinds';
import { ObjectRef, Resource } from '../resource';
import { Controller, controllerKey, ControllerKind } from './controller';
import { parseImage } from './image';
import { APPS_GROUP, coreAppOf, fluxComponentOf, REVISION_LABEL, VERSION_LABEL } from './labels';
import { containerNames, imageOf, mainContainer, toRuntimePod } from './pods';
import { stateOf } from './state';

/** From the Deployments and pods found by their labels to controllers: what each is, and its pods. */

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

/** A Deployment's `matchLabels` selects the pod (an empty selector selects none here). */
export function matchesSelector(
  pod: Resource,
  selector: Readonly<Record<string, string>>
): boolean {
  return Object.keys(selector).length > 0 && matchLabelsMatch(selector, pod.labels);
}

export interface Draft {
  kind: ControllerKind;
  name: string;
  namespace: string;
  deployment?: Resource;
  pods: Resource[];
  revisionName?: string;
  packageName?: string;
}

/** What a Deployment is, if it is a controller this product knows. */
export function classifyDeployment(deployment: Resource): Omit<Draft, 'pods'> | undefined {
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
export function classifyPod(pod: Resource): Omit<Draft, 'pods'> | undefined {
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

/** A draft made a controller: its pods read, its package and revision found, its state. */
export function finishController(cluster: string, draft: Draft, index: ClusterIndex): Controller {
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
    key: controllerKey(cluster, {
      kind: draft.kind,
      namespace: draft.namespace,
      name: deploymentRef.name,
    }),
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
      delete controller.problemText;
      controller.evidence.push({
        id: 'awaiting-activation',
        params: { kind: awaiting.kind, name: awaiting.name },
      });
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
