/**
 * A cluster where kinds, not objects, are many (`npm run demo -- --kinds N`):
 * 500 XRDs and 1,000 managed-resource kinds from bench/generateManyKinds.ts
 * (seeded), served with the CRDs a real cluster would have for each kind:
 * Flux's and Crossplane's own, an XR and a claim CRD per XRD, and the
 * generated managed-resource and ProviderConfig CRDs.
 */
import { generateManyKinds } from '../../bench/generateManyKinds';
import type { KubeObject } from '../server/kubeApi';
import { establish, installedCrds } from './index';

export function manyKindsCluster(size: number): KubeObject[] {
  const objects = generateManyKinds(size).objects as KubeObject[];
  const crds = objects.filter(object => object.kind === 'CustomResourceDefinition').map(establish);
  const rest = objects.filter(object => object.kind !== 'CustomResourceDefinition');
  return [...installedCrds(rest), ...crds, ...rest];
}
