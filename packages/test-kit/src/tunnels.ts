import WebSocket from 'ws';
import type { OpenTunnelResponse } from '@pons/protocol';
import type { ApiClient } from './api-client.js';

/** Asks the server for a tunnel to a machine (`{kind: 'tcp', port}`, `{kind: 'terminal'}`...), as the console and the CLI do. */
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
