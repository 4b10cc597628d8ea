/**
 * `npm run demo`: builds the plugin (and the home-made Headlamp shell when
 * needed), then serves Headlamp with the plugin on 127.0.0.1 against the
 * embedded demo clusters (or, with --kubeconfig, real ones). The demo
 * clusters are also API servers over TLS, with a kubeconfig written for them.
 * With `--headlamp DIR` (or HEADLAMP_DIR) the real Headlamp in DIR serves;
 * else the shell does. See demo/README.md.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, PROJECT_ROOT, shellDir } from './build';
import { unpackHeadlamp } from './headlampArchive';
import { freePort, startRealHeadlamp } from './realHeadlamp';
import { ClusterProvider, createBackend } from './server/backend';
import { makeServingCertificate } from './server/certificates';
import { closerFor } from './server/closer';
import { demoClusters } from './server/demoClusters';
import { sendJson } from './server/kubeApi';
import { writeDemoKubeconfig, writeOneContext } from './server/kubeconfigFile';
import { kubeconfigClusters } from './server/proxy';
import { RequestLog, serveTestEndpoint } from './server/requestLog';
import { startTlsApiServers } from './server/tlsApiServers';

const USAGE = `Usage: npm run demo -- [options]

  --port N              listen on 127.0.0.1:N (default 4466, or a free port when
                        4466 is taken; 0 picks a free port)
  --kubeconfig PATH     serve the clusters of a kubeconfig instead of the demo clusters
  --context NAME        with --kubeconfig: only this context
  --headlamp DIR        run the real Headlamp in DIR (headlamp-server and frontend/, or
                        its release .tar.gz) instead of the home-made shell (default:
                        $HEADLAMP_DIR when set)
  --no-build            serve what is built; do not build the plugin or the shell
  --rebuild             build the plugin and the shell even when they look current
  --handle-after-ms N   how long the demo's Flux controllers take to handle a request (1000)
  --test-endpoints      expose /_demo/requests and /_demo/reset (for the browser tests)
  --large N             add a cluster \`large\` with about N generated objects (the browser benchmark)
  --kinds N             add a cluster \`kinds\`: 500 XRDs, 1,000 managed-resource kinds and about N
                        objects besides (the browser benchmark and the socket-ceiling test)
  --help                this text
`;

interface Options {
  port?: number;
  kubeconfig?: string;
  context?: string;
  headlamp?: string;
  build: boolean;
  rebuild: boolean;
  handleAfterMs: number;
  testEndpoints: boolean;
  large?: number;
  kinds?: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    build: true,
    rebuild: false,
    handleAfterMs: 1000,
    testEndpoints: false,
    headlamp: process.env.HEADLAMP_DIR || undefined,
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
      case '--headlamp':
        options.headlamp = value();
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
      case '--kinds':
        options.kinds = Number(value());
        if (!Number.isInteger(options.kinds) || options.kinds < 1)
          throw new Error('--kinds must be a positive number');
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

const PLUGIN = {
  name: 'headlamp-flux-crossplane',
  distDir: join(PROJECT_ROOT, 'dist'),
  packageJson: join(PROJECT_ROOT, 'package.json'),
};

/** Listens on 127.0.0.1: the port asked for, else 4466, else (4466 taken) a free one. */
async function choosePort(asked: number | undefined): Promise<number> {
  if (asked !== undefined) return asked === 0 ? freePort() : asked;
  try {
    return await freePort(4466);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log('Port 4466 is taken; using a free port instead.');
    return freePort();
  }
}

/** The real Headlamp's folder: DIR itself, or a release archive unpacked into the cache. */
async function headlampDir(path: string): Promise<string> {
  return statSync(path).isDirectory() ? path : unpackHeadlamp(path);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const real = options.headlamp ? await headlampDir(options.headlamp) : undefined;
  if (options.build) await ensureBuilt({ force: options.rebuild, shell: !real, log });

  const scratch = mkdtempSync(join(tmpdir(), 'hfc-demo-'));
  const stops: Array<() => Promise<void> | void> = [
    () => rmSync(scratch, { recursive: true, force: true }),
  ];
  const requestLog = new RequestLog();
  let provider: ClusterProvider | undefined;
  let demoKubeconfig: string | undefined;
  if (options.kubeconfig) {
    // A real Headlamp reads the kubeconfig itself; the shell's backend proxies to it.
    if (!real) provider = await kubeconfigClusters(options.kubeconfig, options.context);
  } else {
    const clusters = demoClusters({
      handleAfterMs: options.handleAfterMs,
      large: options.large,
      kinds: options.kinds,
    });
    stops.push(() => clusters.stop());
    provider = clusters;
    const certificate = makeServingCertificate();
    const apiServers = await startTlsApiServers(clusters, certificate, requestLog);
    stops.unshift(() => apiServers.close());
    demoKubeconfig = join(scratch, 'kubeconfig');
    writeDemoKubeconfig(demoKubeconfig, apiServers.urls, certificate.ca);
  }

  const port = await choosePort(options.port);
  let url: string;
  let controlUrl: string | undefined;
  if (real) {
    let kubeconfig = demoKubeconfig as string;
    if (options.kubeconfig) {
      kubeconfig = options.kubeconfig;
      if (options.context) {
        kubeconfig = join(scratch, 'kubeconfig-context');
        await writeOneContext(options.kubeconfig, options.context, kubeconfig);
      }
    }
    const headlamp = await startRealHeadlamp({ dir: real, kubeconfig, plugin: PLUGIN, port, log });
    stops.unshift(() => headlamp.stop());
    url = headlamp.url;
    log(`Frontend: the real ${headlamp.version} from ${real}.`);
    if (options.testEndpoints && provider) {
      const clusters = provider;
      const control = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (
          !serveTestEndpoint(url, request.method ?? 'GET', response, requestLog, () =>
            clusters.reset?.()
          )
        )
          sendJson(response, 404, { message: 'not found' });
      });
      const controlPort = await freePort();
      await new Promise<void>(resolveListen =>
        control.listen(controlPort, '127.0.0.1', resolveListen)
      );
      stops.unshift(closerFor(control));
      controlUrl = `http://127.0.0.1:${controlPort}/`;
    }
  } else {
    const { server } = createBackend({
      provider: provider as ClusterProvider,
      plugins: [PLUGIN],
      shellDir: shellDir(),
      testEndpoints: options.testEndpoints,
      requestLog,
      log,
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolveListen());
    });
    stops.unshift(closerFor(server));
    url = `http://127.0.0.1:${port}/`;
    log(
      "Frontend: the home-made shell (Headlamp's frontend pieces from @kinvolk/headlamp-plugin); HEADLAMP_DIR=DIR or --headlamp DIR runs the real Headlamp."
    );
  }

  const clusterNames =
    options.kubeconfig && real
      ? []
      : (provider as ClusterProvider).clusters().map(cluster => cluster.name);
  log(`Headlamp with headlamp-flux-crossplane: ${url}`);
  for (const cluster of clusterNames) log(`  ${cluster}: ${url}c/${cluster}/flux-crossplane`);
  if (controlUrl) log(`Test endpoints: ${controlUrl}`);
  if (demoKubeconfig) {
    log(`Kubeconfig for the demo clusters (TLS, users "admin" and "reader"): ${demoKubeconfig}`);
    log(
      real
        ? 'Headlamp acts as "admin" (the kubeconfig\'s user); the token "reader" may only read. The API servers refuse a request without a token.'
        : 'Tokens: none or "admin" may do everything, "reader" may only read (Headlamp asks on 401/403).'
    );
  }
  log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const step of stops) await Promise.resolve(step()).catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch(error => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
