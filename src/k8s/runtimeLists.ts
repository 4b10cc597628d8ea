import { ClusterIndex } from '../model/clusterIndex';
import {
  APPS_GROUP,
  CONTROLLERS_SELECTOR,
  coreAppOf,
  REVISION_LABEL,
} from '../model/runtime/labels';

/**
 * What the data layer lists per cluster to see the controllers (by the labels in
 * model/runtime/labels.ts): request planning, no objects. Pure, so the CLI can plan the same.
 */

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
