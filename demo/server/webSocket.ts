/**
 * The server side of RFC 6455, as much as Kubernetes watches need: the
 * handshake (with subprotocol choice), text frames out, and close/ping from
 * the client. Node has a WebSocket client but no server; this keeps the demo
 * free of a dependency for ~100 lines.
 */
import { createHash } from 'node:crypto';
import { IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface ServerWebSocket {
  /** The subprotocol agreed in the handshake ('' when none). */
  protocol: string;
  sendText(text: string): void;
  close(code?: number, reason?: string): void;
  onClose(listener: () => void): void;
  readonly closed: boolean;
}

/** Subprotocols offered by the client (`Sec-WebSocket-Protocol`, comma separated). */
export function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  return value
    .split(',')
    .map(protocol => protocol.trim())
    .filter(Boolean);
}

export function isWebSocketUpgrade(request: IncomingMessage): boolean {
  return (request.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

/** Answers a failed upgrade with a plain HTTP response and closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, body: string): void {
  const text = Buffer.from(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${text.length}\r\n` +
      'Connection: close\r\n\r\n' +
      body
  );
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/**
 * Completes the handshake. `choose` picks the subprotocol from the offered
 * ones (Kubernetes: `base64.binary.k8s.io`, `v4.channel.k8s.io`, …).
 */
export function acceptWebSocket(
  request: IncomingMessage,
  socket: Duplex,
  choose: (offered: string[]) => string = offered => offered[0] ?? ''
): ServerWebSocket | undefined {
  const key = request.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !isWebSocketUpgrade(request)) {
    rejectUpgrade(socket, 400, '{"message":"not a WebSocket upgrade"}');
    return undefined;
  }
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  const protocol = choose(offeredProtocols(request));
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n` +
      (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : '') +
      '\r\n'
  );
  if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);

  const listeners: Array<() => void> = [];
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const listener of listeners.splice(0)) listener();
  };
  let buffered = Buffer.alloc(0);

  const ws: ServerWebSocket = {
    protocol,
    get closed() {
      return closed;
    },
    sendText(text: string) {
      if (closed || socket.destroyed) return;
      socket.write(frame(0x1, Buffer.from(text)));
    },
    close(code = 1000, reason = '') {
      if (!closed && !socket.destroyed) {
        const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
        payload.writeUInt16BE(code, 0);
        payload.write(reason, 2);
        socket.write(frame(0x8, payload));
        socket.end();
      }
      finish();
    },
    onClose(listener: () => void) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    // Parse every complete frame in the buffer.
    for (;;) {
      if (buffered.length < 2) return;
      const opcode = buffered[0] & 0x0f;
      const masked = (buffered[1] & 0x80) !== 0;
      let length = buffered[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        length = Number(buffered.readBigUInt64BE(2));
        offset = 10;
      }
      const maskOffset = offset;
      if (masked) offset += 4;
      if (buffered.length < offset + length) return;
      const payload = Buffer.from(buffered.subarray(offset, offset + length));
      if (masked) {
        for (let i = 0; i < payload.length; i++) payload[i] ^= buffered[maskOffset + (i % 4)];
      }
      buffered = buffered.subarray(offset + length);
      if (opcode === 0x8) {
        // Close: answer with the same code, then end.
        if (!socket.destroyed) {
          socket.write(frame(0x8, payload.subarray(0, 2)));
          socket.end();
        }
        finish();
        return;
      }
      if (opcode === 0x9 && !socket.destroyed) socket.write(frame(0xa, payload));
      // Text, binary and pong frames from the client carry nothing a watch needs.
    }
  });
  socket.on('close', finish);
  socket.on('error', finish);
  return ws;
}
