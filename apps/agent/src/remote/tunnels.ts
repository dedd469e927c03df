import type { KeyObject } from 'node:crypto';
import type { TunnelOpenArgs, TunnelReadyFrame } from '@pons/protocol';
import type { WebSocket } from 'ws';
import type { AgentLogger } from '../log.js';
import { askConsent } from './consent.js';
import { listDirectory, prepareRead, prepareWrite, receiveFile, sendFile } from './files.js';
import { pipeStream } from './pipe.js';
import type { RemoteConfig } from './remote-config.js';
import { connectTcp } from './tcp.js';
import { openTerminal, pipeTerminal } from './terminal.js';
import { TunnelError } from './tunnel-error.js';
import { openTunnelSocket } from './tunnel-socket.js';
import { openVnc } from './vnc.js';

export interface TunnelHost {
  config: RemoteConfig;
  serverUrl(): string;
  caPem(): string;
  machineId(): string;
  key: KeyObject;
  log: AgentLogger;
}

const CONSENT_TIMEOUT_MS = 55_000;

/**
 * Opens what the server asked for (`tunnel.open`): first the target (a port, the VNC server, a
 * shell, a file), so that a failure says exactly what is wrong; then the tunnel socket, `ready`,
 * and the pipe. The command's answer comes once the socket is up.
 */
export class Tunnels {
  private readonly open = new Set<WebSocket>();

  constructor(private readonly host: TunnelHost) {}

  get count(): number {
    return this.open.size;
  }

  async start(args: TunnelOpenArgs): Promise<{ opened: true }> {
    const { config, log } = this.host;
    if (args.consent) await askConsent(config, args.consent.requester, args.kind, CONSENT_TIMEOUT_MS);
    const target = await this.prepare(args);
    let ws: WebSocket;
    try {
      ws = await openTunnelSocket({
        serverUrl: args.url ?? this.host.serverUrl(),
        caPem: this.host.caPem(),
        tunnelId: args.tunnelId,
        machineId: this.host.machineId(),
        key: this.host.key,
      });
    } catch (error) {
      target.abandon();
      throw error;
    }
    this.open.add(ws);
    ws.on('close', () => this.open.delete(ws));
    ws.on('error', (error) => log.warn('tunnel socket error', { tunnelId: args.tunnelId, error: error.message }));
    ws.send(JSON.stringify(target.ready));
    target.attach(ws);
    log.info('tunnel opened', { tunnelId: args.tunnelId, kind: args.kind });
    return { opened: true };
  }

  closeAll(): void {
    for (const ws of this.open) ws.close(1001, 'The agent is stopping.');
  }

  private async prepare(args: TunnelOpenArgs): Promise<{ ready: TunnelReadyFrame; attach: (ws: WebSocket) => void; abandon: () => void }> {
    const { config, log } = this.host;
    const ready: TunnelReadyFrame = { type: 'ready' };
    switch (args.kind) {
      case 'tcp': {
        const host = args.host ?? '127.0.0.1';
        const port = args.port ?? 0;
        if (port === 3389 && !config.rdp)
          throw new TunnelError('PONS_E_REMOTE_DISABLED', "RDP is disabled in this agent's configuration (--no-rdp).");
        const socket = await connectTcp(host, port, 'the port forwarded');
        return { ready, attach: (ws) => pipeStream(socket, ws, `The service at ${host}:${port}`), abandon: () => socket.destroy() };
      }
      case 'vnc': {
        const vnc = await openVnc(config, log);
        return {
          ready: { ...ready, ...(vnc.password !== undefined ? { vncPassword: vnc.password } : {}) },
          attach: (ws) => pipeStream(vnc.socket, ws, 'The VNC server'),
          abandon: () => vnc.socket.destroy(),
        };
      }
      case 'terminal': {
        const term = await openTerminal(config.terminalShell, args.cols ?? 80, args.rows ?? 24);
        return { ready, attach: (ws) => pipeTerminal(term, ws), abandon: () => term.kill() };
      }
      case 'file-list':
        return { ready: await listDirectory(args.path ?? '/'), attach: (ws) => ws.close(1000, 'Listed.'), abandon: () => undefined };
      case 'file-read': {
        const { file, ready: info } = await prepareRead(args.path ?? '');
        return { ready: info, attach: (ws) => sendFile(file, ws), abandon: () => undefined };
      }
      case 'file-write': {
        const file = await prepareWrite(args.path ?? '', args.overwrite ?? false);
        return { ready, attach: (ws) => receiveFile(file, args.size ?? 0, ws), abandon: () => undefined };
      }
    }
  }
}
