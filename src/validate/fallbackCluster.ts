import { asString, field } from '../model/json';
import { XP_APIEXTENSIONS_GROUP } from '../model/kinds';
import { splitApiVersion } from '../model/resource';
import { BUILTIN_RENDERER } from './engine';
import { ManifestDoc, Source } from './files';
import {
  expandLists,
  fileKey,
  isKubernetesObject,
  KUSTOMIZATION_FILES,
  RenderedObject,
  Renderer,
} from './kustomize';
import { Cluster } from './units';

/** The cluster validate reads when the tree has no Flux Kustomization, and what defines kinds (CRDs, XRDs). */

export function isCrd(value: unknown): boolean {
  return (
    asString(field(value, 'kind')) === 'CustomResourceDefinition' &&
    splitApiVersion(asString(field(value, 'apiVersion'))).group === 'apiextensions.k8s.io'
  );
}

export function isXrd(value: unknown): boolean {
  return (
    asString(field(value, 'kind')) === 'CompositeResourceDefinition' &&
    splitApiVersion(asString(field(value, 'apiVersion'))).group === XP_APIEXTENSIONS_GROUP
  );
}

/** Without Flux Kustomizations in the tree: every top-level kustomization and loose manifest, as one cluster. */
export function fallbackCluster(root: Source, renderer: Renderer, docs: ManifestDoc[]): Cluster {
  const cluster: Cluster = { name: '', units: new Map() };
  const covered = new Set<string>();
  const dirs = new Set<string>();
  for (const manifest of docs) {
    if (manifest.source !== root) continue;
    const name = manifest.path.split('/').pop() ?? '';
    if (KUSTOMIZATION_FILES.includes(name)) dirs.add(manifest.path.slice(0, -name.length - 1));
  }
  const topLevel = [...dirs].filter(
    dir => ![...dirs].some(other => other !== dir && (other === '' || dir.startsWith(`${other}/`)))
  );
  for (const dir of topLevel.sort()) {
    const rendered = renderer.render(root, dir);
    rendered.files.forEach(file => covered.add(file));
    cluster.units.set(`dir:${dir}`, {
      id: `dir:${dir || '.'}`,
      cluster: '',
      source: root,
      path: dir,
      exists: true,
      objects: rendered.objects,
      files: rendered.files,
      renderer: BUILTIN_RENDERER,
      refusals: [...rendered.refusals],
    });
  }
  const loose: RenderedObject[] = [];
  const looseFiles = new Set<string>();
  for (const manifest of docs) {
    const key = fileKey(manifest.source, manifest.path);
    if (manifest.source !== root || covered.has(key)) continue;
    for (const value of expandLists(manifest.value)) {
      if (isKubernetesObject(value)) {
        loose.push({
          value: JSON.parse(JSON.stringify(value)) as RenderedObject['value'],
          origin: manifest,
        });
        looseFiles.add(key);
      }
    }
  }
  if (loose.length)
    cluster.units.set('dir:files', {
      id: 'dir:files',
      cluster: '',
      source: root,
      path: '',
      exists: true,
      objects: loose,
      files: looseFiles,
      renderer: BUILTIN_RENDERER,
      refusals: [],
    });
  return cluster;
}
