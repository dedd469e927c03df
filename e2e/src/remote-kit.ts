import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, statSync, writeSync } from 'node:fs';
import { request } from 'node:https';
import { createServer, type Server } from 'node:net';
import type WebSocket from 'ws';
import type { ApiClient } from '@pons/test-kit';

/** A TCP echo server on the agent's side of the tunnel. */
export async function echoServer(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as { port: number }).port, server };
}

/** Collects what a tunnel socket brings until `done` says it is enough. */
export function collect(ws: WebSocket, done: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(text.slice(-500))}`)), timeoutMs);
    const onMessage = (data: Buffer, binary: boolean) => {
      if (!binary) return;
      text += data.toString('utf8');
      if (done(text)) {
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve(text);
      }
    };
    ws.on('message', onMessage);
  });
}

/** Writes `megabytes` of random bytes to a file a megabyte at a time; returns its SHA-256. */
export function randomFile(file: string, megabytes: number): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < megabytes; i++) {
      const chunk = randomBytes(1024 * 1024);
      hash.update(chunk);
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * An HTTP request whose body (a file) and answer are streamed and hashed on the way, so that
 * hundreds of megabytes never stall this process (a stalled test process stalls the proxies it runs).
 */
export function streamed(
  api: ApiClient,
  caPem: string,
  method: string,
  path: string,
  file?: string,
): Promise<{ status: number; bytes: number; sha256: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${api.token ?? ''}` };
    if (file) Object.assign(headers, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    const req = request(new URL(path, api.baseUrl), { method, ca: caPem, headers }, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      let head = '';
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
        if (head.length < 65_536) head += chunk.toString('utf8');
      });
      res.on('end', () => {
        let body: unknown = null;
        try {
          body = JSON.parse(head);
        } catch {
          // not JSON: a file
        }
        resolve({ status: res.statusCode ?? 0, bytes, sha256: hash.digest('hex'), body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (file) createReadStream(file).pipe(req);
    else req.end();
  });
}

export { connectTunnel, openTunnel } from '@pons/test-kit';
