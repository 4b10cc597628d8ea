/**
 * `npm run demo`: builds the plugin and the Headlamp shell when needed, then
 * serves Headlamp with the plugin on 127.0.0.1 against the embedded demo
 * clusters (or, with --kubeconfig, real ones). See demo/README.md.
 */
import { join } from 'node:path';
import { ensureBuilt, PROJECT_ROOT, shellDir } from './build';
import { createBackend } from './server/backend';
import { demoClusters } from './server/demoClusters';
import { kubeconfigClusters } from './server/proxy';

const USAGE = `Usage: npm run demo -- [options]

  --port N              listen on 127.0.0.1:N (default 4466, or a free port when
                        4466 is taken; 0 picks a free port)
  --kubeconfig PATH     serve the clusters of a kubeconfig instead of the demo clusters
  --context NAME        with --kubeconfig: only this context
  --no-build            serve what is built; do not build the plugin or the shell
  --rebuild             build the plugin and the shell even when they look current
  --handle-after-ms N   how long the demo's Flux controllers take to handle a request (1000)
  --test-endpoints      expose /_demo/requests and /_demo/reset (for the browser tests)
  --large N             add a cluster \`large\` with about N generated objects (the browser benchmark)
  --help                this text
`;

interface Options {
  port?: number;
  kubeconfig?: string;
  context?: string;
  build: boolean;
  rebuild: boolean;
  handleAfterMs: number;
  testEndpoints: boolean;
  large?: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    build: true,
    rebuild: false,
    handleAfterMs: 1000,
    testEndpoints: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--port':
        options.port = Number(value());
        if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
          throw new Error('--port must be a number from 0 to 65535');
        break;
      case '--kubeconfig':
        options.kubeconfig = value();
        break;
      case '--context':
        options.context = value();
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--rebuild':
        options.rebuild = true;
        break;
      case '--handle-after-ms':
        options.handleAfterMs = Number(value());
        break;
      case '--test-endpoints':
        options.testEndpoints = true;
        break;
      case '--large':
        options.large = Number(value());
        if (!Number.isInteger(options.large) || options.large < 1)
          throw new Error('--large must be a positive number');
        break;
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  if (options.context && !options.kubeconfig) throw new Error('--context needs --kubeconfig');
  return options;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) await ensureBuilt({ force: options.rebuild, log });

  const provider = options.kubeconfig
    ? await kubeconfigClusters(options.kubeconfig, options.context)
    : demoClusters({ handleAfterMs: options.handleAfterMs, large: options.large });
  const { server } = createBackend({
    provider,
    plugins: [
      {
        name: 'headlamp-flux-crossplane',
        distDir: join(PROJECT_ROOT, 'dist'),
        packageJson: join(PROJECT_ROOT, 'package.json'),
      },
    ],
    shellDir: shellDir(),
    testEndpoints: options.testEndpoints,
    log,
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => reject(error);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  let port: number;
  try {
    port = await listen(options.port ?? 4466);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port !== undefined)
      throw error;
    log('Port 4466 is taken; using a free port instead.');
    port = await listen(0);
  }
  const url = `http://127.0.0.1:${port}/`;
  const clusters = provider.clusters().map(cluster => cluster.name);
  log(`Headlamp with headlamp-flux-crossplane: ${url}`);
  for (const cluster of clusters) log(`  ${cluster}: ${url}c/${cluster}/flux-crossplane`);
  if (!options.kubeconfig) {
    log(
      'Tokens: none or "admin" may do everything, "reader" may only read (Headlamp asks on 401/403).'
    );
  }
  log('Press Ctrl+C to stop.');
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
