import type { RawData, WebSocket } from 'ws';

/** Bytes queued on a socket beyond which its source is paused until they are written. */
const HIGH_WATER = 4 * 1024 * 1024;

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * Sends one message, pausing `source` while `target` has more than HIGH_WATER bytes queued, so a
 * fast sender never fills the server's memory with what a slow receiver has not taken yet.
 */
export function forward(source: WebSocket | null, target: WebSocket, data: Buffer | string, binary: boolean): void {
  target.send(data, { binary }, () => {
    if (source?.isPaused && target.bufferedAmount < HIGH_WATER / 2) source.resume();
  });
  if (source && target.bufferedAmount > HIGH_WATER && !source.isPaused) source.pause();
}

export interface KeepaliveOptions {
  /** A ping every this many ms: proxies that cut silent connections see traffic. */
  intervalMs: number;
  /** No pong nor message for this long: the peer is gone. */
  deadAfterMs: number;
  onDead: (silentMs: number) => void;
}

/** Pings a socket on a timer and reports it dead when it stays silent too long. Returns a stop function. */
export function keepalive(ws: WebSocket, options: KeepaliveOptions): () => void {
  let heardAt = Date.now();
  const heard = () => (heardAt = Date.now());
  ws.on('pong', heard);
  ws.on('message', heard);
  const timer = setInterval(() => {
    // A socket we paused (its peer is slow) is not read: its silence is ours.
    if (ws.isPaused) heard();
    const silent = Date.now() - heardAt;
    if (silent > options.deadAfterMs) {
      clearInterval(timer);
      options.onDead(silent);
      return;
    }
    if (ws.readyState === ws.OPEN) ws.ping();
  }, options.intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    ws.off('pong', heard);
    ws.off('message', heard);
  };
}

/** A close reason fits in a control frame (123 bytes of UTF-8). */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123
    ? text
    : bytes
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + '…';
}
