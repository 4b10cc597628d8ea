import { at, Kube } from './kube';

/** Where an object lives on the API server, from discovery (the server's own resource lists). */

export interface ObjectKey {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

interface ResourceInfo {
  plural: string;
  namespaced: boolean;
  subresources: Set<string>;
}

export class Resources {
  private readonly byGroupVersion = new Map<string, Promise<Map<string, ResourceInfo>>>();

  constructor(private readonly kube: Kube) {}

  /** Forget what discovery said (after CRDs change). */
  reset(): void {
    this.byGroupVersion.clear();
  }

  private list(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    let found = this.byGroupVersion.get(apiVersion);
    if (!found) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      found = this.kube.get(path).then(response => {
        const kinds = new Map<string, ResourceInfo>();
        const entries = (at(response.body, 'resources') as unknown[] | undefined) ?? [];
        for (const entry of entries) {
          const name = at(entry, 'name') as string;
          const [plural, sub] = name.split('/');
          const kind = at(entry, 'kind') as string;
          if (sub) continue;
          kinds.set(kind, {
            plural,
            namespaced: at(entry, 'namespaced') === true,
            subresources: new Set(),
          });
        }
        // Then the subresources (`plural/status`), which may come before their resource.
        for (const entry of entries) {
          const [plural, sub] = (at(entry, 'name') as string).split('/');
          if (!sub) continue;
          for (const info of kinds.values()) if (info.plural === plural) info.subresources.add(sub);
        }
        return kinds;
      });
      found.catch(() => this.byGroupVersion.delete(apiVersion));
      this.byGroupVersion.set(apiVersion, found);
    }
    return found;
  }

  async info(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const info = (await this.list(apiVersion)).get(kind);
    if (!info) throw new Error(`${kind} is not served at ${apiVersion}`);
    return info;
  }

  /** The collection path (namespaced kinds: in the key's namespace). */
  async collectionPath(key: Omit<ObjectKey, 'name'>): Promise<string> {
    const info = await this.info(key.apiVersion, key.kind);
    const base = key.apiVersion.includes('/')
      ? `/apis/${key.apiVersion}`
      : `/api/${key.apiVersion}`;
    if (!info.namespaced) return `${base}/${info.plural}`;
    if (!key.namespace) throw new Error(`${key.kind} is namespaced: give a namespace`);
    return `${base}/namespaces/${key.namespace}/${info.plural}`;
  }

  async path(key: ObjectKey, subresource?: string): Promise<string> {
    const path = `${await this.collectionPath(key)}/${encodeURIComponent(key.name)}`;
    return subresource ? `${path}/${subresource}` : path;
  }

  async hasStatus(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.info(apiVersion, kind)).subresources.has('status');
  }
}

/** The key of a manifest (apiVersion, kind, metadata.namespace/name). */
export function keyOf(object: unknown): ObjectKey {
  const apiVersion = at(object, 'apiVersion');
  const kind = at(object, 'kind');
  const name = at(object, 'metadata', 'name');
  const namespace = at(object, 'metadata', 'namespace');
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') {
    throw new Error(`not a Kubernetes object: ${JSON.stringify(object).slice(0, 200)}`);
  }
  return typeof namespace === 'string' && namespace
    ? { apiVersion, kind, namespace, name }
    : { apiVersion, kind, name };
}

export function describeKey(key: ObjectKey): string {
  return `${key.kind}/${key.namespace ? `${key.namespace}/` : ''}${key.name} (${key.apiVersion})`;
}
