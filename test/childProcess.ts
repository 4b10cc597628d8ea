import { spawn } from 'node:child_process';

/**
 * Runs a program to its end without blocking the test process: spawnSync would stop the test
 * worker's event loop for as long as the child runs (a plugin build, minutes on a loaded
 * machine), and vitest counts a worker that does not answer its RPC within 60 s as an error
 * ("Timeout calling onTaskUpdate") even when every test passes.
 */
export interface ProcessRun {
  /** The exit code; null when a signal ended it. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started. */
  error?: Error;
}

export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; input?: string; timeoutMs?: number }
): Promise<ProcessRun> {
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    let error: Error | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', failure => (error = failure));
    child.on('close', status => resolve({ status, stdout, stderr, ...(error ? { error } : {}) }));
    child.stdin.end(options.input ?? '');
  });
}
