import type { IncomingMessage } from 'node:http';
import { refuseUpgrade, type Upgrades } from '../platform/http/upgrades.js';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import {
  CloseCode,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  type AgentFrame,
  type EnrollFrame,
  type ErrorCode,
  type HelloFrame,
  type ResultFrame,
} from '@pons/protocol';
import { authPayload, randomToken, verifyText } from '@pons/crypto';
import type { BruteForceGuard } from '../platform/brute-force.js';
import type { Clock } from '../platform/clock.js';
import type { CommandKey } from '../platform/crypto/command-key.js';
import { isPonsError } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import type { EnrollmentService } from '../modules/enrollment/index.js';
import type { CommandsService } from '../modules/commands/index.js';
import type { InventoryService } from '../modules/inventory/index.js';
import type { MachinesService } from '../modules/machines/index.js';
import type { JobReports } from '../modules/deployments/index.js';
import { AgentSession, type SessionHost } from './agent-session.js';
import { CommandCarrier } from './command-carrier.js';
import { clientAddress } from './client-address.js';

export const AGENT_PATH = '/agent/v1';

/** Sorts by admission time (then at random), so that the newest connection of a machine wins. */
export function connectionId(nodeId: string): string {
  return `${String(Date.now()).padStart(15, '0')}-${nodeId.slice(0, 8)}-${randomToken(6, 'hex')}`;
}

export interface GatewayOptions {
  pingIntervalMs: number;
  missedPongsAllowed: number;
  authTimeoutMs: number;
  inventoryIntervalMs: number;
  trustedProxies: string[];
}

export interface GatewayDeps {
  /** This server process, among the nodes sharing the database. */
  nodeId: string;
  enrollment: EnrollmentService;
  machines: MachinesService;
  inventory: InventoryService;
  commands: CommandsService;
  jobs: JobReports;
  commandKey: CommandKey;
  guard: BruteForceGuard;
  metrics: Metrics;
  log: Logger;
  clock: Clock;
}

const TOKEN_ERRORS = new Set<ErrorCode>(['PONS_E_TOKEN_INVALID', 'PONS_E_TOKEN_EXPIRED', 'PONS_E_TOKEN_EXHAUSTED', 'PONS_E_TOKEN_REVOKED']);

/**
 * The agent endpoint: accepts WebSocket upgrades on `/agent/v1`, authenticates each agent by its
 * key, keeps one session per machine, watches presence with pings and carries signed commands.
 */
export class AgentGateway implements SessionHost {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  private readonly sessions = new Set<AgentSession>();
  private readonly byMachine = new Map<string, AgentSession>();
  readonly carrier: CommandCarrier;
  private sweepTimer: NodeJS.Timeout | null = null;
  private lastTouch = 0;
  private lastSweepAt = Date.now();
  private sweepTickMs = 1000;
  private stopping = false;

  constructor(
    private readonly options: GatewayOptions,
    private readonly deps: GatewayDeps,
  ) {
    this.carrier = new CommandCarrier(
      deps.commands,
      (id) => this.byMachine.get(id),
      deps.commandKey.privateKey,
      deps.metrics,
      deps.log,
      () => deps.clock.now(),
    );
  }

  attach(upgrades: Upgrades): void {
    upgrades.on(AGENT_PATH, (request, socket, head) => this.upgrade(request, socket, head));
    // A short tick spreads the pings: agents that connected within the same second are not all
    // pinged in one burst (at 1 s, some 400 pings at once held the agents' answers to commands).
    const tick = Math.max(20, Math.min(250, Math.floor(this.options.pingIntervalMs / 10)));
    this.sweepTickMs = tick;
    this.lastSweepAt = Date.now();
    this.sweepTimer = setInterval(() => this.sweep(), tick);
    this.sweepTimer.unref();
  }

  get connectedCount(): number {
    return this.byMachine.size;
  }

  isConnected(machineId: string): boolean {
    return this.byMachine.has(machineId);
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.stopping) return refuseUpgrade(socket, 503, 'Service Unavailable');
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const address = clientAddress(request, this.options.trustedProxies);
      const session = new AgentSession(ws, socket, address, this, this.deps.clock.now(), this.options.authTimeoutMs);
      this.sessions.add(session);
    });
  }

  countIn(type: string): void {
    this.deps.metrics.framesIn.inc({ type });
  }

  countOut(type: string): void {
    this.deps.metrics.framesOut.inc({ type });
  }

  reject(code: ErrorCode): void {
    this.deps.metrics.agentRejections.inc({ code });
  }

  onResult(session: AgentSession, frame: ResultFrame): void {
    this.carrier.onResult(session, frame, this.deps.clock.now());
  }

  async onFrame(session: AgentSession, frame: AgentFrame): Promise<void> {
    switch (frame.type) {
      case 'enroll':
        return this.enroll(session, frame);
      case 'hello':
        return this.hello(session, frame);
      case 'inventory':
        await this.deps.inventory.store(session.machineId!, frame.document);
        return session.send({ type: 'ack', replyTo: frame.id });
      case 'result':
        return this.onResult(session, frame);
      case 'job':
        await this.deps.jobs.apply(session.machineId!, frame);
        return session.send({ type: 'ack', replyTo: frame.id });
      case 'goodbye':
        session.goodbye = frame.reason;
        return;
    }
  }

  private refuse(session: AgentSession, code: ErrorCode, message: string, countsAsFailure: boolean): void {
    if (countsAsFailure) this.deps.guard.recordFailure(session.address, `agent authentication (${code})`);
    this.deps.log.info({ address: session.address, code }, `agent refused: ${message}`);
    session.fail(code, message, CloseCode.authFailed);
  }

  private async enroll(session: AgentSession, frame: EnrollFrame): Promise<void> {
    try {
      this.deps.guard.assertAllowed(session.address);
    } catch (error) {
      return this.refuse(session, 'PONS_E_BANNED', (error as Error).message, false);
    }
    if (!verifyText(frame.publicKey, authPayload(session.nonce, 'enroll', frame.publicKey), frame.signature)) {
      return this.refuse(
        session,
        'PONS_E_SIGNATURE_INVALID',
        'the enrollment signature does not match the public key and this connection',
        true,
      );
    }
    let result: Awaited<ReturnType<EnrollmentService['enroll']>>;
    try {
      result = await this.deps.enrollment.enroll(frame, session.address);
    } catch (error) {
      if (!isPonsError(error)) throw error;
      return this.refuse(session, error.code, error.message, TOKEN_ERRORS.has(error.code));
    }
    this.deps.log.info(
      { machineId: result.machineId, hostname: frame.facts.hostname, reenrolled: result.reenrolled, address: session.address },
      'agent enrolled',
    );
    this.admit(session, result.machineId, frame.facts, frame.agentVersion, true, true);
  }

  private async hello(session: AgentSession, frame: HelloFrame): Promise<void> {
    const credentials = await this.deps.machines.credentials(frame.machineId);
    if (!credentials)
      return this.refuse(
        session,
        'PONS_E_UNKNOWN_MACHINE',
        `machine ${frame.machineId} is not enrolled here; enrol again with a token`,
        true,
      );
    if (!verifyText(credentials.public_key, authPayload(session.nonce, frame.machineId, credentials.public_key), frame.signature)) {
      return this.refuse(session, 'PONS_E_SIGNATURE_INVALID', 'the signature does not prove the key enrolled for this machine', true);
    }
    this.admit(session, frame.machineId, frame.facts, frame.agentVersion, credentials.inventory_at === null, false);
  }

  private admit(
    session: AgentSession,
    machineId: string,
    facts: HelloFrame['facts'],
    agentVersion: string,
    inventoryWanted: boolean,
    enrolled: boolean,
  ): void {
    if (session.state === 'closed') return;
    const previous = this.byMachine.get(machineId);
    if (previous && previous !== session) {
      this.deps.log.info({ machineId, old: previous.address, new: session.address }, 'agent connection replaced by a newer one');
      previous.end('replaced', CloseCode.replaced, 'replaced by a newer connection');
    }
    session.ready(machineId);
    this.byMachine.set(machineId, session);
    this.deps.metrics.agentsConnected.set(this.byMachine.size);
    session.connectionId = connectionId(this.deps.nodeId);
    this.deps.machines.recordOnline(machineId, { nodeId: this.deps.nodeId, connectionId: session.connectionId }, facts, agentVersion);
    session.send({
      type: 'welcome',
      machineId,
      protocol: PROTOCOL_VERSION,
      serverTime: this.deps.clock.now(),
      pingIntervalMs: this.options.pingIntervalMs,
      inventoryIntervalMs: this.options.inventoryIntervalMs,
      inventoryWanted,
      ...(enrolled ? { commandKey: this.deps.commandKey.publicKey } : {}),
    });
    this.carrier.onAdmitted(session);
  }

  onClosed(session: AgentSession): void {
    this.sessions.delete(session);
    if (session.machineId) this.carrier.onClosed(session);
    const machineId = session.machineId;
    if (!machineId || this.byMachine.get(machineId) !== session) return;
    this.byMachine.delete(machineId);
    this.deps.metrics.agentsConnected.set(this.byMachine.size);
    const reason = session.offlineReason();
    this.deps.machines.recordOffline(machineId, session.connectionId!, reason);
    this.deps.log.debug({ machineId, reason }, 'agent offline');
  }

  /** Pings each session once per interval; drops those that missed too many pongs. */
  private sweep(): void {
    const now = Date.now();
    // After a stall of this process (a long GC, a burst of work), timers run before the sockets
    // are read, and the stall is not the agents' fault: judge nobody on that turn, ping everyone
    // whose time ran out and give them the usual time to answer (what was unread counts too).
    const stalled = now - this.lastSweepAt > this.sweepTickMs * 3;
    this.lastSweepAt = now;
    const { pingIntervalMs: interval, missedPongsAllowed } = this.options;
    // A quarter interval short of N intervals since the last sign of life, so that with the sweep
    // tick and the presence flush the console still shows the machine offline within N intervals.
    // A live agent answers a ping within milliseconds; it has three quarters of an interval.
    const deadline = missedPongsAllowed * interval - Math.floor(interval / 4);
    for (const session of this.sessions) {
      if (session.state !== 'ready') continue;
      if (now - session.lastPongAt >= deadline && stalled) {
        session.lastPongAt = now - interval;
        session.ping(now);
      } else if (now - session.lastPongAt >= deadline) {
        session.kill('network-timeout');
      } else if (now - session.lastPingAt >= interval && (now - session.lastPongAt >= interval || now - session.lastSentAt >= interval)) {
        // Only a quiet link is pinged: frames both ways within the interval prove it alive to both ends.
        session.ping(now);
      }
    }
    if (now - this.lastTouch >= interval && this.byMachine.size > 0) {
      this.lastTouch = now;
      this.deps.machines
        .touch([...this.byMachine.keys()])
        .catch((error: unknown) => this.deps.log.warn({ err: error }, 'could not record last-seen times'));
    }
  }

  /**
   * Closes every agent connection; says how long each part took (a slow stop delays the restart).
   * `exiting`: the process exits right after, and the kernel closes its sockets at once and for
   * free; the connections are only told (close frames), no longer read, and their machines
   * recorded offline. Otherwise each is dropped and its close awaited (a server inside a process
   * that goes on, as in tests).
   */
  async stop(options: { exiting?: boolean } = {}): Promise<Record<string, number>> {
    const took: Record<string, number> = {};
    let at = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      took[name] = Math.round(now - at);
      at = now;
    };
    this.stopping = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.carrier.stop();
    const sessions = this.sessions.size;
    // Each agent is told it is a restart (close code 1012: agents come back spread over a window),
    // and its connection dropped at once: the frame is written straight to the kernel, which sends
    // it ahead of the connection's end. (Where writes were still queued, the agent sees a dropped
    // connection instead, and comes back all the same.) Waiting for thousands of answers, and the
    // TLS shutdown of each, kept a 19,000-agent server from exiting for 8 s, its restart with it.
    for (const session of this.sessions) session.end('server-stopped', CloseCode.serverRestart, 'server stopping');
    lap('closeFrames');
    if (options.exiting) {
      for (const session of this.sessions) {
        session.socket.pause();
        this.onClosed(session);
      }
      lap('recorded');
      return { sessions, ...took };
    }
    for (const session of this.sessions) session.kill('server-stopped');
    // Each socket's close comes a turn later, and records its machine offline ("server-stopped").
    const deadline = performance.now() + 5000;
    while (this.sessions.size > 0 && performance.now() < deadline) await new Promise((r) => setImmediate(r));
    lap('drop');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    lap('close');
    return { sessions, ...took };
  }
}
