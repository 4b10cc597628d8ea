/**
 * The watch sockets of Headlamp's backend (`/wsMultiplexer` and per-URL watches), as the
 * component tests' fake cluster serves them: a connection opens, takes subscription messages
 * and sends no events — the objects stay as the lists returned them — and closes
 * cleanly when Headlamp closes it. jsdom's own WebSocket would try a real connection to the
 * backend URL and fail on every watch.
 */
type Listener = (event: Event) => void;

export class FakeWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readonly url: string;
  readonly protocol = '';
  readonly extensions = '';
  readonly bufferedAmount = 0;
  binaryType: 'blob' | 'arraybuffer' = 'blob';
  readyState: number = FakeWebSocket.CONNECTING;
  onopen: Listener | null = null;
  onmessage: Listener | null = null;
  onerror: Listener | null = null;
  onclose: Listener | null = null;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    setTimeout(() => {
      if (this.readyState !== FakeWebSocket.CONNECTING) return;
      this.readyState = FakeWebSocket.OPEN;
      this.emit(new Event('open'), this.onopen);
    }, 0);
  }

  /** A subscription (or its end): the fake has no events to send for it. */
  send(): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error('WebSocket is not open');
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    const event = Object.assign(new Event('close'), { code, reason, wasClean: true });
    this.emit(event, this.onclose);
  }

  private emit(event: Event, handler: Listener | null): void {
    handler?.call(this, event);
    this.dispatchEvent(event);
  }
}

/** Installs the fake as the global WebSocket of a jsdom test file. */
export function installFakeWebSocket(): void {
  Object.defineProperty(globalThis, 'WebSocket', {
    value: FakeWebSocket,
    writable: true,
    configurable: true,
  });
}
