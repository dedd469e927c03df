import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { OpenTunnelResponse } from '@pons/protocol';
import { openTunnel, type ApiClient } from '@pons/test-kit';

/** Bytes per WebSocket message the client sends. */
const CHUNK = 256 * 1024;
/** Bytes the client lets wait to be written before it waits, like the server and the agent (4 MB). */
const HIGH_WATER = 4 * 1024 * 1024;
/** What the client sends: slices of one random pool, taken at offsets that depend on the chunk and the tunnel. */
const POOL = randomBytes(32 * 1024 * 1024 + CHUNK);

/** The `i`-th chunk of the stream `seed` sends, cut at `total` bytes. */
function chunkOf(seed: number, i: number, total: number): Buffer {
  const length = Math.min(CHUNK, total - i * CHUNK);
  const offset = (i * 1_048_583 + seed * 40_961) % (POOL.length - CHUNK);
  return POOL.subarray(offset, offset + length);
}

/** SHA-256 of the `total` bytes the stream `seed` sends: what must come back. */
export function expectedHash(seed: number, total: number): string {
  const hash = createHash('sha256');
  for (let i = 0; i * CHUNK < total; i++) hash.update(chunkOf(seed, i, total));
  return hash.digest('hex');
}

/** `POST /api/v1/machines/:id/tunnels {kind: 'tcp', port}`, as the CLI asks for a port forward. */
export function openTcpTunnel(api: ApiClient, machineId: string, port: number): Promise<OpenTunnelResponse> {
  return openTunnel(api, machineId, { kind: 'tcp', port });
}

/** Closes the client's end and waits until the socket is closed (the server then ends the session). */
export function closeTunnel(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    ws.close(1000);
  });
}

export interface Transfer {
  ms: number;
  sent: number;
  received: number;
  /** SHA-256 of what came back. */
  sha256: string;
}

/**
 * Sends `total` bytes of stream `seed` through the echo behind the tunnel while reading what comes
 * back, hashing it; resolves once `total` bytes are back. Fails after `stallMs` without progress.
 */
export function transfer(ws: WebSocket, seed: number, total: number, stallMs = 30_000): Promise<Transfer> {
  const started = performance.now();
  const hash = createHash('sha256');
  let received = 0;
  let sent = 0;
  let progressAt = performance.now();
  return new Promise<Transfer>((resolve, reject) => {
    const finish = (error?: Error) => {
      clearInterval(watch);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      if (error) reject(error);
      else resolve({ ms: performance.now() - started, sent, received, sha256: hash.digest('hex') });
    };
    const onMessage = (data: Buffer, binary: boolean) => {
      if (!binary) return;
      hash.update(data);
      received += data.length;
      progressAt = performance.now();
      if (received >= total) finish();
    };
    const onClose = (code: number, reason: Buffer) =>
      finish(new Error(`the tunnel closed (${code} ${reason.toString()}) after ${received} of ${total} bytes back`));
    const watch = setInterval(() => {
      if (performance.now() - progressAt > stallMs)
        finish(new Error(`no progress for ${stallMs / 1000} s: ${sent} bytes sent, ${received} of ${total} back`));
    }, 1000);
    ws.on('message', onMessage);
    ws.on('close', onClose);
    send(ws, seed, total, (n) => (sent = n)).catch((error: unknown) => finish(error as Error));
  });
}

/** Sends the stream with backpressure: waits while more than HIGH_WATER bytes are not yet written. */
async function send(ws: WebSocket, seed: number, total: number, onSent: (bytes: number) => void): Promise<void> {
  let waiting = 0;
  let wake: (() => void) | null = null;
  for (let i = 0, sent = 0; sent < total; i++) {
    const chunk = chunkOf(seed, i, total);
    waiting += chunk.length;
    ws.send(chunk, { binary: true }, () => {
      waiting -= chunk.length;
      if (wake && waiting < HIGH_WATER / 2) wake();
    });
    onSent((sent += chunk.length));
    if (waiting > HIGH_WATER) await new Promise<void>((resolve) => (wake = resolve)).finally(() => (wake = null));
  }
}

/**
 * A TCP echo server on 127.0.0.1 in its own process, so that its CPU is neither the bench's nor
 * the agent's and can be counted apart.
 */
export async function startEchoChild(): Promise<{ port: number; child: ChildProcess }> {
  const code = [
    "const net = require('node:net');",
    'const server = net.createServer((c) => { c.setNoDelay(true); c.on("error", () => c.destroy()); c.pipe(c); });',
    "server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));",
    "process.on('SIGTERM', () => process.exit(0));",
  ].join('\n');
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`the echo server exited with ${code}`)));
  });
  return { port, child };
}

/** Nearest-rank quantile of a list of numbers. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Polls a process's VmRSS every `ms`; `stop()` gives the highest value seen, in MB. */
export function rssPeak(read: () => number, ms = 50): { stop(): number } {
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), ms);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, read());
    },
  };
}
