import { definedKinds, writtenScopeOf, xrdVersionsOf } from '../model/crossplaneSpec';
import { asArray, asBoolean, asObject, asString, field, JsonObject } from '../model/json';
import { describeValue, SchemaError } from './structuralSchema';
import { hasPlaceholder } from './substitute';

export type { Path, SchemaError } from './structuralSchema';
export { formatPath, validateAgainstSchema } from './structuralSchema';

/** The schemas of the kinds a cluster serves (CRDs and the fixed Crossplane fields); structural validation is in structuralSchema.ts. */

type Schema = JsonObject;

/** One served (or not) version of a kind. */
export interface KindVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  schema?: Schema;
  /** XRD versions: whether a Composition may reference it. */
  referenceable?: boolean;
}

export interface KindSchema {
  group: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  versions: KindVersion[];
  /** Where the definition came from: a CRD file, a live cluster, or an XRD of the tree. */
  origin: string;
  /** Set for kinds an XRD defines. */
  xrd?: { name: string; role: 'composite' | 'claim'; legacy: boolean };
}

/** Fields Crossplane adds to every XR and claim schema; accepted whatever the XRD's own schema says. */
const CROSSPLANE_SPEC_FIELDS = [
  'crossplane',
  'compositionRef',
  'compositionSelector',
  'compositionRevisionRef',
  'compositionRevisionSelector',
  'compositionUpdatePolicy',
  'compositeDeletePolicy',
  'resourceRef',
  'resourceRefs',
  'claimRef',
  'writeConnectionSecretToRef',
  'publishConnectionDetailsTo',
  'environmentConfigRefs',
];

function xrSchema(own: Schema | undefined): Schema {
  const spec = asObject(field(own, 'properties', 'spec')) ?? { type: 'object' };
  const specProperties: JsonObject = { ...(asObject(spec.properties) ?? {}) };
  for (const name of CROSSPLANE_SPEC_FIELDS)
    if (!(name in specProperties))
      specProperties[name] = { 'x-kubernetes-preserve-unknown-fields': true };
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: { ...spec, type: 'object', properties: specProperties },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
}

function versionsOf(value: unknown): KindVersion[] {
  return asArray(value).flatMap(item => {
    const name = asString(field(item, 'name'));
    if (!name) return [];
    const version: KindVersion = {
      name,
      served: asBoolean(field(item, 'served')) ?? false,
      storage: asBoolean(field(item, 'storage')) ?? false,
      deprecated: asBoolean(field(item, 'deprecated')) ?? false,
    };
    const warning = asString(field(item, 'deprecationWarning'));
    if (warning) version.deprecationWarning = warning;
    const schema = asObject(field(item, 'schema', 'openAPIV3Schema'));
    if (schema) version.schema = schema;
    const referenceable = asBoolean(field(item, 'referenceable'));
    if (referenceable !== undefined) version.referenceable = referenceable;
    return [version];
  });
}

/** Definitions known to the validator: CRDs given on the command line or read from a cluster, and CRDs and XRDs found in the tree. */
export class SchemaRegistry {
  private readonly kinds = new Map<string, KindSchema>();
  private readonly groups = new Set<string>();

  private static key(group: string, kind: string): string {
    return `${group}|${kind}`;
  }

  /** Adds a CustomResourceDefinition; the first definition of a kind wins. Returns false when it is not one. */
  addCrd(crd: unknown, origin: string): boolean {
    const group = asString(field(crd, 'spec', 'group'));
    const kind = asString(field(crd, 'spec', 'names', 'kind'));
    if (!group || !kind) return false;
    this.groups.add(group);
    const key = SchemaRegistry.key(group, kind);
    if (this.kinds.has(key)) return true;
    const shared = asObject(field(crd, 'spec', 'validation', 'openAPIV3Schema'));
    const versions = versionsOf(field(crd, 'spec', 'versions')).map(version =>
      version.schema || !shared ? version : { ...version, schema: shared }
    );
    this.kinds.set(key, {
      group,
      kind,
      plural: asString(field(crd, 'spec', 'names', 'plural')) ?? `${kind.toLowerCase()}s`,
      namespaced: asString(field(crd, 'spec', 'scope')) !== 'Cluster',
      versions,
      origin,
    });
    return true;
  }

  /** Adds the XR kind (and the claim kind of a legacy XRD) an XRD defines. */
  addXrd(xrd: unknown, apiVersion: string, origin: string): void {
    const name = asString(field(xrd, 'metadata', 'name')) ?? '';
    const { group, kind, plural, claimKind, claimPlural } = definedKinds(xrd);
    if (!group || !kind) return;
    const isV1 = apiVersion.endsWith('/v1');
    const scope = writtenScopeOf(xrd) ?? (isV1 ? 'LegacyCluster' : 'Namespaced');
    const legacy = scope === 'LegacyCluster';
    const versions = versionsOf(xrdVersionsOf(xrd)).map(version => ({
      ...version,
      schema: xrSchema(version.schema),
    }));
    // An XRD version is the storage version when it is the referenceable one.
    for (const version of versions) version.storage = version.referenceable === true;
    this.groups.add(group);
    const compositeKey = SchemaRegistry.key(group, kind);
    if (!this.kinds.has(compositeKey))
      this.kinds.set(compositeKey, {
        group,
        kind,
        plural: plural ?? `${kind.toLowerCase()}s`,
        namespaced: scope === 'Namespaced',
        versions,
        origin,
        xrd: { name, role: 'composite', legacy },
      });
    if (claimKind && !this.kinds.has(SchemaRegistry.key(group, claimKind)))
      this.kinds.set(SchemaRegistry.key(group, claimKind), {
        group,
        kind: claimKind,
        plural: claimPlural ?? `${claimKind.toLowerCase()}s`,
        namespaced: true,
        versions,
        origin,
        xrd: { name, role: 'claim', legacy },
      });
  }

  get(group: string, kind: string): KindSchema | undefined {
    return this.kinds.get(SchemaRegistry.key(group, kind));
  }

  /** Whether any definition of the group is known (a kind missing from a known group is a typo, not a gap). */
  knowsGroup(group: string): boolean {
    return this.groups.has(group);
  }

  kindsOfGroup(group: string): string[] {
    return [...this.kinds.values()].filter(kind => kind.group === group).map(kind => kind.kind);
  }

  get size(): number {
    return this.kinds.size;
  }
}

/** Fields of ObjectMeta a manifest may carry. */
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'finalizers',
  'ownerReferences',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Checks of `metadata` the API server makes for every custom resource. */
export function validateObjectMeta(value: unknown, customResource: boolean): SchemaError[] {
  const errors: SchemaError[] = [];
  const metadata = asObject(field(value, 'metadata'));
  if (!metadata) {
    errors.push({ path: ['metadata'], message: 'metadata: Required value' });
    return errors;
  }
  for (const key of Object.keys(metadata)) {
    if (!OBJECT_META_FIELDS.has(key))
      errors.push({ path: ['metadata', key], message: `unknown field "metadata.${key}"` });
  }
  for (const map of ['labels', 'annotations']) {
    const entries = metadata[map];
    if (entries === undefined || entries === null) continue;
    const object = asObject(entries);
    if (!object) {
      errors.push({
        path: ['metadata', map],
        message: `metadata.${map}: Invalid value: must be a map of strings`,
      });
      continue;
    }
    for (const [key, entry] of Object.entries(object)) {
      if (typeof entry !== 'string' && !(entry === null))
        errors.push({
          path: ['metadata', map, key],
          message: `metadata.${map}.${key}: Invalid value: ${describeValue(
            entry
          )}: must be a string (quote it in YAML)`,
        });
    }
  }
  const name = metadata.name;
  if (typeof name !== 'string' || name === '') {
    if (typeof metadata.generateName !== 'string')
      errors.push({ path: ['metadata', 'name'], message: 'metadata.name: Required value' });
  } else if (customResource && !hasPlaceholder(name)) {
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name))
      errors.push({
        path: ['metadata', 'name'],
        message: `metadata.name: Invalid value: ${JSON.stringify(
          name
        )}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      });
  }
  return errors;
}
