import { execFile } from 'node:child_process';
import { CLI, REPO_ROOT } from './env';

/** Runs the real command line (`node bin/headlamp-flux-crossplane.mjs …`) as a user would. */

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): Promise<CliRun> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: REPO_ROOT, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      }
    );
  });
}

export interface Diagnosis {
  ruleId: string;
  severity: string;
  subject: {
    apiVersion?: string;
    kind: string;
    namespace?: string;
    name: string;
    cluster?: string;
  };
  title: string;
  causes?: Array<{ kind: string; namespace?: string; name: string }>;
  [key: string]: unknown;
}

/** `diagnose --output json`: the diagnoses, or a failure that shows the CLI's own words. */
export async function diagnoseJson(
  args: string[]
): Promise<{ run: CliRun; diagnoses: Diagnosis[] }> {
  const run = await runCli(['diagnose', '--output', 'json', '--fail-on', 'never', ...args]);
  if (run.code !== 0) {
    throw new Error(`diagnose ${args.join(' ')} exited ${run.code}: ${run.stderr || run.stdout}`);
  }
  return { run, diagnoses: JSON.parse(run.stdout) as Diagnosis[] };
}

/**
 * What a live read adds to what a snapshot of the same objects gives: the
 * context as each object's `cluster`, `--context NAME` in suggested commands
 * and `(cluster NAME)` after link targets. Removed, so the two compare equal.
 */
export function withoutContext(text: string): string {
  return text.replace(/ --context \S+/g, '').replace(/ \(cluster [^)]+\)/g, '');
}

/** A copy without `cluster` fields and context names (see withoutContext). */
export function withoutCluster<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, inner: unknown) =>
      key === 'cluster' ? undefined : typeof inner === 'string' ? withoutContext(inner) : inner
    )
  ) as T;
}

export function subjectText(diagnosis: Diagnosis): string {
  const subject = diagnosis.subject;
  return `${diagnosis.ruleId} ${subject.kind}/${subject.namespace ? `${subject.namespace}/` : ''}${
    subject.name
  }`;
}
