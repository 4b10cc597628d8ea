import { unlinkSync } from 'node:fs';
import { connect, createServer, Socket } from 'node:net';

/**
 * Carries one TCP port across network namespaces through a Unix socket (a
 * file, which every namespace sees). Crossplane runs in a network namespace
 * of its own that has only a loopback interface, so the ports it binds on
 * all interfaces (metrics, health) are loopback-only and it can reach
 * nothing but the API server, which this bridge brings in:
 *   host side:      socketBridge.ts unix-to-tcp SOCKET 127.0.0.1:PORT
 *   namespace side: socketBridge.ts tcp-to-unix 127.0.0.1:PORT SOCKET
 */

function pipeBoth(a: Socket, b: Socket): void {
  a.pipe(b);
  b.pipe(a);
  const close = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', close);
  b.on('error', close);
  a.on('close', close);
  b.on('close', close);
}

function hostPort(text: string): { host: string; port: number } {
  const match = /^(127\.0\.0\.1):(\d+)$/.exec(text);
  if (!match) throw new Error(`socketBridge: ${text} is not 127.0.0.1:PORT`);
  return { host: match[1], port: Number(match[2]) };
}

const [mode, from, to] = process.argv.slice(2);
if (mode === 'unix-to-tcp') {
  const target = hostPort(to);
  try {
    unlinkSync(from);
  } catch {
    // no old socket
  }
  createServer(client => pipeBoth(client, connect(target.port, target.host))).listen(from);
} else if (mode === 'tcp-to-unix') {
  const listen = hostPort(from);
  createServer(client => pipeBoth(client, connect(to))).listen(listen.port, listen.host);
} else {
  throw new Error(
    'usage: socketBridge.ts unix-to-tcp SOCKET 127.0.0.1:PORT | tcp-to-unix 127.0.0.1:PORT SOCKET'
  );
}
