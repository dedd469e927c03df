import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';

const HIGH_WATER = 4 * 1024 * 1024;

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Sends bytes on the tunnel, pausing `source` while more than HIGH_WATER bytes wait to be written. */
export function sendPaced(ws: WebSocket, bytes: Buffer, source: { pause(): void; resume(): void; isPaused(): boolean }): void {
  ws.send(bytes, { binary: true }, () => {
    if (source.isPaused() && ws.bufferedAmount < HIGH_WATER / 2) source.resume();
  });
  if (ws.bufferedAmount > HIGH_WATER && !source.isPaused()) source.pause();
}

/**
 * Pipes a TCP connection (a VNC server, any port) and the tunnel socket both ways, with
 * backpressure each way; either side ending ends the other, with a reason.
 */
export function pipeStream(stream: Duplex, ws: WebSocket, what: string): void {
  stream.on('data', (chunk: Buffer) => sendPaced(ws, chunk, stream));
  ws.on('message', (data, binary) => {
    if (!binary) return;
    if (!stream.write(toBuffer(data)) && !ws.isPaused) {
      ws.pause();
      stream.once('drain', () => ws.resume());
    }
  });
  stream.on('end', () => ws.close(1000, `${what} closed the connection.`));
  stream.on('error', (error) => ws.close(4502, `${what}: ${error.message}`.slice(0, 120)));
  ws.on('close', () => stream.destroy());
}
