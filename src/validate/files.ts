import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';

/**
 * The files of one source (a Git checkout) as the validator reads them. Paths
 * are POSIX, relative to the source root, without a leading `./` (`''` is the
 * root). The validator never touches the disk itself: the CLI hands it a tree
 * backed by the file system, tests may hand it anything.
 */
export interface FileTree {
  /** The directory's entries, or undefined when it is not a directory. */
  list(dir: string): Array<{ name: string; type: 'file' | 'dir' }> | undefined;
  /** The file's text, or undefined when it is not a readable file. */
  read(file: string): string | undefined;
  /** How to name a path of this tree to a person (e.g. relative to the working directory). */
  display(path: string): string;
}

/** A Flux source the validator can read locally. */
export interface Source {
  /** `GitRepository/flux-system/flux-system`, or another `KIND/NS/NAME`. */
  key: string;
  tree: FileTree;
}

/** Where something is: the file (as displayed) and 1-based line. */
export interface Location {
  file: string;
  line?: number;
}

/** One YAML document of a file. */
export interface ManifestDoc {
  source: Source;
  /** Path in the source. */
  path: string;
  /** 0-based index of the document in the file. */
  index: number;
  /** Line of the document's content. */
  line: number;
  value: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export interface ParsedFile {
  source: Source;
  path: string;
  docs: ManifestDoc[];
  /** The first syntax error, with its line and column. */
  error?: { line: number; column: number; message: string };
}

export const YAML_EXTENSIONS = ['.yaml', '.yml'];

export function isYamlFile(name: string): boolean {
  const lower = name.toLowerCase();
  return YAML_EXTENSIONS.some(extension => lower.endsWith(extension));
}

/** Joins and normalizes POSIX paths; `undefined` when the result leaves the root. */
export function joinPath(...parts: string[]): string | undefined {
  const out: string[] = [];
  for (const part of parts) {
    for (const segment of part.split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.length === 0) return undefined;
        out.pop();
        continue;
      }
      out.push(segment);
    }
  }
  return out.join('/');
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Parses a YAML text into documents with their lines; a syntax error stops at the first one. */
export function parseYamlText(source: Source, path: string, text: string): ParsedFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(body, { lineCounter, prettyErrors: false });
  const parsed: ParsedFile = { source, path, docs: [] };
  for (const [index, document] of documents.entries()) {
    const error = document.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      parsed.error = { line, column: col, message: oneLine(error.message) };
      return parsed;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (caught) {
      const line = lineCounter.linePos(document.range[0]).line;
      parsed.error = {
        line,
        column: 1,
        message: oneLine(caught instanceof Error ? caught.message : String(caught)),
      };
      return parsed;
    }
    if (value === null || value === undefined) continue; // an empty document
    const start = document.contents?.range?.[0] ?? document.range[0];
    parsed.docs.push({
      source,
      path,
      index,
      line: lineCounter.linePos(start).line,
      value,
      document,
      lineCounter,
    });
  }
  return parsed;
}

/**
 * The line of a field inside a document: the key's line for a map entry, the
 * item's line for a list index. A path that does not exist in the source (a
 * patch added it) gives the line of its deepest existing ancestor.
 */
export function lineOfPath(doc: ManifestDoc, path: ReadonlyArray<string | number>): number {
  let node: unknown = doc.document.contents;
  let line = doc.line;
  const lineAt = (target: Node | undefined | null): number | undefined =>
    target?.range ? doc.lineCounter.linePos(target.range[0]).line : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        item => isScalar(item.key) && String(item.key.value) === String(segment)
      );
      if (!pair) return line;
      line = lineAt(pair.key as Node) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) return line;
      line = lineAt(item as Node) ?? line;
      node = item;
    } else {
      return line;
    }
  }
  return line;
}

/** Deeper than this is a symlink loop, not a repository layout. */
export const MAX_DEPTH = 32;

/** Every YAML file of a tree, depth first in name order; hidden entries and node_modules are skipped. */
export function listYamlFiles(tree: FileTree, dir = ''): string[] {
  const files: string[] = [];
  if (dir.split('/').length > MAX_DEPTH) return files;
  const entries = tree.list(dir) ?? [];
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.type === 'dir') files.push(...listYamlFiles(tree, path));
    else if (isYamlFile(entry.name)) files.push(path);
  }
  return files;
}

/** Parses files once per source and path. */
export class FileCache {
  private readonly parsed = new Map<string, ParsedFile | null>();

  get(source: Source, path: string): ParsedFile | undefined {
    const key = `${source.key}\u0000${path}`;
    if (this.parsed.has(key)) return this.parsed.get(key) ?? undefined;
    const text = source.tree.read(path);
    const result = text === undefined ? undefined : parseYamlText(source, path, text);
    this.parsed.set(key, result ?? null);
    return result;
  }

  /** Every file parsed so far. */
  all(): ParsedFile[] {
    return [...this.parsed.values()].filter((file): file is ParsedFile => file !== null);
  }
}

export function locationOf(doc: ManifestDoc, path?: ReadonlyArray<string | number>): Location {
  return {
    file: doc.source.tree.display(doc.path),
    line: path ? lineOfPath(doc, path) : doc.line,
  };
}

export function formatLocation(location: Location): string {
  return location.line === undefined ? location.file : `${location.file}:${location.line}`;
}
