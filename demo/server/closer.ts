/**
 * Closing a server for good: `server.close()` waits for every open socket,
 * and `closeAllConnections()` does not reach upgraded ones (WebSocket
 * watches), so a demo with a watch still open would never stop. This keeps
 * every socket a server accepted and destroys them all on close.
 */
import type { Server } from 'node:net';
import type { Socket } from 'node:net';

export function closerFor(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', track);
  // TLS servers hand out the TLS socket on secureConnection; its raw socket was seen above.
  return () =>
    new Promise<void>(resolveClose => {
      server.close(() => resolveClose());
      for (const socket of sockets) socket.destroy();
    });
}
