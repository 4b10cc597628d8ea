import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { asArray, asObject, asString } from '../model/json';
import { locatedError, messageOf } from './errors';
import { findJsonSyntaxError, lineAndColumn } from './jsonLocation';

/**
 * Snapshot files: what `kubectl get … -A -o json` writes (a `List`, or any
 * `*List`), a JSON array of objects, a single object, or multi-document YAML
 * whose documents may themselves be Lists. Objects may carry a `cluster` field.
 */

export interface SnapshotContents {
  objects: unknown[];
  /** Objects that are not Kubernetes objects (no kind or no metadata.name): skipped. */
  skipped: number;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function isList(object: Record<string, unknown>): boolean {
  const kind = asString(object.kind);
  return Array.isArray(object.items) && (kind === undefined || kind.endsWith('List'));
}

function isKubernetesObject(object: Record<string, unknown>): boolean {
  const metadata = asObject(object.metadata);
  return (
    typeof object.kind === 'string' &&
    object.kind !== '' &&
    typeof metadata?.name === 'string' &&
    metadata.name !== ''
  );
}

/**
 * Appends the objects a parsed value holds. A typed list (`GitRepositoryList`,
 * as the API server writes it) may omit each item's `kind` and `apiVersion`:
 * they are taken from the list. A list's `cluster` applies to items without one.
 */
export function collectObjects(
  value: unknown,
  out: SnapshotContents,
  where: () => string,
  inherited: { cluster?: string; kind?: string; apiVersion?: string } = {}
): void {
  if (value === null || value === undefined) return; // an empty YAML document
  if (Array.isArray(value)) {
    value.forEach((item, i) =>
      collectObjects(item, out, () => `${where()}, item ${i + 1}`, inherited)
    );
    return;
  }
  const object = asObject(value);
  if (!object)
    throw new TypeError(`${where()} is ${typeName(value)}, not a Kubernetes object, List or array`);
  if (isList(object)) {
    const listKind = asString(object.kind);
    const itemKind =
      listKind && listKind !== 'List' ? listKind.slice(0, -'List'.length) : undefined;
    const itemApiVersion =
      listKind && listKind !== 'List' ? asString(object.apiVersion) : undefined;
    const cluster = asString(object.cluster) ?? inherited.cluster;
    asArray(object.items).forEach((item, i) =>
      collectObjects(item, out, () => `${where()}, item ${i + 1}`, {
        cluster,
        kind: itemKind,
        apiVersion: itemApiVersion,
      })
    );
    return;
  }
  const filled: Record<string, unknown> = { ...object };
  if (filled.kind === undefined && inherited.kind) filled.kind = inherited.kind;
  if (filled.apiVersion === undefined && inherited.apiVersion)
    filled.apiVersion = inherited.apiVersion;
  if (filled.cluster === undefined && inherited.cluster !== undefined)
    filled.cluster = inherited.cluster;
  if (!isKubernetesObject(filled)) {
    out.skipped++;
    return;
  }
  out.objects.push(filled);
}

function looksLikeJson(file: string, text: string): boolean {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return true;
  if (extension === '.yaml' || extension === '.yml') return false;
  return /^\s*[[{]/.test(text);
}

function parseJson(text: string, file: string, out: SnapshotContents): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text);
    if (syntax) {
      const { line, column } = lineAndColumn(text, syntax.offset);
      throw locatedError(file, line, `invalid JSON: ${syntax.message} (column ${column})`);
    }
    throw locatedError(file, undefined, `invalid JSON: ${messageOf(error)}`);
  }
  try {
    collectObjects(value, out, () => 'the JSON value');
  } catch (error) {
    throw locatedError(file, undefined, messageOf(error));
  }
}

function parseYaml(text: string, file: string, out: SnapshotContents): void {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  for (const [i, document] of documents.entries()) {
    const error = document.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw locatedError(file, line, `invalid YAML: ${messageOf(error)} (column ${col})`);
    }
    // The line of the document's content (after any `---` and comments), else of the document.
    const line = lineOf(document.contents?.range?.[0] ?? document.range[0]);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      throw locatedError(file, line, `invalid YAML: ${messageOf(error)}`);
    }
    try {
      collectObjects(value, out, () => `document ${i + 1}`);
    } catch (error) {
      throw locatedError(file, line, messageOf(error));
    }
  }
}

/** Parses a snapshot text. Errors are InputErrors saying `FILE:LINE: message`. */
export function parseSnapshot(text: string, file: string): SnapshotContents {
  const out: SnapshotContents = { objects: [], skipped: 0 };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeJson(file, body)) parseJson(body, file, out);
  else parseYaml(body, file, out);
  return out;
}

/** Reads and parses one snapshot file; `-` is stdin. */
export function readSnapshot(file: string): SnapshotContents {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = asString(asObject(error)?.code);
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
        ? 'permission denied'
        : messageOf(error);
    throw locatedError(
      file === '-' ? '<stdin>' : file,
      undefined,
      `cannot read snapshot: ${reason}`
    );
  }
  return parseSnapshot(text, file === '-' ? '<stdin>' : file);
}
