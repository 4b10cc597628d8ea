import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { at, Kube, sleep } from './kube';
import { describeKey, keyOf, ObjectKey, Resources } from './resources';

/**
 * Puts the test cluster together: CRDs, RBAC for the three users, and a
 * scenario file's objects as real objects — specs with server-side apply
 * (strict field validation, so a field the schema does not know fails),
 * statuses through the /status subresource, events created with the core API.
 */

export type Manifest = Record<string, unknown>;

/** Every object in the YAML files under `path` (recursively, in name order), with its file. */
export function readManifestFiles(path: string): Array<{ file: string; object: Manifest }> {
  const files = statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true, encoding: 'utf8' })
        .filter(name => /\.ya?ml$/.test(name))
        .sort()
        .map(name => join(path, name))
    : [path];
  const found: Array<{ file: string; object: Manifest }> = [];
  for (const file of files) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0].message}`);
      const value = document.toJS() as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        found.push({ file, object: value as Manifest });
      }
    }
  }
  return found;
}

/** Every object in the YAML files under `path`. */
export function readManifests(path: string): Manifest[] {
  return readManifestFiles(path).map(({ object }) => object);
}

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
/** How long a CRD may take to be served or to go (each change rebuilds discovery and OpenAPI: slow on a busy machine). */
const WAIT_MS = 180_000;

/** Applies CRDs and waits until the server serves them (Established and in discovery). */
export async function installCrds(kube: Kube, crds: Manifest[]): Promise<void> {
  for (const crd of crds) {
    const name = keyOf(crd).name;
    await kube.apply(`${CRD_PATH}/${name}`, crd);
  }
  const deadline = Date.now() + WAIT_MS;
  for (const crd of crds) {
    const name = keyOf(crd).name;
    for (;;) {
      const response = await kube.get(`${CRD_PATH}/${name}`);
      const conditions = (at(response.body, 'status', 'conditions') as unknown[] | undefined) ?? [];
      const established = conditions.some(
        condition => at(condition, 'type') === 'Established' && at(condition, 'status') === 'True'
      );
      if (established) break;
      if (Date.now() > deadline)
        throw new Error(`CRD ${name} not Established within ${WAIT_MS / 1000} s`);
      await sleep(200);
    }
  }
  // Established comes slightly before the group is in discovery: wait for each group/version.
  for (const crd of crds) {
    const group = at(crd, 'spec', 'group') as string;
    const plural = at(crd, 'spec', 'names', 'plural') as string;
    for (const version of (at(crd, 'spec', 'versions') as unknown[]) ?? []) {
      if (at(version, 'served') !== true) continue;
      const path = `/apis/${group}/${at(version, 'name') as string}`;
      for (;;) {
        const response = await kube.get(path, false);
        const names = ((at(response.body, 'resources') as unknown[] | undefined) ?? []).map(entry =>
          at(entry, 'name')
        );
        if (response.status === 200 && names.includes(plural)) break;
        if (Date.now() > deadline)
          throw new Error(`${path} does not serve ${plural} within ${WAIT_MS / 1000} s`);
        await sleep(200);
      }
    }
  }
}

/**
 * Deletes CRDs and waits until they are gone. kube-apiserver's CRD finalizer
 * can fail once with "storage is (re)initializing" when a CRD is deleted right
 * after it was served, and then not look at it again until the CRD changes: an
 * annotation every few seconds is that change.
 */
export async function deleteCrds(kube: Kube, names: string[]): Promise<void> {
  for (const name of names) {
    await kube.request('DELETE', `${CRD_PATH}/${name}`, { check: false });
  }
  const deadline = Date.now() + WAIT_MS;
  let nudge = 0;
  for (const name of names) {
    let next = Date.now() + 5_000;
    while ((await kube.get(`${CRD_PATH}/${name}`, false)).status !== 404) {
      if (Date.now() > deadline) {
        throw new Error(`CRD ${name} not deleted within ${WAIT_MS / 1000} s`);
      }
      if (Date.now() > next) {
        await kube.mergePatch(
          `${CRD_PATH}/${name}`,
          { metadata: { annotations: { 'hfc-cluster-test/nudge': String(++nudge) } } },
          false
        );
        next = Date.now() + 5_000;
      }
      await sleep(200);
    }
  }
}

export const READER_ROLE = 'hfc-reader';
export const TEAM_ROLE = 'hfc-team';

/** The RBAC of the reader (read everything) and team (everything in one namespace) users. */
export async function installRbac(kube: Kube, teamNamespace: string): Promise<void> {
  await ensureNamespace(kube, teamNamespace);
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await kube.apply(`${rbac}/clusterroles/${READER_ROLE}`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: READER_ROLE },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
  });
  await kube.apply(`${rbac}/clusterrolebindings/${READER_ROLE}`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: READER_ROLE },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: READER_ROLE },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'reader' }],
  });
  await kube.apply(`${rbac}/namespaces/${teamNamespace}/roles/${TEAM_ROLE}`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: TEAM_ROLE, namespace: teamNamespace },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  });
  await kube.apply(`${rbac}/namespaces/${teamNamespace}/rolebindings/${TEAM_ROLE}`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: TEAM_ROLE, namespace: teamNamespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: TEAM_ROLE },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'team' }],
  });
}

export async function ensureNamespace(kube: Kube, name: string): Promise<void> {
  await kube.apply(`/api/v1/namespaces/${name}`, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  });
}

/** What applying a scenario did, including what the real schemas made it change. */
export interface ScenarioResult {
  /** The live objects, as read back after their status was written. */
  objects: Manifest[];
  /**
   * Each place where a scenario object could not go in as written: the real
   * schema required a field the file lacks, or the server owns a field the file
   * sets (uid, generation). Printed by the stage and asserted on by its tests.
   */
  adaptations: string[];
}

/** Condition times the file leaves out but a CRD requires are set to this (the rules read no Crossplane condition time). */
export const FILLED_TRANSITION_TIME = '2026-11-26T09:00:00Z';
const SERVER_OWNED = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields'];

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The openAPIV3Schema of a CRD's `spec` or `status` for one apiVersion and kind, if a CRD defines it. */
function schemaOf(
  crds: Manifest[],
  apiVersion: string,
  kind: string,
  part: 'spec' | 'status'
): unknown {
  const [group, version] = apiVersion.split('/');
  const crd = crds.find(
    candidate =>
      at(candidate, 'spec', 'group') === group && at(candidate, 'spec', 'names', 'kind') === kind
  );
  const served = ((at(crd, 'spec', 'versions') as unknown[] | undefined) ?? []).find(
    candidate => at(candidate, 'name') === version
  );
  return at(served, 'schema', 'openAPIV3Schema', 'properties', part);
}

interface FillContext {
  kind: string;
  namespace?: string;
  name: string;
  labels: Record<string, string>;
  status: unknown;
  /** Every object of the scenario (a revision's image comes from its package). */
  manifests: Manifest[];
}
type Filler = (context: FillContext) => unknown;

function revisionDigest(status: unknown): string {
  const revision = String(at(status, 'artifact', 'revision') ?? '');
  return createHash('sha256').update(revision).digest('hex');
}

/** Where source-controller stores an artifact: `<kind>/<namespace>/<name>/<digest>.tar.gz`. */
function artifactPath({ kind, namespace, name, status }: FillContext): string {
  return `${kind.toLowerCase()}/${namespace ?? ''}/${name}/${revisionDigest(status).slice(
    0,
    12
  )}.tar.gz`;
}

/**
 * Values for fields a real CRD requires but the scenario file may leave out,
 * written the way the controllers (Crossplane, source-controller) write them. Keyed by the field's path
 * without list indexes. A required field with no filler is left out, so the
 * server refuses it and setup fails saying which field.
 */
const FILLERS: Record<string, Filler> = {
  // Crossplane package revisions: the image of the package that owns them (label pkg.crossplane.io/package).
  'spec.image': ({ kind, labels, manifests }) => {
    const packageKind = kind.replace(/Revision$/, '');
    const owner = manifests.find(
      manifest =>
        manifest.kind === packageKind &&
        at(manifest, 'metadata', 'name') === labels['pkg.crossplane.io/package']
    );
    return at(owner, 'spec', 'package');
  },
  'status.conditions.lastTransitionTime': () => FILLED_TRANSITION_TIME,
  'status.artifact.digest': ({ status }) => `sha256:${revisionDigest(status)}`,
  'status.artifact.path': artifactPath,
  'status.artifact.url': context =>
    `http://source-controller.flux-system.svc.cluster.local./${artifactPath(context)}`,
};

/** Fills required-but-missing fields under `path` (see FILLERS); returns what it filled. */
function fillRequired(
  schema: unknown,
  value: unknown,
  context: FillContext,
  path: string[],
  shown = path.join('.')
): string[] {
  const filled: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) =>
      filled.push(...fillRequired(at(schema, 'items'), item, context, path, `${shown}[${i}]`))
    );
    return filled;
  }
  if (typeof value !== 'object' || value === null) return filled;
  const record = value as Record<string, unknown>;
  const required = at(schema, 'required');
  for (const key of Array.isArray(required) ? (required as string[]) : []) {
    if (record[key] !== undefined) continue;
    const filler = FILLERS[[...path, key].join('.')];
    const filling = filler?.(context);
    if (filling === undefined) continue;
    record[key] = filling;
    filled.push(`${shown}.${key} = ${JSON.stringify(record[key])}`);
  }
  const properties = at(schema, 'properties');
  for (const [key, inner] of Object.entries(record)) {
    const innerSchema = at(properties, key);
    if (innerSchema !== undefined) {
      filled.push(...fillRequired(innerSchema, inner, context, [...path, key], `${shown}.${key}`));
    }
  }
  return filled;
}

/**
 * Applies a scenario's objects in an order that has owners before the objects
 * they own (ownerReferences get the owners' real uids). `crds` are the CRDs
 * installed, used to tell which required fields the file leaves out.
 */
export async function applyScenario(
  kube: Kube,
  resources: Resources,
  manifests: Manifest[],
  crds: Manifest[]
): Promise<ScenarioResult> {
  const adaptations: string[] = [];
  const uids = new Map<string, string>(); // the file's uid → the live uid
  const liveUidByKey = new Map<string, string>();
  const keyString = (key: ObjectKey) =>
    `${key.apiVersion}|${key.kind}|${key.namespace ?? ''}|${key.name}`;
  const objects: Manifest[] = [];

  const namespaces = new Set(
    manifests.map(manifest => keyOf(manifest).namespace).filter((ns): ns is string => Boolean(ns))
  );
  for (const namespace of namespaces) await ensureNamespace(kube, namespace);

  const hasOwners = (manifest: Manifest) =>
    Array.isArray(at(manifest, 'metadata', 'ownerReferences'));
  const events = manifests.filter(manifest => at(manifest, 'kind') === 'Event');
  const others = manifests.filter(manifest => at(manifest, 'kind') !== 'Event');
  const ordered = [...others.filter(m => !hasOwners(m)), ...others.filter(hasOwners)];

  for (const manifest of ordered) {
    const key = keyOf(manifest);
    const label = describeKey(key);
    const spec = clone(manifest);
    delete spec.status;
    const metadata = spec.metadata as Record<string, unknown>;
    for (const field of SERVER_OWNED) {
      if (metadata[field] !== undefined && field !== 'generation' && field !== 'uid') {
        adaptations.push(`${label}: metadata.${field} is set by the server, not applied`);
      }
      delete metadata[field];
    }
    const owners = (metadata.ownerReferences as Record<string, unknown>[] | undefined) ?? [];
    for (const owner of owners) {
      const live =
        uids.get(String(owner.uid)) ??
        liveUidByKey.get(
          keyString({
            apiVersion: String(owner.apiVersion),
            kind: String(owner.kind),
            namespace: key.namespace,
            name: String(owner.name),
          })
        ) ??
        liveUidByKey.get(
          keyString({
            apiVersion: String(owner.apiVersion),
            kind: String(owner.kind),
            name: String(owner.name),
          })
        );
      if (!live)
        throw new Error(
          `${label}: owner ${String(owner.kind)}/${String(owner.name)} is not in the scenario`
        );
      owner.uid = live;
    }

    const context: FillContext = {
      kind: key.kind,
      namespace: key.namespace,
      name: key.name,
      labels: (metadata.labels as Record<string, string> | undefined) ?? {},
      status: manifest.status,
      manifests,
    };
    if (spec.spec !== undefined) {
      const filled = fillRequired(
        schemaOf(crds, key.apiVersion, key.kind, 'spec'),
        spec.spec,
        context,
        ['spec']
      );
      for (const line of filled) {
        adaptations.push(`${label}: the CRD requires a field the file leaves out: ${line}`);
      }
    }

    const path = await resources.path(key);
    const applied = await kube.apply(path, spec);
    const liveGeneration = Number(at(applied.body, 'metadata', 'generation') ?? 1);
    const liveUid = String(at(applied.body, 'metadata', 'uid'));
    liveUidByKey.set(keyString(key), liveUid);
    const fileUid = at(manifest, 'metadata', 'uid');
    if (typeof fileUid === 'string') uids.set(fileUid, liveUid);

    let live: Manifest = applied.body as Manifest;
    const status = manifest.status as Record<string, unknown> | undefined;
    if (status !== undefined) {
      if (!(await resources.hasStatus(key.apiVersion, key.kind))) {
        throw new Error(`${label}: has a status but its CRD has no /status subresource`);
      }
      const written = clone(status);
      // observedGeneration keeps its distance from the file's generation (equal stays equal, behind stays behind).
      const fileGeneration = Number(at(manifest, 'metadata', 'generation') ?? 1);
      const shift = liveGeneration - fileGeneration;
      if (typeof written.observedGeneration === 'number' && shift !== 0) {
        written.observedGeneration += shift;
        adaptations.push(
          `${label}: metadata.generation is ${liveGeneration} on the server (${fileGeneration} in the file): status.observedGeneration shifted by ${shift}`
        );
      }
      const conditions = Array.isArray(written.conditions)
        ? (written.conditions as Record<string, unknown>[])
        : [];
      for (const condition of conditions) {
        if (typeof condition.observedGeneration === 'number' && shift !== 0) {
          condition.observedGeneration += shift;
        }
      }
      const filled = fillRequired(
        schemaOf(crds, key.apiVersion, key.kind, 'status'),
        written,
        { ...context, status: written },
        ['status']
      );
      for (const line of filled) {
        adaptations.push(`${label}: the CRD requires a field the file leaves out: ${line}`);
      }
      const response = await kube.request(
        'PATCH',
        `${await resources.path(key, 'status')}?fieldValidation=Strict`,
        { body: { status: written }, contentType: 'application/merge-patch+json' }
      );
      live = response.body as Manifest;
    }
    objects.push(live);
  }

  for (const manifest of events) {
    const key = keyOf(manifest);
    const event = clone(manifest);
    const metadata = event.metadata as Record<string, unknown>;
    for (const field of SERVER_OWNED) delete metadata[field];
    const involved = event.involvedObject as Record<string, unknown> | undefined;
    if (involved && involved.uid === undefined) {
      // Controllers record the object's uid; the file cannot know it.
      const uid =
        liveUidByKey.get(
          keyString({
            apiVersion: String(involved.apiVersion),
            kind: String(involved.kind),
            namespace: typeof involved.namespace === 'string' ? involved.namespace : undefined,
            name: String(involved.name),
          })
        ) ?? undefined;
      if (uid) involved.uid = uid;
    }
    // Delete first, so that a second run against the same server creates it anew.
    await kube.request('DELETE', await resources.path(key), { check: false });
    const response = await kube.request('POST', await resources.collectionPath(key), {
      body: event,
      contentType: 'application/json',
    });
    objects.push(response.body as Manifest);
  }
  return { objects, adaptations };
}
