import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { randomToken, verifyText } from '@pons/crypto';
import { TunnelAuthHeaders, TunnelControlFrame, tunnelAuthText, Validator } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import { refuseUpgrade, type Upgrades } from '../../platform/http/upgrades.js';
import type { Logger } from '../../platform/logger.js';
import { forward, keepalive, toBuffer } from './socket-pipe.js';
import { Tunnel, type BrokerOptions, type TunnelEnds, type TunnelSpec } from './tunnel.js';

export const AGENT_TUNNEL_PATH = '/agent/v1/tunnel/';
export const CLIENT_TUNNEL_PATH = '/api/v1/tunnels/';
const control = new Validator(TunnelControlFrame);

/**
 * Where the two ends of a tunnel meet. The server asks an agent (signed `tunnel.open`) to connect
 * `/agent/v1/tunnel/<id>`, signing the tunnel id with its key; the console or the CLI connects
 * `/api/v1/tunnels/<id>/socket` with the single-use ticket it was given. Bytes are piped with
 * backpressure; pings on both sockets keep proxies from cutting an idle session and find a dead
 * peer. Tunnels live in the memory of the node that opened them: the agent is told that node's URL.
 */
export class TunnelBroker {
  private readonly tunnels = new Map<string, Tunnel>();
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    clientTracking: false,
    maxPayload: 16 * 1024 * 1024,
  });

  constructor(
    private readonly options: BrokerOptions,
    private readonly publicKeyOf: (machineId: string) => Promise<string | undefined>,
    private readonly recorder: TunnelEnds,
    private readonly log: Logger,
  ) {}

  attach(upgrades: Upgrades): void {
    upgrades.on(AGENT_TUNNEL_PATH, (request, socket, head, path) => {
      this.agentUpgrade(request, socket, head, path.slice(AGENT_TUNNEL_PATH.length)).catch((error: unknown) => {
        this.log.error({ err: error }, 'agent tunnel upgrade failed');
        refuseUpgrade(socket, 500, 'Internal Server Error');
      });
    });
    upgrades.on(CLIENT_TUNNEL_PATH, (request, socket, head, path) => this.clientUpgrade(request, socket, head, path));
  }

  get open(): number {
    return this.tunnels.size;
  }

  /** Registers a tunnel the agent is about to be asked for; returns it and the client's ticket. */
  expect(spec: TunnelSpec): { tunnel: Tunnel; ticket: string } {
    const ticket = randomToken(32, 'base64url');
    const tunnel = new Tunnel(spec, hash(ticket), (t, endedBy, reason, broken) => this.ended(t, endedBy, reason, broken));
    this.tunnels.set(spec.id, tunnel);
    return { tunnel, ticket };
  }

  /** Gives up on a tunnel whose agent never came (or whose opening failed). */
  abandon(tunnel: Tunnel, error: PonsError): void {
    tunnel.settle.reject(error);
    if (!tunnel.agent) {
      tunnel.ended = true;
      this.tunnels.delete(tunnel.spec.id);
    } else tunnel.end('server', error.message, true);
  }

  /** Waits until the client's end must be connected, else ends the tunnel. */
  awaitClient(tunnel: Tunnel): void {
    const timer = setTimeout(() => {
      if (!tunnel.client) tunnel.end('server', `Nobody connected to the tunnel within ${this.options.clientConnectMs / 1000} s.`);
    }, this.options.clientConnectMs);
    timer.unref();
    tunnel.addStop(() => clearTimeout(timer));
  }

  stop(): void {
    for (const tunnel of [...this.tunnels.values()]) tunnel.end('server', 'The server is stopping.', true);
  }

  private async agentUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, id: string): Promise<void> {
    const tunnel = this.tunnels.get(id);
    if (!tunnel || tunnel.agent || tunnel.ended) return refuseUpgrade(socket, 404, 'Not Found', 'no such tunnel is waiting');
    const machineId = request.headers[TunnelAuthHeaders.machine];
    const signature = request.headers[TunnelAuthHeaders.signature];
    const key = typeof machineId === 'string' && machineId === tunnel.spec.machineId ? await this.publicKeyOf(machineId) : undefined;
    if (!key || typeof signature !== 'string' || !verifyText(key, tunnelAuthText(id, tunnel.spec.machineId), signature)) {
      this.log.warn({ tunnelId: id }, 'tunnel socket refused: not signed by the machine it was opened for');
      return refuseUpgrade(socket, 403, 'Forbidden', 'the tunnel signature does not match the machine');
    }
    if (socket.destroyed || tunnel.agent || tunnel.ended) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.agentConnected(tunnel, ws));
  }

  private agentConnected(tunnel: Tunnel, ws: WebSocket): void {
    tunnel.agent = ws;
    const timer = setTimeout(
      () => tunnel.end('server', 'The agent connected its tunnel but never said it was ready.', true),
      this.options.agentReadyMs,
    );
    ws.once('message', (data, binary) => {
      clearTimeout(timer);
      const frame = binary ? null : parseControl(toBuffer(data).toString());
      if (frame?.type === 'ready') {
        tunnel.ready = frame;
        tunnel.openedAt = Date.now();
        this.recorder.opened(tunnel);
        // What the target says before anyone listens (a VNC server's greeting) waits in the socket.
        ws.pause();
        tunnel.settle.resolve(frame);
        return;
      }
      const error =
        frame?.type === 'error'
          ? new PonsError(frame.code, frame.message)
          : new PonsError('PONS_E_PROTOCOL', 'The agent sent no valid ready frame.');
      tunnel.settle.reject(error);
      tunnel.end('agent', error.message, true);
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      const text =
        reason.toString() ||
        (code === 1000
          ? 'The session ended on the machine.'
          : code === 1006
            ? 'The connection to the agent was lost without a word: the agent stopped, or its network dropped.'
            : `The agent closed the tunnel (code ${code}).`);
      tunnel.end('agent', text, code !== 1000);
    });
    ws.on('error', (error) => tunnel.end('agent', `The agent's tunnel failed: ${error.message}`, true));
    tunnel.addStop(
      keepalive(ws, {
        intervalMs: this.options.keepaliveMs,
        deadAfterMs: this.options.keepaliveMs * 6,
        onDead: (ms) =>
          tunnel.end('keepalive', `No answer from the agent for ${Math.round(ms / 1000)} s: the link to the machine is broken.`, true),
      }),
    );
  }

  private clientUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, path: string): void {
    const match = /^([A-Za-z0-9_.:-]{1,64})\/socket$/.exec(path.slice(CLIENT_TUNNEL_PATH.length));
    const tunnel = match ? this.tunnels.get(match[1]!) : undefined;
    const ticket = new URL(request.url ?? '', 'https://pons').searchParams.get('ticket') ?? '';
    if (!tunnel || !tunnel.ready || tunnel.client || tunnel.ended || !sameHash(hash(ticket), tunnel.ticketHash))
      return refuseUpgrade(socket, 404, 'Not Found', 'This tunnel does not exist, has ended, or its ticket was already used.');
    this.wss.handleUpgrade(request, socket, head, (ws) => this.join(tunnel, ws));
  }

  /** Connects the client's socket to the agent's: binary is the target's bytes, text is control. */
  join(tunnel: Tunnel, client: WebSocket): void {
    const agent = tunnel.agent!;
    tunnel.client = client;
    client.on('message', (data, binary) => {
      const bytes = toBuffer(data);
      if (binary) {
        tunnel.bytes.toMachine += bytes.length;
        return forward(client, agent, bytes, true);
      }
      const frame = parseControl(bytes.toString());
      if (frame && (frame.type === 'resize' || frame.type === 'end')) forward(client, agent, bytes.toString(), false);
    });
    agent.on('message', (data, binary) => {
      const bytes = toBuffer(data);
      if (binary) tunnel.bytes.fromMachine += bytes.length;
      forward(agent, client, bytes, binary);
    });
    client.on('close', () => tunnel.end('client', 'The session was closed by its viewer.'));
    client.on('error', (error) => tunnel.end('client', `The viewer's socket failed: ${error.message}`, true));
    tunnel.addStop(
      keepalive(client, {
        intervalMs: this.options.keepaliveMs,
        deadAfterMs: this.options.keepaliveMs * 6,
        onDead: (ms) => tunnel.end('keepalive', `No answer from the viewer for ${Math.round(ms / 1000)} s.`, true),
      }),
    );
    agent.resume();
  }

  private ended(tunnel: Tunnel, endedBy: string, reason: string, broken: boolean): void {
    this.tunnels.delete(tunnel.spec.id);
    if (tunnel.openedAt === null) return;
    this.recorder.ended(tunnel, endedBy, reason, broken);
  }
}

function hash(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseControl(text: string): TunnelControlFrame | null {
  try {
    const value: unknown = JSON.parse(text);
    return control.is(value) ? value : null;
  } catch {
    return null;
  }
}
