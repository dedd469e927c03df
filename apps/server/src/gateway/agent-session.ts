import { randomToken } from '@pons/crypto';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import {
  CloseCode,
  MAX_FRAME_BYTES,
  MAX_PREAUTH_FRAME_BYTES,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  agentFrames,
  type AgentFrame,
  type ErrorCode,
  type GoodbyeReason,
  type OfflineReason,
  type ResultFrame,
  type ServerFrame,
} from '@pons/protocol';

export type SessionState = 'challenge' | 'authenticating' | 'ready' | 'closed';

export interface SessionHost {
  onFrame(session: AgentSession, frame: AgentFrame): Promise<void>;
  /** An answer to a command: recorded at once, nothing awaited. */
  onResult(session: AgentSession, frame: ResultFrame): void;
  onClosed(session: AgentSession): void;
  countIn(type: string): void;
  countOut(type: string): void;
  reject(code: ErrorCode): void;
}

/**
 * One agent connection: challenge, authentication, then frames in order. It knows the socket
 * and the frame rules; what a frame means is the gateway's business.
 */
export class AgentSession {
  readonly nonce = randomToken(32, 'base64url');
  state: SessionState = 'challenge';
  machineId: string | null = null;
  /** The protocol version the agent spoke in its enroll or hello frame. */
  protocol = 0;
  /** Set when admitted; presence writes for this connection are guarded by it. */
  connectionId: string | null = null;
  /** The last sign of life from the agent: a pong or any frame. */
  lastPongAt: number;
  lastPingAt: number;
  /** The last frame or ping written to the agent: the agent, too, judges the link by what it hears. */
  lastSentAt: number;
  /** What the agent announced before leaving, if anything. */
  goodbye: GoodbyeReason | null = null;
  /** Set by the server when it ends the connection itself, so the close is not misread. */
  endReason: OfflineReason | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Frames chained on the queue and not yet handled. */
  private queued = 0;
  private authTimer: NodeJS.Timeout | null;

  constructor(
    readonly ws: WebSocket,
    /** The connection under the WebSocket, to stop reading it when the process is about to exit. */
    readonly socket: Duplex,
    readonly address: string,
    private readonly host: SessionHost,
    now: number,
    authTimeoutMs: number,
  ) {
    this.lastPongAt = now;
    this.lastPingAt = now;
    this.lastSentAt = now;
    this.authTimer = setTimeout(
      () => this.fail('PONS_E_AUTH_FAILED', `no enroll or hello frame within ${authTimeoutMs} ms`, CloseCode.authTimeout),
      authTimeoutMs,
    );
    ws.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    ws.on('pong', () => {
      this.lastPongAt = Date.now();
    });
    ws.on('error', () => {
      // ws reports oversized or malformed frames here, then closes; the close handler records it.
      this.endReason ??= 'protocol-error';
    });
    ws.on('close', () => this.closed());
    this.send({ type: 'challenge', nonce: this.nonce, serverTime: now, protocol: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION } });
  }

  /**
   * Whether a command may be sent here: admitted, and not leaving. An agent that said goodbye or
   * started the closing handshake will not run it; its machine's commands wait in the queue.
   */
  get takesCommands(): boolean {
    return this.state === 'ready' && this.goodbye === null && this.ws.readyState === this.ws.OPEN;
  }

  send(frame: ServerFrame): void {
    this.sendRaw(JSON.stringify(frame), frame.type);
  }

  /** Sends a frame already serialised (a broadcast or a set member's frame, built once and sent as is). */
  sendRaw(data: string | Buffer, type: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.lastSentAt = Date.now();
    // A Buffer is sent as is (a text frame): a broadcast is encoded once for every connection.
    this.ws.send(data, { binary: false });
    this.host.countOut(type);
  }

  /** A ping: a send too, since the agent judges the link by what it hears. */
  ping(now: number): void {
    this.lastPingAt = now;
    this.lastSentAt = now;
    this.ws.ping();
  }

  ready(machineId: string): void {
    this.machineId = machineId;
    this.state = 'ready';
    if (this.authTimer) clearTimeout(this.authTimer);
    this.authTimer = null;
  }

  /** Tells the agent what went wrong, then closes. */
  fail(code: ErrorCode, message: string, closeCode: number = CloseCode.protocolError): void {
    if (this.state === 'closed') return;
    this.host.reject(code);
    this.send({ type: 'error', code, message });
    this.end('protocol-error', closeCode, message);
  }

  end(reason: OfflineReason, closeCode: number, text: string): void {
    this.endReason ??= reason;
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(closeCode, text.slice(0, 120));
  }

  /** Drops the socket without a closing handshake (the peer is not answering anyway). */
  kill(reason: OfflineReason): void {
    this.endReason ??= reason;
    this.ws.terminate();
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.state === 'closed') return;
    this.lastPongAt = Date.now();
    if (isBinary) return this.fail('PONS_E_FRAME_INVALID', 'binary frames are not part of the protocol');
    const limit = this.state === 'ready' ? MAX_FRAME_BYTES : MAX_PREAUTH_FRAME_BYTES;
    if (data.length > limit)
      return this.fail('PONS_E_FRAME_TOO_LARGE', `frame of ${data.length} bytes exceeds the ${limit}-byte limit`, CloseCode.tooBig);
    const decoded = agentFrames.decode(data.toString('utf8'));
    if (!decoded.ok) return this.fail('PONS_E_FRAME_INVALID', decoded.message);
    const frame = decoded.frame;
    this.host.countIn(frame.type);
    const authFrame = frame.type === 'enroll' || frame.type === 'hello';
    if (this.state === 'ready' && authFrame) return this.fail('PONS_E_PROTOCOL', `${frame.type} after authentication`);
    if (this.state !== 'ready' && !authFrame) return this.fail('PONS_E_PROTOCOL', `${frame.type} before authentication`);
    if (this.state === 'authenticating') return this.fail('PONS_E_PROTOCOL', 'a second authentication frame while the first is checked');
    if (frame.type === 'goodbye') {
      // Taken at once, not queued behind slower frames: the close that follows must see it.
      this.goodbye = frame.reason;
      return;
    }
    if (authFrame) {
      this.state = 'authenticating';
      this.protocol = frame.protocol;
      if (frame.protocol < MIN_PROTOCOL_VERSION || frame.protocol > PROTOCOL_VERSION) {
        return this.fail(
          'PONS_E_PROTOCOL_VERSION',
          `protocol ${frame.protocol} is not supported; this server speaks ${MIN_PROTOCOL_VERSION} to ${PROTOCOL_VERSION}`,
        );
      }
    }
    if (frame.type === 'result' && this.queued === 0) {
      // An answer needs nothing awaited: with nothing queued before it, it is taken at once
      // (no promises per answer, thousands a second); behind other frames it keeps its place.
      try {
        this.host.onResult(this, frame);
      } catch {
        this.handlingFailed();
      }
      return;
    }
    this.queued++;
    this.queue = this.queue
      .then(() => this.host.onFrame(this, frame))
      .catch(() => this.handlingFailed())
      .then(() => void this.queued--);
  }

  private handlingFailed(): void {
    this.fail('PONS_E_INTERNAL', 'the server failed to handle a frame');
  }

  private closed(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.authTimer) clearTimeout(this.authTimer);
    this.host.onClosed(this);
  }

  /** Why this connection ended, as shown to users. */
  offlineReason(): OfflineReason {
    if (this.goodbye) return this.goodbye;
    return this.endReason ?? 'connection-lost';
  }
}
