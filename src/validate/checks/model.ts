import { definedKinds } from '../../model/crossplaneSpec';
import { asString, field } from '../../model/json';
import { FLUX_SOURCE_GROUP, XP_APIEXTENSIONS_GROUP } from '../../model/kinds';
import { refKey, splitApiVersion } from '../../model/resource';
import { RULES } from '../../rules/catalogue';
import { Subject } from '../../rules/types';
import { locationOf } from '../files';
import { doc, finding, objectSubject, ValidateFinding } from '../findings';
import { RenderedObject } from '../kustomize';
import { BOOTSTRAP_SOURCE, Cluster, Unit } from '../units';

export interface Placed {
  object: RenderedObject;
  unit: Unit;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The objects of one cluster, each with the unit that applies it. */
export class ClusterModel {
  readonly placed: Placed[] = [];
  private readonly byKey = new Map<string, Placed[]>();
  private readonly byKind = new Map<string, Placed[]>();

  constructor(readonly cluster: Cluster, private readonly localSources: ReadonlySet<string>) {
    for (const unit of cluster.units.values()) {
      for (const object of unit.objects) {
        const { group, version } = splitApiVersion(asString(object.value.apiVersion));
        const placed: Placed = {
          object,
          unit,
          group,
          version,
          kind: asString(object.value.kind) ?? '',
          namespace: asString(field(object.value, 'metadata', 'namespace')) ?? '',
          name: asString(field(object.value, 'metadata', 'name')) ?? '',
        };
        this.placed.push(placed);
        push(this.byKey, this.key(group, placed.kind, placed.namespace, placed.name), placed);
        push(this.byKind, `${group}|${placed.kind}`, placed);
      }
    }
  }

  get name(): string {
    return this.cluster.name;
  }

  private key(group: string, kind: string, namespace: string, name: string): string {
    return refKey({ cluster: '', group, kind, namespace, name });
  }

  all(group: string, kind: string, namespace: string, name: string): Placed[] {
    return this.byKey.get(this.key(group, kind, namespace, name)) ?? [];
  }

  get(group: string, kind: string, namespace: string, name: string): Placed | undefined {
    return this.all(group, kind, namespace, name)[0];
  }

  /** By kind and name in any group (Alert event sources and health checks name kinds, not groups). */
  findByKind(kind: string, namespace: string, name: string): Placed[] {
    return this.placed.filter(
      item => item.kind === kind && item.namespace === namespace && item.name === name
    );
  }

  ofKind(group: string, kind: string): Placed[] {
    return this.byKind.get(`${group}|${kind}`) ?? [];
  }

  isLocalSource(key: string): boolean {
    return this.localSources.has(key);
  }

  subject(placed: Placed): Subject {
    return objectSubject(placed.object.value, this.name);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const where = (placed: Placed, path?: Array<string | number>) =>
  locationOf(placed.object.origin, path);

export function describeUnit(unit: Unit): string {
  if (unit.id.startsWith('bootstrap:'))
    return `the bootstrap Kustomization (flux-system) applying ${unit.id.slice(
      'bootstrap:'.length
    )}`;
  const [, namespace, name] = unit.id.split('/');
  return `Kustomization ${namespace}/${name}`;
}

export function unitName(unit: Unit): string {
  return unit.id.startsWith('bootstrap:') ? 'flux-system' : unit.id.split('/')[2];
}

export function locationText(placed: Placed): string {
  const location = where(placed);
  return location.line === undefined ? location.file : `${location.file}:${location.line}`;
}

export function fluxSourceExists(
  model: ClusterModel,
  kind: string,
  namespace: string,
  name: string
): boolean {
  return Boolean(model.get(FLUX_SOURCE_GROUP, kind, namespace, name));
}

export function createSourceCommand(kind: string, namespace: string, name: string): string {
  const cli: Record<string, string> = {
    GitRepository: 'git',
    OCIRepository: 'oci',
    Bucket: 'bucket',
    HelmRepository: 'helm',
  };
  const type = cli[kind] ?? 'git';
  const example =
    type === 'git'
      ? ' --url=https://github.com/ORG/REPO --branch=main'
      : type === 'helm'
      ? ' --url=https://charts.example.org'
      : type === 'oci'
      ? ' --url=oci://registry.example.org/ORG/REPO --tag=latest'
      : '';
  return `flux create source ${type} ${name} -n ${namespace}${example} --export`;
}

export function suspended(model: ClusterModel, placed: Placed): ValidateFinding {
  return finding({
    rule: RULES.FLUX_SUSPENDED,
    subject: model.subject(placed),
    title: `${placed.kind} ${placed.namespace}/${placed.name} is committed suspended`,
    explanation:
      'spec.suspend: true in Git: Flux will not reconcile it and drift is not corrected until someone resumes it. Suspend from the CLI or the plugin for maintenance instead of committing it.',
    location: where(placed, ['spec', 'suspend']),
    evidence: ['spec.suspend: true'],
    actions: [doc('Suspend and resume', 'https://fluxcd.io/flux/cmd/flux_suspend/')],
  });
}

export function isBootstrapObject(kind: string, namespace: string, name: string): boolean {
  return (
    (kind === 'GitRepository' || kind === 'Kustomization') &&
    `${kind}/${namespace}/${name}` ===
      (kind === 'GitRepository' ? BOOTSTRAP_SOURCE : 'Kustomization/flux-system/flux-system')
  );
}

export function xrdsOf(model: ClusterModel): Placed[] {
  return model.ofKind(XP_APIEXTENSIONS_GROUP, 'CompositeResourceDefinition');
}

export function xrdDefining(
  model: ClusterModel,
  group: string,
  kind: string
): { xrd: Placed; role: 'composite' | 'claim' } | undefined {
  for (const xrd of xrdsOf(model)) {
    const defined = definedKinds(xrd.object.value);
    if (defined.group !== group) continue;
    if (defined.kind === kind) return { xrd, role: 'composite' };
    if (defined.claimKind === kind) return { xrd, role: 'claim' };
  }
  return undefined;
}
