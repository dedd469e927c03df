import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AgentConnection,
  attemptAfterClose,
  attemptAfterFailure,
  fetchPinnedCa,
  fullJitterDelay,
  LinkError,
  type LinkAuth,
} from '@pons/agent-link';
import type { DeployStartArgs, ServerFrame } from '@pons/protocol';
import { CommandDesk } from './command-desk.js';
import { runSimJob } from './sim-deploy.js';
import { ConnectScheduler } from './connect-scheduler.js';
import { SimAgent } from './sim-agent.js';
import { simFacts, simIdentity } from './sim-identity.js';
import { SIM_AGENT_VERSION, simInventory } from './sim-inventory.js';
import { newRunId, type SimOptions } from './sim-options.js';
import { SimStats } from './sim-stats.js';
import { decodeKey, encodeKey, loadState, saveState, StateFileError, type SavedAgent } from './state-file.js';

export type SimLog = (line: string) => void;

/**
 * N simulated agents in one process. Each has its own key, identity and TLS connection and
 * speaks the real protocol through `@pons/agent-link`; the CA, the command key, the backoff timer
 * and the counters are shared.
 */
export class Simulator {
  readonly stats: SimStats;
  private readonly desk: CommandDesk;
  private readonly scheduler: ConnectScheduler<SimAgent>;
  private caPem = '';
  private stopping = false;
  private onSettled: (() => void) | null = null;
  readonly settled: Promise<void>;

  private constructor(
    private readonly options: SimOptions,
    readonly runId: string,
    private readonly agents: SimAgent[],
    private readonly keptFromOtherRanges: SavedAgent[],
    commandKey: string | null,
    private readonly log: SimLog,
  ) {
    this.stats = new SimStats(runId, agents.length, Date.now());
    this.desk = new CommandDesk(agents.length);
    if (commandKey) this.desk.pin(commandKey);
    this.scheduler = new ConnectScheduler(options.concurrency, (agent) => this.connect(agent));
    this.settled = new Promise((resolve) => (this.onSettled = resolve));
  }

  /** Builds the fleet, taking back enrolled agents from the state file if there is one. */
  static create(options: SimOptions, log: SimLog): Simulator {
    const saved = options.stateFile ? loadState(options.stateFile) : null;
    if (saved && saved.serverUrl !== options.serverUrl)
      log(`[agent-sim] the state file was written for ${saved.serverUrl}; agents the server does not know will enrol again`);
    if (saved && options.runId && options.runId !== saved.runId)
      throw new StateFileError(`the state file ${options.stateFile} belongs to run ${saved.runId}, not ${options.runId}`);
    const runId = options.runId ?? saved?.runId ?? newRunId();
    const byIndex = new Map((saved?.agents ?? []).map((a) => [a.index, a]));
    const agents: SimAgent[] = [];
    for (let slot = 0; slot < options.agents; slot++) {
      const index = options.firstIndex + slot;
      const entry = byIndex.get(index);
      byIndex.delete(index);
      agents.push(new SimAgent(slot, index, entry ? { machineId: entry.machineId, privateKey: decodeKey(entry.key) } : undefined));
    }
    return new Simulator(options, runId, agents, [...byIndex.values()], saved?.commandKey ?? null, log);
  }

  get inFlight(): number {
    return this.scheduler.inFlight;
  }

  /** Fetches the pinned CA once for the whole process, then queues every agent's first connect. */
  async start(): Promise<void> {
    this.caPem = await this.fetchCa();
    for (const agent of this.agents) this.scheduler.schedule(agent);
  }

  private async fetchCa(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fetchPinnedCa(this.options.serverUrl, this.options.caFingerprint);
      } catch (error) {
        const fatal = error instanceof LinkError && error.fatal;
        if (fatal || this.stopping || (!this.options.reconnect && attempt >= this.options.attempts)) throw error;
        this.log(`[agent-sim] cannot fetch the CA yet (${(error as Error).message}); retrying`);
        await sleep(fullJitterDelay(attempt, this.options.reconnectBaseMs, this.options.reconnectMaxMs));
      }
    }
  }

  private auth(agent: SimAgent): LinkAuth | null {
    if (agent.machineId) return { kind: 'hello', machineId: agent.machineId };
    if (this.options.token) return { kind: 'enroll', token: this.options.token, identity: simIdentity(this.runId, agent.index) };
    return null;
  }

  private async connect(agent: SimAgent): Promise<void> {
    if (this.stopping) return;
    const auth = this.auth(agent);
    if (!auth) return this.giveUp(agent, new LinkError('PONS_E_TOKEN_INVALID', 'not enrolled and no --token given', true));
    this.stats.attempts++;
    const started = performance.now();
    let connection: AgentConnection;
    try {
      connection = await AgentConnection.open({
        serverUrl: this.options.serverUrl,
        caPem: this.caPem,
        key: agent.key(),
        auth,
        facts: simFacts(this.runId, agent.index),
        agentVersion: SIM_AGENT_VERSION,
        handshakeTimeoutMs: this.options.handshakeTimeoutMs,
        ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}),
        ...(this.options.tlsResume && agent.tlsSession ? { tlsSession: agent.tlsSession } : {}),
        ...(this.options.tlsResume ? { onTlsSession: (session: Buffer) => (agent.tlsSession = session) } : {}),
      });
    } catch (error) {
      this.stats.onFailure(error);
      return this.failed(agent, auth, error);
    }
    this.stats.latency.record(performance.now() - started);
    if (this.stopping) return connection.terminate();
    this.admitted(agent, connection, auth.kind === 'enroll');
  }

  private failed(agent: SimAgent, auth: LinkAuth, error: unknown): void {
    const fatal = error instanceof LinkError && error.fatal;
    if (fatal && auth.kind === 'hello' && this.options.token) agent.forget();
    else if (fatal) return this.giveUp(agent, error);
    agent.attempt = attemptAfterFailure(agent.attempt, error instanceof LinkError && error.refused);
    if (!this.options.reconnect && !agent.everConnected && agent.attempt >= this.options.attempts) return this.giveUp(agent, error);
    this.scheduler.schedule(agent, fullJitterDelay(agent.attempt, this.options.reconnectBaseMs, this.options.reconnectMaxMs));
  }

  private giveUp(agent: SimAgent, error: unknown): void {
    this.stats.failedAgents++;
    if (this.stats.failedAgents <= 5) this.log(`[agent-sim] agent ${agent.index} gives up: ${(error as Error).message}`);
    this.checkSettled();
  }

  private admitted(agent: SimAgent, connection: AgentConnection, enrolled: boolean): void {
    const { welcome } = connection;
    const first = !agent.everConnected;
    agent.machineId = welcome.machineId;
    agent.connection = connection;
    agent.connectedAt = Date.now();
    agent.everConnected = true;
    if (welcome.commandKey) this.desk.pin(welcome.commandKey);
    this.stats.onConnected(agent.connectedAt, first, enrolled);
    if (connection.tlsResumed) this.stats.tlsResumed++;
    connection.on('frame', (frame, raw) => this.onFrame(agent, connection, frame, raw));
    connection.once('close', ({ code }) => this.onClose(agent, code));
    if (this.options.inventoryOnConnect && welcome.inventoryWanted) this.sendInventory(agent, connection, 'first-connect');
    if (first) this.checkSettled();
  }

  private onFrame(agent: SimAgent, connection: AgentConnection, frame: ServerFrame, raw: string): void {
    if (frame.type !== 'command') return;
    const readAt = this.options.echoTiming ? Date.now() : 0;
    const answer = this.desk.answer(agent, frame, connection.clockOffsetMs, raw);
    if (this.options.echoTiming && answer.outcome === 'echo' && answer.result.status === 'ok')
      answer.result.output = { ...(answer.result.output as object), readAt, answeredAt: Date.now() };
    connection.send(answer.result);
    this.stats.commands[answer.outcome]++;
    if (answer.outcome === 'inventory') this.sendInventory(agent, connection, 'request');
    if (answer.outcome === 'deploy') {
      runSimJob(frame.args as DeployStartArgs, this.options.serverUrl, this.caPem, (job) => agent.connection?.send(job)).then(
        (bytes) => (this.stats.downloadedBytes += bytes),
        (error: unknown) => this.log(`[agent-sim] agent ${agent.index}: deployment job failed: ${String(error)}`),
      );
    }
  }

  private sendInventory(agent: SimAgent, connection: AgentConnection, reason: 'first-connect' | 'request'): void {
    connection.send({ type: 'inventory', id: randomUUID(), reason, document: simInventory(simFacts(this.runId, agent.index), Date.now()) });
  }

  private onClose(agent: SimAgent, code: number): void {
    agent.connection = null;
    this.stats.connected--;
    this.stats.disconnects++;
    if (!this.stopping) this.stats.dropped++;
    if (this.stopping || !this.options.reconnect) return;
    agent.attempt = attemptAfterClose(agent.attempt, code, Date.now() - agent.connectedAt);
    this.scheduler.schedule(agent, fullJitterDelay(agent.attempt, this.options.reconnectBaseMs, this.options.reconnectMaxMs));
  }

  private checkSettled(): void {
    if (this.stats.settled) this.onSettled?.();
  }

  /** Says goodbye on every connection (as a stopping agent does), then saves the state file. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.scheduler.stop();
    this.onSettled?.();
    await Promise.all(this.agents.flatMap((agent) => (agent.connection ? [agent.connection.goodbye('agent-stopped', 2000)] : [])));
    this.save();
  }

  /** Writes machine ids and keys of every enrolled agent, keeping those of other index ranges. */
  save(): void {
    if (!this.options.stateFile) return;
    const mine = this.agents.flatMap((a) =>
      a.machineId && a.enrolledKey ? [{ index: a.index, machineId: a.machineId, key: encodeKey(a.enrolledKey) }] : [],
    );
    const agents = [...this.keptFromOtherRanges, ...mine].sort((a, b) => a.index - b.index);
    saveState(this.options.stateFile, {
      version: 1,
      serverUrl: this.options.serverUrl,
      runId: this.runId,
      commandKey: this.desk.pinnedKey,
      agents,
    });
  }
}
