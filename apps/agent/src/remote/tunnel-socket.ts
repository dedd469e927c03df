import { signText } from '@pons/crypto';
import { TunnelAuthHeaders, tunnelAuthText } from '@pons/protocol';
import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import { TunnelError } from './tunnel-error.js';

export interface TunnelSocketOptions {
  serverUrl: string;
  caPem: string;
  tunnelId: string;
  machineId: string;
  key: KeyObject;
}

/**
 * Opens the tunnel socket the server asked for: same pinned CA as the agent channel, the tunnel
 * id signed with the agent's key so that nobody else can take the server's end.
 */
export function openTunnelSocket(options: TunnelSocketOptions): Promise<WebSocket> {
  const url = new URL(options.serverUrl);
  url.protocol = 'wss:';
  url.pathname = `/agent/v1/tunnel/${options.tunnelId}`;
  url.search = '';
  const ws = new WebSocket(url.toString(), [], {
    ca: options.caPem,
    // Trust comes from the pinned private CA, not from the name used to reach the server. Node's
    // TLS wants undefined for "no objection" (ws types it as a boolean).
    checkServerIdentity: (() => undefined) as unknown as () => boolean,
    perMessageDeflate: false,
    maxPayload: 16 * 1024 * 1024,
    handshakeTimeout: 10_000,
    headers: {
      [TunnelAuthHeaders.machine]: options.machineId,
      [TunnelAuthHeaders.signature]: signText(options.key, tunnelAuthText(options.tunnelId, options.machineId)),
    },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => {
      ws.terminate();
      reject(new TunnelError('PONS_E_TUNNEL_BROKEN', `The server refused the tunnel socket (HTTP ${response.statusCode}).`));
    });
    ws.once('error', (error) =>
      reject(new TunnelError('PONS_E_TUNNEL_BROKEN', `The tunnel socket could not reach the server: ${error.message}`)),
    );
  });
}
