import { EventEmitter } from 'node:events';
import type { ClientRequestArgs } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { connect as tlsConnect, createSecureContext, TLSSocket, type ConnectionOptions, type SecureContext } from 'node:tls';
import WebSocket from 'ws';
import {
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  serverFrames,
  type AgentFacts,
  type AgentFrame,
  type ErrorCode,
  type HardwareIdentity,
  type ServerFrame,
  type WelcomeFrame,
} from '@pons/protocol';
import { authPayload, signText } from '@pons/crypto';
import { LinkError } from './link-error.js';

export type LinkAuth = { kind: 'hello'; machineId: string } | { kind: 'enroll'; token: string; identity: HardwareIdentity };

export interface ConnectOptions {
  serverUrl: string;
  /** The CA certificate, already checked against the pinned fingerprint. */
  caPem: string;
  key: { privateKey: KeyObject; publicKey: string };
  auth: LinkAuth;
  facts: AgentFacts;
  agentVersion: string;
  handshakeTimeoutMs?: number;
  /** The protocol version to speak (default: this release's); older ones are for tests. */
  protocol?: number;
  /** The local address to connect from (default: the system's choice). */
  localAddress?: string;
  /** A TLS session of an earlier connection to this server, to resume: no certificate exchange. */
  tlsSession?: Buffer;
  /** Given each TLS session the server offers, to resume the next connection with. */
  onTlsSession?: (session: Buffer) => void;
}

/** TLS sockets take a session to resume (undocumented in the types, there since Node 0.x). */
interface Resumable {
  setSession(session: Buffer): void;
}

/**
 * ws's own TLS connect, plus the session to resume and a listener for the ones the server sends
 * after the handshake (TLS 1.3 tickets), which come before ws would let us see the socket.
 */
function resumingConnect(
  options: ConnectOptions,
  opened: (socket: TLSSocket) => void,
): (o: ConnectionOptions & { path?: string }) => TLSSocket {
  return (o) => {
    o.path = undefined;
    if (!o.servername && o.servername !== '') o.servername = isIP(o.host ?? '') ? '' : o.host;
    // The session is given to the socket rather than as an option: tls.connect would decode it
    // twice (in the socket's set-up and again after), and decoding a session (it holds the
    // server's certificates) is most of what a resumed connect costs. The TCP connect has not
    // started yet when tls.connect returns. (The option remains, should that method ever go.)
    const late = options.tlsSession && typeof (TLSSocket.prototype as Partial<Resumable>).setSession === 'function';
    if (options.tlsSession && !late) o.session = options.tlsSession;
    const socket = tlsConnect(o);
    if (late) (socket as TLSSocket & Resumable).setSession(options.tlsSession!);
    if (options.onTlsSession) socket.on('session', options.onTlsSession);
    opened(socket);
    return socket;
  };
}

/** Errors after which retrying with the same credentials cannot succeed. */
const FATAL: ReadonlySet<ErrorCode> = new Set([
  'PONS_E_TOKEN_INVALID',
  'PONS_E_TOKEN_EXPIRED',
  'PONS_E_TOKEN_EXHAUSTED',
  'PONS_E_TOKEN_REVOKED',
  'PONS_E_UNKNOWN_MACHINE',
  'PONS_E_SIGNATURE_INVALID',
  'PONS_E_PROTOCOL_VERSION',
]);

// Building a TLS context from a CA costs about a millisecond; a simulator opening thousands of
// connections to one server shares one context per CA.
const contexts = new Map<string, SecureContext>();
function contextFor(caPem: string): SecureContext {
  let context = contexts.get(caPem);
  if (!context) {
    context = createSecureContext({ ca: caPem });
    contexts.set(caPem, context);
  }
  return context;
}

export function agentUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = '/agent/v1';
  url.search = '';
  return url.toString();
}

export interface AgentConnectionEvents {
  /** A validated frame, and its text as it came off the wire. */
  frame: [ServerFrame, string];
  close: [{ code: number; reason: string }];
}

/**
 * One authenticated connection to the server. `open` resolves once the server has welcomed the
 * agent; afterwards every validated server frame is emitted, and `close` tells why it ended.
 */
export class AgentConnection extends EventEmitter<AgentConnectionEvents> {
  private lastHeard = Date.now();
  private readonly backlog: Array<[ServerFrame, string]> = [];
  private watchdog: NodeJS.Timeout | null = null;

  private constructor(
    private readonly ws: WebSocket,
    readonly welcome: WelcomeFrame,
    /** Server clock minus ours, in ms, from the welcome frame; used to judge command expiry. */
    readonly clockOffsetMs: number,
    /** Whether TLS resumed an earlier session (no certificate exchange) rather than starting afresh. */
    readonly tlsResumed: boolean,
  ) {
    super();
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.on('ping', () => this.heard());
    ws.on('close', (code, reason) => {
      if (this.watchdog) clearInterval(this.watchdog);
      this.emit('close', { code, reason: reason.toString() });
    });
    // The server pings every interval; if it goes silent for three, the link is dead even if
    // the socket does not know it yet (a NAT dropped it, a laptop resumed from sleep).
    // A check that comes late means this process stalled (a long GC, a busy host): what the
    // server sent meanwhile is still unread, so that turn judges nothing.
    const silentLimit = welcome.pingIntervalMs * 3;
    const period = Math.min(welcome.pingIntervalMs, 5000);
    let lastCheck = Date.now();
    this.watchdog = setInterval(() => {
      const now = Date.now();
      const stalled = now - lastCheck > period * 1.5;
      lastCheck = now;
      if (!stalled && now - this.lastHeard > silentLimit) ws.terminate();
    }, period);
    this.watchdog.unref();
    // Frames that arrive with the welcome (a command queued for this machine, say) can come before
    // the caller has had a chance to listen; they wait in the backlog for the first listener.
    (this as EventEmitter).on('newListener', (event: string) => {
      if (event !== 'frame' || this.backlog.length === 0) return;
      const waiting = this.backlog.splice(0);
      process.nextTick(() => {
        for (const [frame, text] of waiting) this.emit('frame', frame, text);
      });
    });
  }

  static open(options: ConnectOptions): Promise<AgentConnection> {
    const timeoutMs = options.handshakeTimeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      let socket: TLSSocket | null = null;
      const tlsOptions = {
        secureContext: contextFor(options.caPem),
        // Trust comes from the pinned private CA, not from the name used to reach the server
        // (an IP address, a NAT name, a relay): any certificate it issued is ours.
        checkServerIdentity: () => undefined,
        perMessageDeflate: false,
        maxPayload: MAX_FRAME_BYTES,
        handshakeTimeout: timeoutMs,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        // ws passes its options on to this as it would to tls.connect (typed for http's options).
        createConnection: resumingConnect(options, (s) => (socket = s)) as unknown as ClientRequestArgs['createConnection'],
      };
      const ws = new WebSocket(agentUrl(options.serverUrl), tlsOptions);
      let settled = false;
      const timer = setTimeout(
        () => fail(new LinkError('PONS_E_UNAVAILABLE', `no welcome from the server within ${timeoutMs} ms`, false)),
        timeoutMs,
      );
      const fail = (error: LinkError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.terminate();
        reject(error);
      };
      ws.on('error', (error: NodeJS.ErrnoException) =>
        fail(new LinkError('PONS_E_UNAVAILABLE', `cannot connect: ${error.message}`, false, undefined, error.code === 'ECONNREFUSED')),
      );
      ws.on('close', (code, reason) =>
        fail(
          new LinkError(
            'PONS_E_UNAVAILABLE',
            `the server closed the connection (${code}${reason.length ? `: ${reason.toString()}` : ''})`,
            false,
            code,
          ),
        ),
      );
      ws.on('message', function onMessage(data: Buffer) {
        const decoded = serverFrames.decode(data.toString('utf8'));
        if (!decoded.ok) return fail(new LinkError('PONS_E_FRAME_INVALID', `the server sent an invalid frame: ${decoded.message}`, false));
        const frame = decoded.frame;
        if (frame.type === 'challenge') {
          const subject = options.auth.kind === 'hello' ? options.auth.machineId : 'enroll';
          const signature = signText(options.key.privateKey, authPayload(frame.nonce, subject, options.key.publicKey));
          const reply: AgentFrame =
            options.auth.kind === 'hello'
              ? {
                  type: 'hello',
                  protocol: options.protocol ?? PROTOCOL_VERSION,
                  agentVersion: options.agentVersion,
                  machineId: options.auth.machineId,
                  signature,
                  facts: options.facts,
                }
              : {
                  type: 'enroll',
                  protocol: options.protocol ?? PROTOCOL_VERSION,
                  agentVersion: options.agentVersion,
                  token: options.auth.token,
                  publicKey: options.key.publicKey,
                  signature,
                  identity: options.auth.identity,
                  facts: options.facts,
                };
          ws.send(JSON.stringify(reply));
        } else if (frame.type === 'error') {
          fail(new LinkError(frame.code, frame.message, FATAL.has(frame.code)));
        } else if (frame.type === 'welcome') {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          ws.removeAllListeners();
          ws.on('error', () => {});
          resolve(new AgentConnection(ws, frame, frame.serverTime - Date.now(), socket?.isSessionReused() ?? false));
        }
      });
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: AgentFrame): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Says why we leave, then closes; the server records the reason. */
  async goodbye(reason: 'agent-stopped' | 'host-sleep' | 'host-shutdown', waitMs = 2000): Promise<void> {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.send({ type: 'goodbye', reason });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, waitMs);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close(1000, reason);
    });
  }

  terminate(): void {
    this.ws.terminate();
  }

  private heard(): void {
    this.lastHeard = Date.now();
  }

  private receive(data: Buffer): void {
    this.heard();
    const text = data.toString('utf8');
    const decoded = serverFrames.decode(text);
    if (!decoded.ok) {
      this.ws.close(4000, 'invalid frame from server');
      return;
    }
    if (this.listenerCount('frame') === 0) this.backlog.push([decoded.frame, text]);
    else this.emit('frame', decoded.frame, text);
  }
}
