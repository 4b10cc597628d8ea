/**
 * Total accessors for untrusted JSON. Every function accepts any value and
 * never throws: a missing or mistyped field reads as `undefined` (or an empty
 * collection), so the model can walk malformed objects without guards.
 */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Reads a nested field: `field(obj, 'spec', 'sourceRef', 'name')`. */
export function field(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const object = asObject(current);
    if (!object || !Object.prototype.hasOwnProperty.call(object, key)) return undefined;
    current = object[key];
  }
  return current;
}

export function stringField(value: unknown, ...path: string[]): string | undefined {
  return asString(field(value, ...path));
}

const EMPTY_MAP: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A map of string to string (labels, annotations); non-string values are
 * dropped. When every value is already a string the object itself is
 * returned (read-only by contract), so well-formed objects cost no copy.
 */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  const object = asObject(value);
  if (!object) return EMPTY_MAP;
  let clean = true;
  for (const key in object) {
    if (typeof object[key] !== 'string' || !Object.prototype.hasOwnProperty.call(object, key)) {
      clean = false;
      break;
    }
  }
  if (clean) return object as Record<string, string>;
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(object)) {
    if (typeof entry === 'string') result[key] = entry;
  }
  return result;
}

/** Parses a Kubernetes duration such as `5m`, `1h30m`, `300ms`, `10s`. */
export function parseDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const pattern = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * units[match[2]];
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

export function parseTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}
