/**
 * Kubeconfig files the demo writes: one for its own clusters (their TLS API
 * servers, the CA inline, users `admin` and `reader` as bearer tokens, one
 * context per cluster as `admin`), and a copy of a user's kubeconfig cut down
 * to one context (for `--kubeconfig PATH --context NAME` with a real
 * Headlamp, which serves every context it is given).
 */
import { writeFileSync } from 'node:fs';
import { DEMO_TOKENS } from './rbac';

export function writeDemoKubeconfig(file: string, urls: Map<string, string>, ca: string): void {
  const caData = Buffer.from(ca).toString('base64');
  const names = [...urls.keys()];
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map(name => ({
      name,
      cluster: { server: urls.get(name), 'certificate-authority-data': caData },
    })),
    users: DEMO_TOKENS.map(user => ({ name: user, user: { token: user } })),
    contexts: names.map(name => ({ name, context: { cluster: name, user: 'admin' } })),
    'current-context': names[0] ?? '',
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

/** Writes `file` with only `context` of the kubeconfig at `source` (paths made absolute). */
export async function writeOneContext(
  source: string,
  context: string,
  file: string
): Promise<void> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const full = new KubeConfig();
  full.loadFromFile(source);
  const entry = full.getContextObject(context);
  if (!entry) {
    const known = full.getContexts().map(candidate => candidate.name);
    throw new Error(
      `context "${context}" is not in ${source} (contexts: ${known.join(', ') || 'none'})`
    );
  }
  const cluster = full.getCluster(entry.cluster);
  if (!cluster) throw new Error(`context "${context}" names no cluster in ${source}`);
  const user = entry.user ? full.getUser(entry.user) : null;
  const one = new KubeConfig();
  one.loadFromOptions({
    clusters: [cluster],
    users: user ? [user] : [],
    contexts: [entry],
    currentContext: context,
  });
  writeFileSync(file, one.exportConfig(), { mode: 0o600 });
}
