/**
 * The embedded demo clusters behind the backend: one in-memory API server
 * per scenario cluster, with the simulated Flux controllers running on it.
 * Tokens are user names from the role table (`admin`, `reader`); without a
 * token the caller acts as `admin`, like a kubeconfig's own credentials.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { buildScenario, ClusterScenario } from '../scenario/index';
import { largeCluster } from '../scenario/large';
import { controllerLogs } from '../scenario/logs';
import { manyKindsCluster } from '../scenario/manyKinds';
import { acceptKubernetesSocket, ClusterProvider } from './backend';
import { runFluxControllers } from './fluxControllers';
import { ApiError, KubeApi, sendJson } from './kubeApi';
import { User, userForToken } from './rbac';
import { rejectUpgrade } from './webSocket';

export interface DemoClusterOptions {
  /** How long the simulated controllers take to handle a request (default 1000 ms). */
  handleAfterMs?: number;
  /** The moment the scenario's "now" maps to (default: now). */
  now?: number;
  defaultUser?: string;
  /** Add a cluster `large` with about this many generated objects (the browser benchmark). */
  large?: number;
  /** Add a cluster `kinds`: 500 XRDs, 1,000 managed-resource kinds, about this many objects besides. */
  kinds?: number;
}

export interface DemoClusters extends ClusterProvider {
  apis: Map<string, KubeApi>;
  stop(): void;
}

function unauthorized() {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function demoClusters(options: DemoClusterOptions = {}): DemoClusters {
  const scenario: ClusterScenario[] = buildScenario(options.now ?? Date.now());
  if (options.large) {
    scenario.push({
      name: 'large',
      server: 'https://large.demo.invalid:6443',
      objects: largeCluster(options.large),
    });
  }
  if (options.kinds) {
    scenario.push({
      name: 'kinds',
      server: 'https://kinds.demo.invalid:6443',
      objects: manyKindsCluster(options.kinds),
    });
  }
  const defaultUser = options.defaultUser ?? 'admin';
  const apis = new Map<string, KubeApi>();
  const stops: Array<() => void> = [];
  for (const cluster of scenario) {
    const api = new KubeApi({ name: cluster.name, defaultUser, podLogs: controllerLogs });
    api.reset(cluster.objects);
    apis.set(cluster.name, api);
    stops.push(runFluxControllers(api, { handleAfterMs: options.handleAfterMs }));
  }
  const userFor = (token: string | undefined): User | undefined => userForToken(token, defaultUser);
  return {
    ...kubeApiProvider(
      apis,
      scenario.map(({ name, server }) => ({ name, server })),
      userFor
    ),
    apis,
    reset() {
      for (const cluster of scenario) apis.get(cluster.name)?.reset(cluster.objects);
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}

/**
 * Serves in-memory API servers to the backend or the TLS API servers: each
 * request as the user its token names (401 for a token nobody has).
 */
export function kubeApiProvider(
  apis: ReadonlyMap<string, KubeApi>,
  clusters: Array<{ name: string; server: string }>,
  userFor: (token: string | undefined) => User | undefined
): ClusterProvider {
  return {
    clusters: () => clusters,
    has: name => apis.has(name),
    userName: (_cluster, token) => userFor(token)?.name ?? `unknown token`,
    http(cluster, request: IncomingMessage, response: ServerResponse, path, query, body, token) {
      const api = apis.get(cluster) as KubeApi;
      const user = userFor(token);
      if (!user) {
        sendJson(response, 401, unauthorized().status());
        return;
      }
      api.serveHttp(request, response, path, query, body, user);
    },
    upgrade(cluster, request: IncomingMessage, socket: Duplex, _head, path, query, token) {
      const api = apis.get(cluster) as KubeApi;
      const user = userFor(token);
      if (!user) {
        rejectUpgrade(socket, 401, JSON.stringify(unauthorized().status()));
        return;
      }
      const ws = acceptKubernetesSocket(request, socket);
      if (ws) api.watchSocket(path, query, user, ws);
    },
  };
}
