/**
 * Kubernetes' own kinds that Flux commonly applies, with what a client needs to
 * list them (plural, scope, version). They are facts of the Kubernetes API, the
 * same on every cluster: no discovery request is needed to list them. A kind
 * missing here, with no CRD, is not read (its inventory rows stay "not read").
 */
export interface BuiltinKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced = true
): BuiltinKind {
  return { group, version, kind, plural, namespaced };
}

export const BUILTIN_KINDS: readonly BuiltinKind[] = [
  builtin('', 'v1', 'ConfigMap', 'configmaps'),
  builtin('', 'v1', 'Secret', 'secrets'),
  builtin('', 'v1', 'Service', 'services'),
  builtin('', 'v1', 'ServiceAccount', 'serviceaccounts'),
  builtin('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  builtin('', 'v1', 'Pod', 'pods'),
  builtin('', 'v1', 'LimitRange', 'limitranges'),
  builtin('', 'v1', 'ResourceQuota', 'resourcequotas'),
  builtin('', 'v1', 'Namespace', 'namespaces', false),
  builtin('', 'v1', 'PersistentVolume', 'persistentvolumes', false),
  builtin('apps', 'v1', 'Deployment', 'deployments'),
  builtin('apps', 'v1', 'StatefulSet', 'statefulsets'),
  builtin('apps', 'v1', 'DaemonSet', 'daemonsets'),
  builtin('apps', 'v1', 'ReplicaSet', 'replicasets'),
  builtin('batch', 'v1', 'Job', 'jobs'),
  builtin('batch', 'v1', 'CronJob', 'cronjobs'),
  builtin('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  builtin('networking.k8s.io', 'v1', 'Ingress', 'ingresses'),
  builtin('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies'),
  builtin('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  builtin('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  builtin('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  builtin('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  builtin('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  builtin('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false),
  builtin('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false),
  builtin(
    'apiextensions.k8s.io',
    'v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    false
  ),
  builtin(
    'admissionregistration.k8s.io',
    'v1',
    'ValidatingWebhookConfiguration',
    'validatingwebhookconfigurations',
    false
  ),
  builtin(
    'admissionregistration.k8s.io',
    'v1',
    'MutatingWebhookConfiguration',
    'mutatingwebhookconfigurations',
    false
  ),
];

const byGroupKind = new Map(BUILTIN_KINDS.map(kind => [`${kind.group}/${kind.kind}`, kind]));

export function builtinKind(group: string, kind: string): BuiltinKind | undefined {
  return byGroupKind.get(`${group}/${kind}`);
}
