/**
 * A throwaway certificate authority and a serving certificate for 127.0.0.1,
 * made at start by the openssl command line (no network, nothing kept): the
 * demo's API servers speak TLS because Headlamp's backend sends kubeconfig
 * credentials only over TLS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServingCertificate {
  /** The CA's certificate (PEM): what a kubeconfig's certificate-authority-data holds. */
  ca: string;
  /** The server's certificate (PEM), for 127.0.0.1 and localhost. */
  cert: string;
  /** The server's private key (PEM). */
  key: string;
}

function openssl(args: string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      `openssl is needed to make the demo's TLS certificate (${result.error.message}); install it (e.g. apt-get install openssl)`
    );
  }
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr.trim()}`);
}

export function makeServingCertificate(): ServingCertificate {
  const folder = mkdtempSync(join(tmpdir(), 'hfc-demo-pki-'));
  try {
    const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      ['req', '-x509', ...curve, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '7'].concat([
        '-subj',
        '/CN=headlamp-flux-crossplane demo CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ]),
      folder
    );
    openssl(
      ['req', ...curve, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'],
      folder
    );
    writeFileSync(
      join(folder, 'server.ext'),
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '',
      ].join('\n')
    );
    openssl(
      ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key'].concat([
        '-CAcreateserial',
        '-out',
        'server.crt',
        '-days',
        '7',
        '-extfile',
        'server.ext',
      ]),
      folder
    );
    const read = (file: string) => readFileSync(join(folder, file), 'utf8');
    return { ca: read('ca.crt'), cert: read('server.crt'), key: read('server.key') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
