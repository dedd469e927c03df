import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ROOT } from '@pons/test-kit';
import { benchNodeFlags } from './options.js';

export const SIM_MAIN = path.join(ROOT, 'tools/agent-sim/dist/main.js');
/**
 * The simulator is a load generator holding thousands of agents in one process, and its garbage
 * collector's pauses would be counted as round-trip time charged to the server. Its old
 * generation may grow to four times what survived the last full collection: with V8's default
 * growth a simulator of 2,500 agents, whose live heap is ~35 MB, ran a full collection every
 * 3-4 s of rtt load (11 a run, 20-65 ms pauses each); with this, one. Its young generation is
 * 16 MB: with full collections that rare, a 64 MB one scavenged as much in all but in pauses of
 * 35 ms on average and up to 108 ms, against 12 ms and up to 56 ms (rtt p99 67 and 65 ms against
 * 100 and 80 ms in two interleaved pairs, 2026-12-02). Its collector runs on its own thread only:
 * on two cores shared with the server, parallel collector threads waited for a core while the
 * simulator stood still. (The server runs with the settings docs/scale-out.md recommends for
 * large fleets: see bench-server.ts.)
 */
const SIM_NODE_FLAGS = ['--max-semi-space-size=16', '--single-threaded-gc', '--heap-growing-percent=300'];

/** The figures the simulator prints as JSON lines (see tools/agent-sim/src/sim-stats.ts). */
export interface SimReport {
  event: 'connected' | 'final';
  agents: number;
  connected: number;
  everConnected: number;
  failedAgents: number;
  timeToAllMs: number | null;
  connectsPerSec: number | null;
  peakConnectsPerSec: number;
  connectLatencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  attempts: number;
  failures: Record<string, number>;
  rssMb: number;
  cpuMs: number;
  /** Established connections that closed, and those of them that closed while the simulator was not stopping. */
  disconnects: number;
  dropped: number;
  tlsResumed: number;
}

/** The agent simulator as a separate process, so that its CPU and memory are not the bench's. */
export class SimChild {
  readonly child: ChildProcess;
  readonly connected: Promise<SimReport>;
  private final: SimReport | null = null;
  private stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(args: string[], options: { echo?: boolean; nodeArgs?: string[] } = {}) {
    this.child = spawn(process.execPath, [...SIM_NODE_FLAGS, ...benchNodeFlags(), ...(options.nodeArgs ?? []), SIM_MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process.once('exit', () => this.child.kill('SIGKILL'));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    let onConnected: (report: SimReport) => void = () => undefined;
    this.connected = new Promise((resolve, reject) => {
      onConnected = resolve;
      void this.exited.then((code) =>
        reject(new Error(`the simulator exited (${code}) before all agents were up:\n${this.stderr.slice(-4000)}`)),
      );
    });
    this.connected.catch(() => undefined);
    let buffer = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        if (!line.startsWith('{')) continue;
        const report = JSON.parse(line) as SimReport;
        if (report.event === 'connected') onConnected(report);
        else this.final = report;
      }
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
      if (options.echo) process.stderr.write(chunk);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** SIGKILL: the process dies at once, its sockets closed by the kernel, no goodbye. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /**
   * SIGTERM: every agent says goodbye; resolves with the exit code and the last figures. A
   * simulator that has not exited after `graceMs` (a wedged event loop) is killed.
   */
  async stop(graceMs = 30_000): Promise<{ code: number | null; final: SimReport | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return { code, final: this.final };
  }
}

function worst(list: Array<SimReport['connectLatencyMs']>): SimReport['connectLatencyMs'] {
  const top = (pick: (l: SimReport['connectLatencyMs']) => number | null) =>
    list.reduce<number | null>((m, l) => (pick(l) === null ? m : Math.max(m ?? 0, pick(l)!)), null);
  return { p50: top((l) => l.p50), p95: top((l) => l.p95), p99: top((l) => l.p99), max: top((l) => l.max) };
}

/** Adds up the figures of several simulator processes that together make one fleet. */
export function mergeReports(reports: SimReport[]): SimReport {
  const failures: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + v;
  const sum = (pick: (r: SimReport) => number) => reports.reduce((total, r) => total + pick(r), 0);
  const times = reports.map((r) => r.timeToAllMs);
  const timeToAllMs = times.some((t) => t === null) ? null : Math.max(...(times as number[]));
  const agents = sum((r) => r.agents);
  return {
    event: reports[0]?.event ?? 'connected',
    agents,
    connected: sum((r) => r.connected),
    everConnected: sum((r) => r.everConnected),
    failedAgents: sum((r) => r.failedAgents),
    timeToAllMs,
    connectsPerSec: timeToAllMs === null ? null : Math.round((agents * 10_000) / timeToAllMs) / 10,
    peakConnectsPerSec: sum((r) => r.peakConnectsPerSec),
    // Percentiles do not add up: show the worst process.
    connectLatencyMs: worst(reports.map((r) => r.connectLatencyMs)),
    attempts: sum((r) => r.attempts),
    failures,
    rssMb: sum((r) => r.rssMb),
    cpuMs: sum((r) => r.cpuMs),
    disconnects: sum((r) => r.disconnects),
    dropped: sum((r) => r.dropped),
    tlsResumed: sum((r) => r.tlsResumed),
  };
}

/**
 * A fleet spread over several simulator processes (one process holds at most ~19,900 sockets
 * here): same run id, consecutive agent numbers. From one address to one server port there are
 * only as many connections as ephemeral ports (~28,000 here), so a fleet larger than one address
 * serves connects its second and later processes from loopback addresses of their own (127.0.0.11,
 * .12, ...). Only then: binding a local address makes the kernel search for a free port at every
 * connect, which cost the simulator more CPU than its TLS handshakes once 19,000 ports were taken.
 */
/** Connections one source address carries to one server port, with room for reconnects. */
const ONE_ADDRESS = 24_000;

export class SimFleet {
  readonly sims: SimChild[];
  readonly connected: Promise<SimReport>;

  constructor(processes: number, agents: number, args: string[], options: { echo?: boolean; nodeArgs?: string[] } = {}) {
    const runId = randomBytes(4).toString('hex');
    const share = Math.ceil(agents / processes);
    this.sims = [];
    for (let first = 0; first < agents; first += share) {
      const count = Math.min(share, agents - first);
      const local = agents > ONE_ADDRESS && this.sims.length > 0 ? ['--local-address', `127.0.0.${10 + this.sims.length}`] : [];
      this.sims.push(
        new SimChild([...args, '--agents', String(count), '--first-index', String(first), '--run-id', runId, ...local], options),
      );
    }
    this.connected = Promise.all(this.sims.map((s) => s.connected)).then(mergeReports);
    this.connected.catch(() => undefined);
  }

  get pids(): number[] {
    return this.sims.map((s) => s.pid);
  }

  async stop(): Promise<{ codes: Array<number | null>; final: SimReport | null }> {
    const stopped = await Promise.all(this.sims.map((s) => s.stop()));
    const finals = stopped.flatMap((s) => (s.final ? [s.final] : []));
    return { codes: stopped.map((s) => s.code), final: finals.length === stopped.length ? mergeReports(finals) : null };
  }
}
