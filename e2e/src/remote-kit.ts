import { createServer, type Server } from 'node:net';
import WebSocket from 'ws';
import type { OpenTunnelResponse } from '@pons/protocol';
import type { ApiClient } from '@pons/test-kit';

/** Asks the server for a tunnel to a machine, as the console and the CLI do. */
export function openTunnel(api: ApiClient, machine: string, body: Record<string, unknown>): Promise<OpenTunnelResponse> {
  return api.call<OpenTunnelResponse>('POST', `/api/v1/machines/${encodeURIComponent(machine)}/tunnels`, body);
}

/** Connects the client's end of a tunnel, trusting only the server's CA. */
export function connectTunnel(baseUrl: string, caPem: string, socketPath: string): Promise<WebSocket> {
  const url = new URL(socketPath, baseUrl);
  url.protocol = 'wss:';
  const ws = new WebSocket(url, { ca: caPem, perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`tunnel socket refused: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

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
