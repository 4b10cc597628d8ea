import { asArray, asNumber, asObject, asString, JsonObject } from '../model/json';
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

export function describeValue(value: unknown): string {
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

interface Node {
  schema: Schema;
  value: unknown;
  path: Path;
  /** The path as messages print it. */
  at: string;
  context: Context;
}

function validateNode(schema: Schema, value: unknown, path: Path, context: Context): void {
  if (value === null) {
    // The API server drops nulls of non-nullable fields; `required` is checked by the parent.
    return;
  }
  if (typeof value === 'string' && hasPlaceholder(value)) return;
  const node: Node = { schema, value, path, at: formatPath(path), context };
  if (!checkType(node)) return;
  checkEnum(node);
  if (typeof value === 'string') checkString(node, value);
  if (typeof value === 'number') checkNumber(node, value);
  if (Array.isArray(value)) checkArray(node, value);
  const object = asObject(value);
  if (object) checkObject(node, object);
  checkCombinators(node);
}

/** `type` and `x-kubernetes-int-or-string`; false when the value has the wrong type (nothing else is checked then). */
function checkType(node: Node): boolean {
  const { schema, value, path, at, context } = node;
  const errors = context.errors;
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
      return false;
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
    return false;
  }
  return true;
}

function checkEnum(node: Node): void {
  const { schema, value, path, at, context } = node;
  const errors = context.errors;
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
}

function checkString(node: Node, value: string): void {
  const { schema, path, at, context } = node;
  const errors = context.errors;
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

function checkNumber(node: Node, value: number): void {
  const { schema, path, at, context } = node;
  const errors = context.errors;
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

function checkArray(node: Node, value: unknown[]): void {
  const { schema, path, at, context } = node;
  const errors = context.errors;
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

function checkObject(node: Node, object: JsonObject): void {
  const { schema, path, at, context } = node;
  const errors = context.errors;
  const type = asString(schema.type);
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

/** oneOf/anyOf/allOf/not as value validations. */
function checkCombinators(node: Node): void {
  const { schema, value, path, at, context } = node;
  const errors = context.errors;
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
