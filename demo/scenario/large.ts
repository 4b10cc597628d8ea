/**
 * A large generated cluster for the browser benchmark (`npm run demo -- --large N`):
 * the same seeded generator as the model benchmark (bench/generate.ts), served with
 * the CRDs a real cluster would have for every kind in it.
 */
import { generateCluster } from '../../bench/generate';
import type { KubeObject } from '../server/kubeApi';
import { establish, installedCrds } from './index';

function managedCrd(group: string, kind: string, categories: string[]): KubeObject {
  const plural = `${kind.toLowerCase()}s`;
  return establish({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), categories },
      scope: 'Cluster',
      versions: [
        {
          name: 'v1beta1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
          subresources: { status: {} },
        },
      ],
    },
  });
}

export function largeCluster(size: number): KubeObject[] {
  const objects = generateCluster(size, 42, 'large').objects.map(object => {
    const { cluster: _cluster, ...rest } = object;
    void _cluster;
    return rest as unknown as KubeObject;
  });
  const groups = new Set<string>();
  for (const object of objects) {
    const apiVersion = String(object.apiVersion);
    if (/^p\d+\.acme\.io\//.test(apiVersion)) groups.add(apiVersion.split('/')[0]);
  }
  const managed = [...groups].flatMap(group => [
    managedCrd(group, 'Bucket', ['crossplane', 'managed']),
    managedCrd(group, 'ProviderConfig', ['crossplane', 'providerconfig']),
  ]);
  return [...installedCrds(objects), ...managed, ...objects];
}
