import { asArray, asBoolean, asNumber, asObject, asString, field, JsonObject } from '../model/json';
import { hasPlaceholder } from './substitute';

/**
 * Structural-schema validation of custom resources against the
 * `openAPIV3Schema` of their CRD, with the semantics of the API server and of
 * server-side apply with strict field validation (what Flux uses):
 *
 * - `type` (object, array, string, integer, number, boolean), `nullable`
 *   (a null in a non-nullable field is dropped, as the API server prunes it);
 * - `properties`, `required`, `additionalProperties` (schema or boolean),
 *   unknown fields are errors unless `x-kubernetes-preserve-unknown-fields`;
 * - `items`, `enum`, `pattern`, `format` is not checked, `minimum`/`maximum`
 *   (and exclusive), `minLength`/`maxLength`, `minItems`/`maxItems`,
 *   `minProperties`/`maxProperties`, `uniqueItems`;
 * - `x-kubernetes-int-or-string`, `x-kubernetes-embedded-resource`;
 * - `oneOf`/`anyOf`/`allOf`/`not` as value validations (they never make a
 *   field known or unknown).
 * CEL rules (`x-kubernetes-validations`) are not evaluated: that needs the API
 * server (see the server-side dry-run stage). Strings that still hold a
 * `${var}` left for Flux's `substituteFrom` are not checked.
 */

export type Path = Array<string | number>;

export interface SchemaError {
  path: Path;
  message: string;
}

type Schema = JsonObject;

export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text || '(root)';
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return String(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return asObject(value) !== undefined;
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    default:
      return true;
  }
}

const regexCache = new Map<string, RegExp | null>();
function compile(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      try {
        regex = new RegExp(pattern);
      } catch {
        regex = null; // an RE2 construct JavaScript does not know: not checked
      }
    }
    regexCache.set(pattern, regex);
  }
  return regexCache.get(pattern) ?? null;
}

interface Context {
  errors: SchemaError[];
  /** Unknown-field checks: off inside oneOf/anyOf/allOf/not branches. */
  strict: boolean;
}

function validateNode(schema: Schema, value: unknown, path: Path, context: Context): void {
  const errors = context.errors;
  const at = formatPath(path);
  if (value === null) {
    // The API server drops nulls of non-nullable fields; `required` is checked by the parent.
    return;
  }
  if (typeof value === 'string' && hasPlaceholder(value)) return;

  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  const type = asString(schema.type);
  if (intOrString) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      errors.push({
        path,
        message: `${at}: Invalid value: ${describeValue(
          value
        )}: ${at} in body must be of type integer or string`,
      });
      return;
    }
  } else if (type && !typeMatches(type, value)) {
    errors.push({
      path,
      message: `${at}: Invalid value: ${describeValue(
        value
      )}: ${at} in body must be of type ${type}${
        type !== typeOf(value) ? `, not ${typeOf(value)}` : ''
      }`,
    });
    return;
  }

  const enumValues = asArray(schema.enum);
  if (
    enumValues.length &&
    !enumValues.some(item => JSON.stringify(item) === JSON.stringify(value))
  ) {
    errors.push({
      path,
      message: `${at}: Unsupported value: ${describeValue(value)}: supported values: ${enumValues
        .map(item => JSON.stringify(item))
        .join(', ')}`,
    });
  }

  if (typeof value === 'string') {
    const pattern = asString(schema.pattern);
    const regex = pattern !== undefined ? compile(pattern) : null;
    if (regex && !regex.test(value))
      errors.push({
        path,
        message: `${at}: Invalid value: ${describeValue(
          value
        )}: ${at} in body should match '${pattern}'`,
      });
    const maxLength = asNumber(schema.maxLength);
    const minLength = asNumber(schema.minLength);
    if (maxLength !== undefined && [...value].length > maxLength)
      errors.push({
        path,
        message: `${at}: Too long: may not be more than ${maxLength} bytes`,
      });
    if (minLength !== undefined && [...value].length < minLength)
      errors.push({
        path,
        message: `${at}: Invalid value: ${describeValue(
          value
        )}: ${at} in body should be at least ${minLength} chars long`,
      });
  }

  if (typeof value === 'number') {
    const minimum = asNumber(schema.minimum);
    const maximum = asNumber(schema.maximum);
    const exclusiveMin = schema.exclusiveMinimum === true;
    const exclusiveMax = schema.exclusiveMaximum === true;
    if (minimum !== undefined && (exclusiveMin ? value <= minimum : value < minimum))
      errors.push({
        path,
        message: `${at}: Invalid value: ${value}: ${at} in body should be greater than ${
          exclusiveMin ? '' : 'or equal to '
        }${minimum}`,
      });
    if (maximum !== undefined && (exclusiveMax ? value >= maximum : value > maximum))
      errors.push({
        path,
        message: `${at}: Invalid value: ${value}: ${at} in body should be less than ${
          exclusiveMax ? '' : 'or equal to '
        }${maximum}`,
      });
  }

  if (Array.isArray(value)) {
    const maxItems = asNumber(schema.maxItems);
    const minItems = asNumber(schema.minItems);
    if (maxItems !== undefined && value.length > maxItems)
      errors.push({
        path,
        message: `${at}: Too many: ${value.length}: must have at most ${maxItems} items`,
      });
    if (minItems !== undefined && value.length < minItems)
      errors.push({
        path,
        message: `${at}: Invalid value: ${value.length}: ${at} in body should have at least ${minItems} items`,
      });
    if (schema.uniqueItems === true) {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const key = JSON.stringify(item);
        if (seen.has(key))
          errors.push({
            path: [...path, i],
            message: `${formatPath([...path, i])}: Duplicate value: ${key}`,
          });
        seen.add(key);
      });
    }
    const items = asObject(schema.items);
    if (items) value.forEach((item, i) => validateNode(items, item, [...path, i], context));
  }

  const object = asObject(value);
  if (object) {
    const properties = asObject(schema.properties);
    const additional = schema.additionalProperties;
    const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
    const embedded = schema['x-kubernetes-embedded-resource'] === true;
    for (const key of asArray(schema.required)) {
      if (typeof key !== 'string') continue;
      if (object[key] === undefined || object[key] === null)
        errors.push({
          path: [...path, key],
          message: `${formatPath([...path, key])}: Required value`,
        });
    }
    for (const [key, child] of Object.entries(object)) {
      const childPath = [...path, key];
      const childSchema = asObject(properties?.[key]);
      if (childSchema) {
        validateNode(childSchema, child, childPath, context);
        continue;
      }
      if (embedded && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
      const additionalSchema = asObject(additional);
      if (additionalSchema) {
        validateNode(additionalSchema, child, childPath, context);
        continue;
      }
      if (additional === true || preserve || !context.strict) continue;
      if (properties || additional === false || type === 'object')
        errors.push({
          path: childPath,
          message: `unknown field "${formatPath(childPath)}"`,
        });
    }
    const maxProperties = asNumber(schema.maxProperties);
    const minProperties = asNumber(schema.minProperties);
    const count = Object.keys(object).length;
    if (maxProperties !== undefined && count > maxProperties)
      errors.push({
        path,
        message: `${at}: Too many: ${count}: must have at most ${maxProperties} items`,
      });
    if (minProperties !== undefined && count < minProperties)
      errors.push({
        path,
        message: `${at}: Invalid value: ${count}: ${at} in body should have at least ${minProperties} properties`,
      });
  }

  // Value validations: branches are evaluated without unknown-field checks.
  const branch = (sub: Schema): SchemaError[] => {
    const inner: Context = { errors: [], strict: false };
    validateNode(sub, value, path, inner);
    return inner.errors;
  };
  const oneOf = asArray(schema.oneOf)
    .map(asObject)
    .filter((s): s is Schema => Boolean(s));
  if (oneOf.length) {
    const passing = oneOf.filter(sub => branch(sub).length === 0).length;
    if (passing !== 1)
      errors.push({
        path,
        message: `${at}: Invalid value: ${describeValue(
          value
        )}: ${at} in body must match exactly one schema in oneOf${
          passing > 1 ? ` (matches ${passing})` : ''
        }`,
      });
  }
  const anyOf = asArray(schema.anyOf)
    .map(asObject)
    .filter((s): s is Schema => Boolean(s));
  if (anyOf.length && !anyOf.some(sub => branch(sub).length === 0))
    errors.push({
      path,
      message: `${at}: Invalid value: ${describeValue(
        value
      )}: ${at} in body must match at least one schema in anyOf`,
    });
  for (const sub of asArray(schema.allOf).map(asObject)) {
    if (sub) for (const error of branch(sub)) errors.push(error);
  }
  const not = asObject(schema.not);
  if (not && branch(not).length === 0)
    errors.push({
      path,
      message: `${at}: Invalid value: ${describeValue(
        value
      )}: ${at} in body should not match the schema in not`,
    });
}

/** Validates a value against a structural schema; returns every error found, in document order. */
export function validateAgainstSchema(
  schema: unknown,
  value: unknown,
  path: Path = []
): SchemaError[] {
  const object = asObject(schema);
  if (!object) return [];
  const context: Context = { errors: [], strict: true };
  validateNode(object, value, path, context);
  return context.errors;
}

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
    const group = asString(field(xrd, 'spec', 'group'));
    const kind = asString(field(xrd, 'spec', 'names', 'kind'));
    if (!group || !kind) return;
    const isV1 = apiVersion.endsWith('/v1');
    const scope = asString(field(xrd, 'spec', 'scope')) ?? (isV1 ? 'LegacyCluster' : 'Namespaced');
    const legacy = scope === 'LegacyCluster';
    const versions = versionsOf(field(xrd, 'spec', 'versions')).map(version => ({
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
        plural: asString(field(xrd, 'spec', 'names', 'plural')) ?? `${kind.toLowerCase()}s`,
        namespaced: scope === 'Namespaced',
        versions,
        origin,
        xrd: { name, role: 'composite', legacy },
      });
    const claimKind = asString(field(xrd, 'spec', 'claimNames', 'kind'));
    if (claimKind && !this.kinds.has(SchemaRegistry.key(group, claimKind)))
      this.kinds.set(SchemaRegistry.key(group, claimKind), {
        group,
        kind: claimKind,
        plural:
          asString(field(xrd, 'spec', 'claimNames', 'plural')) ?? `${claimKind.toLowerCase()}s`,
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
