import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main';

export const FIXTURES = resolve(__dirname, '../fixtures/cli');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** The objects of a multi-document YAML fixture, as plain JSON values. */
export function fixtureObjects(name: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(fixture(name), 'utf8'))
    .map(document => document.toJS() as unknown)
    .filter(
      (value): value is Record<string, unknown> => typeof value === 'object' && value !== null
    );
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** A temporary directory per test file; files written into it are removed afterwards. */
export function tempDir(): {
  write: (name: string, content: string) => string;
  path: (name: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'hfc-cli-'));
  return {
    write(name, content) {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    path: name => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The JSON diagnoses a run printed, narrowed to what the tests read. */
export interface DiagnosisJson {
  ruleId: string;
  severity: string;
  subject: { cluster?: string; apiVersion: string; kind: string; namespace?: string; name: string };
  title: string;
  explanation: string;
  evidence: Array<{ kind: string; text: string }>;
  causes?: Array<{
    cluster?: string;
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
  }>;
  actions: Array<{ label: string; kind: string; command?: string }>;
}

export function parseDiagnoses(stdout: string): DiagnosisJson[] {
  const value: unknown = JSON.parse(stdout);
  if (!Array.isArray(value)) throw new Error('JSON output is not an array');
  return value as DiagnosisJson[];
}
