import type { WebSocket } from 'ws';
import type { TunnelKind, TunnelReadyFrame } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import { closeReason } from './socket-pipe.js';

export interface TunnelSpec {
  id: string;
  machineId: string;
  hostname: string;
  entityId: string;
  kind: TunnelKind;
  /** What it reaches, for the audit line: "127.0.0.1:5900", a path. */
  target: string;
  actor: { username: string; userId: string };
  address: string | null;
  /** A session's end is written in the audit log (a directory listing's is not). */
  audited: boolean;
}

/** Told of every tunnel that ends after it opened (the audit log). */
export interface TunnelEnds {
  opened(tunnel: Tunnel): void;
  ended(tunnel: Tunnel, endedBy: string, reason: string, broken: boolean): void;
}

export interface BrokerOptions {
  keepaliveMs: number;
  /** How long the console or CLI has to connect its end once the tunnel is up. */
  clientConnectMs: number;
  /** How long the agent has, once connected, to say `ready`. */
  agentReadyMs: number;
}

/** One tunnel between its opening and its end. */
export class Tunnel {
  agent: WebSocket | null = null;
  client: WebSocket | null = null;
  ready: TunnelReadyFrame | null = null;
  readonly bytes = { toMachine: 0, fromMachine: 0 };
  readonly createdAt = Date.now();
  openedAt: number | null = null;
  ended = false;
  settle!: { resolve: (ready: TunnelReadyFrame) => void; reject: (error: PonsError) => void };
  readonly up: Promise<TunnelReadyFrame>;
  private stops: Array<() => void> = [];

  constructor(
    readonly spec: TunnelSpec,
    readonly ticketHash: Buffer,
    private readonly onEnd: (tunnel: Tunnel, endedBy: string, reason: string, broken: boolean) => void,
  ) {
    this.up = new Promise<TunnelReadyFrame>((resolve, reject) => (this.settle = { resolve, reject }));
    this.up.catch(() => undefined);
  }

  addStop(stop: () => void): void {
    this.stops.push(stop);
  }

  /** Ends both sides once, with a reason each side (and the audit line) can show. */
  end(endedBy: string, reason: string, broken = false): void {
    if (this.ended) return;
    this.ended = true;
    for (const stop of this.stops) stop();
    this.settle.reject(new PonsError(broken ? 'PONS_E_TUNNEL_BROKEN' : 'PONS_E_TUNNEL_TIMEOUT', reason));
    const code = broken ? 4502 : 1000;
    for (const ws of [this.agent, this.client]) {
      if (ws && ws.readyState === ws.OPEN) ws.close(code, closeReason(reason));
      else ws?.terminate();
    }
    this.onEnd(this, endedBy, reason, broken);
  }
}
