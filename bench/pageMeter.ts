/**
 * What one browser page asks of the clusters, counted in the page and by the
 * browser: HTTP requests to a cluster, WebSockets opened and failed, the most
 * WebSockets open at any one moment (a socket counts from its creation —
 * connecting sockets hold one of Chromium's 255 as well — until it closes),
 * and requests the browser itself refused (`net::ERR_INSUFFICIENT_RESOURCES`).
 * Shared by the browser benchmark and the socket-ceiling browser test.
 */
import type { Page, Request, WebSocket } from 'playwright-core';

export interface SocketCounts {
  created: number;
  open: number;
  peak: number;
  /** Sockets whose `error` event fired, those the page closed while connecting aside. */
  failed: number;
  /** Sockets the page closed before they connected. */
  closedEarly: number;
  /** The URL paths of the sockets open when the peak was reached. */
  atPeak: string[];
}

declare global {
  interface Window {
    __hfcSockets?: SocketCounts;
  }
}

/**
 * Installed before the page's own scripts: window.WebSocket wrapped so that
 * every socket is counted. A string, so that nothing of the test runner's
 * compiled code ends up in the page.
 */
export const SOCKET_METER = `(() => {
  const Native = window.WebSocket;
  const counts = { created: 0, open: 0, peak: 0, failed: 0, closedEarly: 0, atPeak: [] };
  const live = new Set();
  window.__hfcSockets = counts;
  function Counted(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    const path = String(url).replace(/^wss?:\\/\\/[^/]+/, '');
    counts.created++;
    live.add(path + '#' + counts.created);
    counts.open = live.size;
    if (counts.open > counts.peak) {
      counts.peak = counts.open;
      counts.atPeak = [...live].map(key => key.replace(/#\\d+$/, ''));
    }
    const key = path + '#' + counts.created;
    // Closed by the page while still connecting: Chromium reports an error, but nothing failed.
    let closedEarly = false;
    const close = socket.close;
    socket.close = function () {
      if (socket.readyState === Native.CONNECTING) { closedEarly = true; counts.closedEarly++; }
      return close.apply(socket, arguments);
    };
    socket.addEventListener('error', () => { if (!closedEarly) counts.failed++; });
    socket.addEventListener('close', () => { live.delete(key); counts.open = live.size; });
    return socket;
  }
  Counted.prototype = Native.prototype;
  for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'])
    Object.defineProperty(Counted, name, { value: Native[name] });
  window.WebSocket = Counted;
})();`;

export interface PageCounts {
  /** HTTP requests to the cluster (`/clusters/<name>/…`), WebSockets not included. */
  requests: number;
  /** Of those, requests that failed in the browser or answered ≥ 400, by path and reason. */
  failedRequests: Array<{ url: string; reason: string }>;
  /** Requests the browser refused for lack of resources (`net::ERR_INSUFFICIENT_RESOURCES`). */
  insufficientResources: number;
  webSocketsOpened: number;
  webSocketsFailed: number;
  /** Socket errors as the browser reports them, the page's own early closes aside. */
  socketErrors: string[];
  webSocketsClosedEarly: number;
  peakWebSockets: number;
  /** Socket paths open at the peak (to tell the plugin's from Headlamp's own). */
  atPeak: string[];
}

/** Chromium's report of a socket the page itself closed while it was connecting. */
const EARLY_CLOSE = 'WebSocket is closed before the connection is established.';

/** Starts counting on `page` (call before its first navigation). */
export async function meterPage(
  page: Page,
  cluster: string
): Promise<{ counts(): Promise<PageCounts>; lastRequestAt(): number }> {
  await page.addInitScript(SOCKET_METER);
  const prefix = `/clusters/${cluster}/`;
  let requests = 0;
  let lastRequestAt = Date.now();
  const failed: PageCounts['failedRequests'] = [];
  let insufficient = 0;
  const socketErrors: string[] = [];
  const ofCluster = (url: string) => new URL(url).pathname.startsWith(prefix);
  page.on('request', (request: Request) => {
    if (!ofCluster(request.url())) return;
    requests++;
    lastRequestAt = Date.now();
  });
  page.on('requestfailed', (request: Request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (reason.includes('ERR_INSUFFICIENT_RESOURCES')) insufficient++;
    if (ofCluster(request.url())) failed.push({ url: request.url(), reason });
  });
  page.on('response', response => {
    if (response.status() >= 400 && ofCluster(response.url()))
      failed.push({ url: response.url(), reason: `HTTP ${response.status()}` });
  });
  page.on('websocket', (socket: WebSocket) => {
    lastRequestAt = Date.now();
    socket.on('socketerror', error => {
      if (error !== EARLY_CLOSE) socketErrors.push(`${error} (${socket.url()})`);
    });
  });
  return {
    lastRequestAt: () => lastRequestAt,
    counts: async () => {
      const sockets = await page.evaluate(() => window.__hfcSockets);
      return {
        requests,
        failedRequests: [...failed],
        insufficientResources: insufficient,
        webSocketsOpened: sockets?.created ?? 0,
        webSocketsFailed: sockets?.failed ?? 0,
        socketErrors: [...socketErrors],
        webSocketsClosedEarly: sockets?.closedEarly ?? 0,
        peakWebSockets: sockets?.peak ?? 0,
        atPeak: sockets?.atPeak ?? [],
      };
    },
  };
}

/** Waits until the page has sent nothing new for `quietMs` (at most `maxMs`). */
export async function settleRequests(
  lastRequestAt: () => number,
  quietMs = 3000,
  maxMs = 30_000
): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() - lastRequestAt() < quietMs && Date.now() < deadline)
    await new Promise(resolveWait => setTimeout(resolveWait, 250));
}
