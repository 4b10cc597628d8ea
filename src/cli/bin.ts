/**
 * The process around `main`: real stdout/stderr, the exit code, and a closed pipe
 * (`… | head`) that is not an error worth a stack trace. scripts/build-cli.mjs bundles
 * this file into dist-cli/headlamp-flux-crossplane.mjs, which bin/ runs.
 */
import { main } from './main';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
});
