import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FileTree } from '../../src/validate/files';
import { DiagnosisJson, parseDiagnoses, runCli } from '../cli/helpers';

/** The real upstream CRDs (Flux, Crossplane, provider-nop), kept in test/fixtures/crds. */
export const UPSTREAM_CRDS = resolve(__dirname, '../fixtures/crds');
export const REPO = resolve(__dirname, '../..');
export const CASES = resolve(__dirname, '../fixtures/validate');

export function caseDir(name: string): string {
  const dir = join(CASES, name);
  if (!existsSync(dir)) throw new Error(`no fixture ${dir}`);
  return dir;
}

export interface ValidateRun {
  code: number;
  stdout: string;
  stderr: string;
  diagnoses: DiagnosisJson[];
}

/**
 * `validate DIR --crds test/fixtures/crds --output json --renderer builtin` plus extra arguments
 * (the built-in renderer: what a tool on this machine's PATH renders is test/engines' concern).
 */
export async function validateJson(dir: string, extra: string[] = []): Promise<ValidateRun> {
  const run = await runCli([
    'validate',
    dir,
    '--crds',
    UPSTREAM_CRDS,
    '--output',
    'json',
    '--renderer',
    'builtin',
    ...extra,
  ]);
  return { ...run, diagnoses: run.code === 2 ? [] : parseDiagnoses(run.stdout) };
}

/** An in-memory FileTree: paths to contents; directories are implied. */
export function memoryTree(files: Record<string, string>, shownAs = 'repo'): FileTree {
  const normalized = new Map(
    Object.entries(files).map(([path, text]) => [path.replace(/^\.\//, ''), text])
  );
  return {
    list(dir) {
      const prefix = dir ? `${dir}/` : '';
      const entries = new Map<string, 'file' | 'dir'>();
      for (const path of normalized.keys()) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash < 0) entries.set(rest, 'file');
        else entries.set(rest.slice(0, slash), 'dir');
      }
      if (entries.size === 0 && dir !== '') return undefined;
      return [...entries].map(([name, type]) => ({ name, type }));
    },
    read(path) {
      return normalized.get(path);
    },
    display(path) {
      return path ? `${shownAs}/${path}` : shownAs;
    },
  };
}

/** Diagnoses other than the expected rule ids that are not just informational. */
export function unexpected(diagnoses: DiagnosisJson[], expected: string[]): DiagnosisJson[] {
  return diagnoses.filter(
    diagnosis => diagnosis.severity !== 'info' && !expected.includes(diagnosis.ruleId)
  );
}
