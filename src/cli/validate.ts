import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { asObject, asString } from '../model/json';
import { Diagnosis, SEVERITY_RANK } from '../rules/index';
import { FileTree } from '../validate/files';
import { BOOTSTRAP_SOURCE } from '../validate/units';
import { RenderedUnit, ValidateReport, validateTree } from '../validate/validate';
import { FailOn, ValidateArgs } from './args';
import { inputError, locatedError, messageOf, PROGRAM } from './errors';
import { connect } from './kubeClient';
import { listKind } from './live';
import { formatTable } from './printTable';
import { openEngines } from './renderEngines';
import { parseSnapshot } from './snapshot';

/** The `validate` command: file system and cluster access around the pure validator (src/validate). */

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const CRD_TARGET = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A FileTree over a directory. `display` names files the way the user gave
 * the directory (`deploy/platform/x.yaml`). Directories listed in `exclude`
 * (absolute paths) are hidden: they are sources of their own.
 */
export function nodeFileTree(dir: string, exclude: readonly string[] = []): FileTree {
  const root = resolve(dir);
  const hidden = new Set(exclude.map(path => resolve(path)));
  const shown = dir.replace(/[\\/]+$/, '') || '.';
  const absolute = (path: string): string => (path ? join(root, ...path.split('/')) : root);
  return {
    list(path) {
      const target = absolute(path);
      if (hidden.has(target)) return undefined;
      try {
        return readdirSync(target, { withFileTypes: true })
          .filter(entry => !hidden.has(join(target, entry.name)))
          .flatMap(entry => {
            if (entry.isDirectory()) return [{ name: entry.name, type: 'dir' as const }];
            if (entry.isFile()) return [{ name: entry.name, type: 'file' as const }];
            if (entry.isSymbolicLink()) {
              const type = isDirectory(join(target, entry.name))
                ? ('dir' as const)
                : ('file' as const);
              return [{ name: entry.name, type }];
            }
            return [];
          });
      } catch {
        return undefined;
      }
    },
    read(path) {
      try {
        return readFileSync(absolute(path), 'utf8');
      } catch {
        return undefined;
      }
    },
    display(path) {
      if (!path) return shown;
      return shown === '.' ? path : `${shown}/${path}`;
    },
  };
}

function crdFiles(path: string): string[] {
  const stat = statSync(path);
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => {
      const child = join(path, entry.name);
      if (entry.name.startsWith('.')) return [];
      if (entry.isDirectory()) return crdFiles(child);
      return /\.(ya?ml|json)$/i.test(entry.name) ? [child] : [];
    });
}

function isCrd(object: unknown): boolean {
  const value = asObject(object);
  return (
    asString(value?.kind) === 'CustomResourceDefinition' &&
    (asString(value?.apiVersion) ?? '').startsWith('apiextensions.k8s.io/')
  );
}

/** CRDs from files and directories (a directory is read recursively; `kubectl get crd -o yaml` Lists work). */
export function loadCrdFiles(paths: readonly string[]): Array<{ object: unknown; origin: string }> {
  const crds: Array<{ object: unknown; origin: string }> = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = crdFiles(path);
    } catch (error) {
      const code = asString(asObject(error)?.code);
      throw locatedError(
        path,
        undefined,
        `cannot read --crds: ${code === 'ENOENT' ? 'no such file or directory' : messageOf(error)}`
      );
    }
    const before = crds.length;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw locatedError(file, undefined, `cannot read --crds: ${messageOf(error)}`);
      }
      for (const object of parseSnapshot(text, file).objects) {
        if (isCrd(object)) crds.push({ object, origin: file });
      }
    }
    if (crds.length === before)
      throw inputError(`--crds ${path} holds no CustomResourceDefinition`);
  }
  return crds;
}

/** The CRDs of a live cluster (one list request). */
export async function loadLiveCrds(
  kubeconfig: string | undefined,
  context: string | undefined
): Promise<Array<{ object: unknown; origin: string }>> {
  const client = await connect({ kubeconfig, context });
  const result = await listKind(client, client.context, CRD_TARGET);
  if ('gap' in result) {
    throw inputError(
      `cannot list CustomResourceDefinitions in cluster "${client.context}" at ${client.server}: ${result.gap.message}`
    );
  }
  return result.items.map(object => ({ object, origin: `cluster ${client.context}` }));
}

/** Which renderer rendered each unit (one line per unit). */
export function formatRenderers(units: readonly RenderedUnit[]): string {
  if (units.length === 0) return '';
  const lines = units.map(unit => {
    const where = unit.cluster ? `${unit.cluster}: ` : '';
    const how = unit.engineError
      ? `${unit.renderer} (the real engine failed: see FLUX-INVALID-MANIFESTS)`
      : unit.refusals.length
      ? `${unit.renderer}, not rendered exactly (${unit.refusals.length} reason(s), see VISIBILITY)`
      : unit.renderer;
    return `  ${where}${unit.id}: ${how}\n`;
  });
  return `Rendered by:\n${lines.join('')}`;
}

function failing(diagnoses: readonly Diagnosis[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return diagnoses.some(diagnosis => SEVERITY_RANK[diagnosis.severity] <= SEVERITY_RANK[failOn]);
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return (
    path === '' || (!path.startsWith('..') && !path.startsWith(sep) && !/^[a-zA-Z]:/.test(path))
  );
}

export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  if (!isDirectory(args.dir)) throw inputError(`${args.dir} is not a directory`);
  for (const source of args.sources) {
    if (!isDirectory(source.dir))
      throw inputError(`--source ${source.key}=${source.dir}: ${source.dir} is not a directory`);
  }
  const crds = loadCrdFiles(args.crds);
  if (args.live) crds.push(...(await loadLiveCrds(args.live.kubeconfig, args.live.context)));

  // A source checked out inside the tree is read as that source, not as part of the tree.
  const root = resolve(args.dir);
  const nested = args.sources
    .map(source => resolve(source.dir))
    .filter(dir => isInside(dir, root) && dir !== root);
  const engines = openEngines(args.renderer, [
    { key: BOOTSTRAP_SOURCE, dir: args.dir },
    ...args.sources,
  ]);
  let report: ValidateReport;
  try {
    report = validateTree({
      root: nodeFileTree(args.dir, nested),
      sources: args.sources.map(source => ({ key: source.key, tree: nodeFileTree(source.dir) })),
      crds,
      keyObjects: args.keyObjects,
      engine: engines.engine,
    });
  } finally {
    engines.close();
  }
  const renderers = formatRenderers(report.units);
  if (report.files === 0) io.stderr(`${PROGRAM}: warning: ${args.dir} holds no YAML files\n`);
  if (args.output === 'json') {
    io.stdout(`${JSON.stringify(report.diagnoses, null, 2)}\n`);
  } else {
    const clusters = report.clusters.length ? `; clusters: ${report.clusters.join(', ')}` : '';
    io.stdout(
      `Validated ${args.dir}: ${report.files} YAML file(s), ${report.objects} object(s) rendered${clusters}; ${crds.length} CRD(s).\n${renderers}\n`
    );
    io.stdout(formatTable(report.diagnoses));
  }
  return failing(report.diagnoses, args.failOn) ? 1 : 0;
}
