import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CloseCode,
  InventoryDocument,
  Validator,
  type CommandArgs,
  type CommandFrame,
  type DeployCancelArgs,
  type DeployStartArgs,
  type ServerFrame,
} from '@pons/protocol';
import {
  AgentConnection,
  attemptAfterFailure,
  CommandGuard,
  fetchPinnedCa,
  fullJitterDelay,
  HEALTHY_MS,
  LinkError,
  MAX_ATTEMPT,
  RESTART_ATTEMPT,
  sendMagicPackets,
  type LinkAuth,
} from '@pons/agent-link';
import type { AgentConfig } from './config.js';
import type { InventoryCollector } from './inventory/index.js';
import { nextInventoryDelay } from './inventory-schedule.js';
import { JobManager } from './deploy/job-manager.js';
import { notifyUser } from './platform/notify.js';
import { QuickActions } from './quick-actions.js';
import { TunnelError } from './remote/tunnel-error.js';
import { Tunnels } from './remote/tunnels.js';
import type { AgentLogger } from './log.js';
import { AgentState } from './state/agent-state.js';
import { AGENT_VERSION } from './version.js';

/** Exit codes of `pons agent`, for service managers and scripts. */
export const AgentExit = { ok: 0, enrollmentRefused: 2, untrustedServer: 3, badConfig: 78 } as const;

const inventoryValidator = new Validator(InventoryDocument);

export interface AgentDeps {
  log: AgentLogger;
  collector: InventoryCollector;
  stopReason: () => Promise<'host-shutdown' | 'agent-stopped'>;
}

export class Agent {
  private state: AgentState | null = null;
  private connection: AgentConnection | null = null;
  private stopping = false;
  private readonly abort = new AbortController();
  private inventoryTimer: NodeJS.Timeout | null = null;
  private collecting: Promise<void> | null = null;
  /** Set between a sleep announcement and the wake-up: no reconnect attempts meanwhile. */
  private serverIndex = 0;
  private asleep: { promise: Promise<void>; resolve: () => void } | null = null;
  private jobs: JobManager | null = null;
  private quick: QuickActions | null = null;
  private tunnels: Tunnels | null = null;

  constructor(
    private readonly config: AgentConfig,
    private readonly deps: AgentDeps,
  ) {}

  /** Connects and stays connected until stopped; resolves with the process exit code. */
  async run(): Promise<number> {
    const { config, deps } = this;
    const enrolled = AgentState.exists(config.stateDir);
    if (!enrolled && (!config.servers || !config.caFingerprint || !config.token)) {
      deps.log.error('not enrolled yet: --server, --token and --ca-fingerprint are all needed the first time');
      return AgentExit.badConfig;
    }
    const state = AgentState.open(config.stateDir, { servers: config.servers ?? [], caFingerprint: config.caFingerprint ?? '' });
    this.state = state;
    if (config.servers && config.servers.join() !== state.data.servers.join()) state.update({ servers: config.servers });
    // Start on a random node, so that a fleet spreads over the servers it is given.
    this.serverIndex = Math.floor(Math.random() * state.data.servers.length);
    if (config.caFingerprint && config.caFingerprint !== state.data.caFingerprint) {
      state.update({ caFingerprint: config.caFingerprint });
      state.caPem = null;
    }
    this.jobs = new JobManager({
      stateDir: config.stateDir,
      caPem: () => state.caPem ?? '',
      serverUrl: () => this.server,
      machineId: () => state.data.machineId ?? '',
      rebootCommand: config.rebootCommand,
      log: deps.log,
    });
    this.jobs.resume();
    this.quick = new QuickActions({
      rebootCommand: config.rebootCommand,
      shutdownCommand: config.shutdownCommand,
      notify: notifyUser,
      machineId: () => state.data.machineId ?? '',
      log: deps.log,
    });
    this.tunnels = new Tunnels({
      config: config.remote,
      serverUrl: () => this.server,
      caPem: () => state.caPem ?? '',
      machineId: () => state.data.machineId ?? '',
      key: state.privateKey,
      log: deps.log,
    });
    let attempt = 0;
    while (!this.stopping) {
      const outcome = await this.connectOnce();
      if (typeof outcome === 'number') return outcome;
      if (this.stopping) break;
      if (this.asleep) await this.asleep.promise;
      // A connection that failed, or a node that went away, sends us to the next server in the list.
      if (!outcome.healthy) this.serverIndex = (this.serverIndex + 1) % state.data.servers.length;
      attempt = outcome.healthy
        ? 0
        : outcome.attempt === 'restart'
          ? Math.max(attempt, RESTART_ATTEMPT)
          : outcome.attempt === 'max'
            ? MAX_ATTEMPT
            : attemptAfterFailure(attempt, outcome.attempt === 'refused');
      const delay = fullJitterDelay(attempt, config.reconnectBaseMs, config.reconnectMaxMs);
      deps.log.info(`reconnecting in ${delay} ms`, { attempt, reason: outcome.reason });
      await sleep(delay, undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
    return AgentExit.ok;
  }

  /** TLS sessions by server, so that a reconnect (after a server restart, say) resumes its session. */
  private readonly tlsSessions = new Map<string, Buffer>();

  private resumption(server: string): { tlsSession?: Buffer; onTlsSession: (session: Buffer) => void } {
    const session = this.tlsSessions.get(server);
    return { ...(session ? { tlsSession: session } : {}), onTlsSession: (s) => this.tlsSessions.set(server, s) };
  }

  private get server(): string {
    const servers = this.state!.data.servers;
    return servers[this.serverIndex % servers.length]!;
  }

  /** One connection, from TLS to close. Returns an exit code when the agent must give up. */
  private async connectOnce(): Promise<number | { healthy: boolean; attempt: 'next' | 'refused' | 'restart' | 'max'; reason: string }> {
    const state = this.state!;
    const { config, deps } = this;
    let caPem = state.caPem;
    if (!caPem) {
      try {
        caPem = await fetchPinnedCa(this.server, state.data.caFingerprint);
        state.caPem = caPem;
      } catch (error) {
        const link = error as LinkError;
        if (link.fatal && !state.data.machineId) {
          deps.log.error(`the server cannot be verified: ${link.message}`);
          return AgentExit.untrustedServer;
        }
        return { healthy: false, attempt: link.refused ? 'refused' : 'next', reason: link.message };
      }
    }
    const auth: LinkAuth | null = state.data.machineId
      ? { kind: 'hello', machineId: state.data.machineId }
      : config.token
        ? {
            kind: 'enroll',
            token: config.token,
            identity: {
              ...(config.identity === 'auto' ? await deps.collector.hardwareIdentity() : {}),
              generatedId: state.data.generatedId,
            },
          }
        : null;
    if (!auth) {
      deps.log.error('this agent has no machine id and no enrollment token; run it once with --token');
      return AgentExit.badConfig;
    }
    let connection: AgentConnection;
    try {
      connection = await AgentConnection.open({
        serverUrl: this.server,
        caPem,
        key: { privateKey: state.privateKey, publicKey: state.publicKey },
        auth,
        facts: await deps.collector.facts(),
        agentVersion: AGENT_VERSION,
        ...this.resumption(this.server),
      });
    } catch (error) {
      const link = error instanceof LinkError ? error : new LinkError('PONS_E_UNAVAILABLE', String(error), false);
      if (link.fatal && auth.kind === 'enroll') {
        deps.log.error(`enrollment refused: ${link.message}`, { code: link.code });
        return AgentExit.enrollmentRefused;
      }
      if (link.fatal && auth.kind === 'hello' && config.token) {
        deps.log.warn(`the server does not accept this machine's identity (${link.message}); enrolling again with the token`);
        state.update({ machineId: null, commandKey: null });
        return { healthy: false, attempt: 'next', reason: link.code };
      }
      if (link.fatal) deps.log.error(`the server refused this agent: ${link.message}; retrying slowly`, { code: link.code });
      else deps.log.warn(link.message);
      return { healthy: false, attempt: link.fatal ? 'max' : link.refused ? 'refused' : 'next', reason: link.code };
    }
    const welcome = connection.welcome;
    if (auth.kind === 'enroll') {
      state.update({ machineId: welcome.machineId, commandKey: welcome.commandKey ?? null });
      deps.log.info('enrolled', { machineId: welcome.machineId });
    }
    deps.log.info('connected', { machineId: welcome.machineId, server: this.server, tlsResumed: connection.tlsResumed });
    const connectedAt = Date.now();
    this.connection = connection;
    const guard = state.data.commandKey ? new CommandGuard(state.data.commandKey, welcome.machineId) : null;
    connection.on('frame', (frame) => this.onFrame(frame, guard));
    this.jobs?.connected((frame) => {
      connection.send(frame);
      return true;
    });
    if (welcome.inventoryWanted) this.sendInventory('first-connect');
    this.scheduleInventory(welcome.inventoryIntervalMs);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => connection.once('close', resolve));
    this.connection = null;
    this.jobs?.connected(null);
    if (this.inventoryTimer) clearTimeout(this.inventoryTimer);
    deps.log.info('disconnected', { code: closed.code, reason: closed.reason });
    const healthy = Date.now() - connectedAt >= HEALTHY_MS && closed.code !== CloseCode.replaced;
    const attempt = closed.code === CloseCode.serverRestart ? 'restart' : closed.code === CloseCode.replaced ? 'max' : 'next';
    return { healthy: healthy && attempt !== 'restart', attempt, reason: `closed ${closed.code}` };
  }

  private onFrame(frame: ServerFrame, guard: CommandGuard | null): void {
    if (frame.type === 'ack') this.jobs?.acknowledged(frame.replyTo);
    if (frame.type !== 'command') return;
    try {
      this.runCommand(frame, guard);
    } catch (error) {
      this.deps.log.error('command failed', { commandId: frame.id, error: String(error) });
    }
  }

  private runCommand(frame: CommandFrame, guard: CommandGuard | null): void {
    const connection = this.connection;
    if (!connection) return;
    const check = guard
      ? guard.check(frame, connection.clockOffsetMs)
      : { ok: false as const, message: 'no command key was pinned at enrollment' };
    if (!check.ok) {
      this.deps.log.warn(`command refused: ${check.message}`, { commandId: frame.id, name: frame.name });
      connection.send({
        type: 'result',
        commandId: frame.id,
        status: 'rejected',
        error: { code: 'PONS_E_SIGNATURE_INVALID', message: check.message },
      });
      return;
    }
    switch (check.name) {
      case 'echo':
        connection.send({
          type: 'result',
          commandId: frame.id,
          status: 'ok',
          output: { payload: (frame.args as { payload?: string }).payload ?? '' },
        });
        return;
      case 'inventory.collect':
        connection.send({ type: 'result', commandId: frame.id, status: 'ok', output: { accepted: true } });
        this.sendInventory('request');
        return;
      case 'deploy.start': {
        const started = this.jobs!.start(frame.args as DeployStartArgs);
        connection.send(
          started.ok
            ? { type: 'result', commandId: frame.id, status: 'ok', output: { accepted: true, already: started.already } }
            : { type: 'result', commandId: frame.id, status: 'error', error: { code: 'PONS_E_PACKAGE_INVALID', message: started.message } },
        );
        return;
      }
      case 'deploy.cancel':
        connection.send({
          type: 'result',
          commandId: frame.id,
          status: 'ok',
          output: { cancelled: this.jobs!.cancel(frame.args as DeployCancelArgs) },
        });
        return;
      case 'machine.reboot':
      case 'machine.shutdown':
        return this.answer(frame, this.quick!.power(check.name === 'machine.reboot' ? 'reboot' : 'shutdown', frame.args));
      case 'shell.run':
        return this.answer(frame, this.quick!.run(frame.args as CommandArgs<'shell.run'>));
      case 'agent.reconfigure':
        return this.answer(frame, Promise.resolve(this.reconfigure(frame.args as CommandArgs<'agent.reconfigure'>)));
      case 'tunnel.open':
        return this.answer(frame, this.tunnels!.start(frame.args as CommandArgs<'tunnel.open'>));
      case 'wol.send':
        return this.answer(
          frame,
          sendMagicPackets((frame.args as CommandArgs<'wol.send'>).macs, frame.args as CommandArgs<'wol.send'>).then((packets) => ({
            packets,
          })),
        );
    }
  }

  /** Sends the outcome of a command that takes time, on the connection of the moment. */
  private answer(frame: CommandFrame, work: Promise<unknown>): void {
    work.then(
      (output) => this.connection?.send({ type: 'result', commandId: frame.id, status: 'ok', output }),
      (error: unknown) =>
        this.connection?.send({
          type: 'result',
          commandId: frame.id,
          status: 'error',
          error: {
            code: error instanceof TunnelError ? error.code : 'PONS_E_INTERNAL',
            message: (error as Error).message.slice(0, 4000),
          },
        }),
    );
  }

  /** New servers take effect at once: the agent reconnects to them (after answering). */
  private reconfigure(args: CommandArgs<'agent.reconfigure'>): { servers: string[]; logLevel: string | null } {
    if (args.logLevel) this.deps.log.setLevel?.(args.logLevel);
    if (args.servers && args.servers.join() !== this.state!.data.servers.join()) {
      this.state!.update({ servers: args.servers });
      this.serverIndex = 0;
      const connection = this.connection;
      setTimeout(() => connection?.terminate(), 500).unref();
    }
    this.deps.log.info('reconfigured by the server', { servers: this.state!.data.servers, logLevel: args.logLevel });
    return { servers: this.state!.data.servers, logLevel: args.logLevel ?? null };
  }

  private scheduleInventory(intervalMs: number): void {
    if (this.inventoryTimer) clearTimeout(this.inventoryTimer);
    const delay = nextInventoryDelay(this.state!.data.lastInventoryAt, intervalMs, Date.now());
    this.inventoryTimer = setTimeout(
      () => {
        this.sendInventory('schedule');
        this.scheduleInventory(intervalMs);
      },
      Math.min(delay, 2_147_000_000),
    );
    this.inventoryTimer.unref();
  }

  /** Collects and sends a full inventory; a request while one is running joins it. */
  private sendInventory(reason: 'first-connect' | 'schedule' | 'request'): void {
    this.collecting ??= (async () => {
      try {
        const document = await this.deps.collector.collect();
        const valid = inventoryValidator.validate(document);
        if (!valid.ok) {
          this.deps.log.error(`inventory document is invalid, not sent: ${valid.message}`);
          return;
        }
        this.connection?.send({ type: 'inventory', id: randomUUID(), reason, document });
        this.state?.update({ lastInventoryAt: Date.now() });
        this.deps.log.info('inventory sent', { reason, software: document.software?.length ?? 0 });
      } finally {
        this.collecting = null;
      }
    })();
  }

  /** The host is about to sleep: say so and drop the link; `run` reconnects after the wake-up. */
  async sleep(): Promise<void> {
    if (!this.asleep) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.asleep = { promise, resolve };
    }
    const connection = this.connection;
    if (connection) await connection.goodbye('host-sleep');
  }

  wake(): void {
    this.asleep?.resolve();
    this.asleep = null;
  }

  /** Announces why we leave, closes the connection and ends `run`. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake();
    this.abort.abort();
    this.tunnels?.closeAll();
    if (this.inventoryTimer) clearTimeout(this.inventoryTimer);
    const connection = this.connection;
    if (connection) await connection.goodbye(await this.deps.stopReason());
  }
}
