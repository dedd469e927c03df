import { LinkError } from '@pons/agent-link';

/** The highest count of events seen in any one-second window, in O(1) memory. */
export class RateMeter {
  private second = -1;
  private count = 0;
  private best = 0;

  constructor(private readonly origin: number) {}

  tick(now: number): void {
    const second = Math.floor((now - this.origin) / 1000);
    if (second !== this.second) {
      this.second = second;
      this.count = 0;
    }
    this.count++;
    if (this.count > this.best) this.best = this.count;
  }

  get peak(): number {
    return this.best;
  }
}

/**
 * Percentiles of durations in O(1) memory: buckets 25 % wide on a log scale, so a percentile is
 * known to within 25 % whatever the number of samples.
 */
export class LatencyHistogram {
  private static readonly RATIO = Math.log(1.25);
  private readonly buckets = new Uint32Array(80);
  private count = 0;
  private max = 0;

  record(ms: number): void {
    const index = ms <= 1 ? 0 : Math.min(this.buckets.length - 1, Math.ceil(Math.log(ms) / LatencyHistogram.RATIO));
    this.buckets[index]!++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  /** The upper bound of the bucket holding the `p` quantile (0 < p <= 1); null without samples. */
  quantile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.ceil(p * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= rank) return Math.min(Math.round(1.25 ** i), Math.round(this.max));
    }
    return Math.round(this.max);
  }

  summary(): { p50: number | null; p95: number | null; p99: number | null; max: number | null } {
    return { p50: this.quantile(0.5), p95: this.quantile(0.95), p99: this.quantile(0.99), max: this.count ? Math.round(this.max) : null };
  }
}

/**
 * A short key for why a connect failed: the protocol code, and for network failures the cause
 * (ECONNRESET, a close code, a timeout), since "unavailable" alone tells nothing under load.
 */
export function failureKey(error: unknown): string {
  if (!(error instanceof LinkError)) return 'PONS_E_INTERNAL';
  if (error.code !== 'PONS_E_UNAVAILABLE') return error.code;
  if (error.closeCode !== undefined) return `PONS_E_UNAVAILABLE:close-${error.closeCode}`;
  if (/within \d+ ms/.test(error.message)) return 'PONS_E_UNAVAILABLE:timeout';
  const cause = /\b(E[A-Z]{3,})\b/.exec(error.message)?.[1];
  return cause ? `PONS_E_UNAVAILABLE:${cause}` : 'PONS_E_UNAVAILABLE';
}

export interface SimFigures {
  runId: string;
  agents: number;
  /** Connected right now. */
  connected: number;
  /** Agents that connected at least once. */
  everConnected: number;
  enrolled: number;
  /** Agents that gave up (fatal refusal, or out of attempts without --reconnect). */
  failedAgents: number;
  /** From start until every agent had connected once; null until then. */
  timeToAllMs: number | null;
  connectsPerSec: number | null;
  peakConnectsPerSec: number;
  /** From starting TCP to the server's welcome, successful attempts only, in ms. */
  connectLatencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  attempts: number;
  connects: number;
  disconnects: number;
  /** Connections that closed while the simulator was not stopping (the server or the network ended them). */
  dropped: number;
  /** Connects that resumed an earlier TLS session. */
  tlsResumed: number;
  failures: Record<string, number>;
  commands: { echo: number; inventory: number; deploy: number; rejected: number };
  /** Bytes of package files downloaded (and hashed) by deployment jobs. */
  downloadedBytes: number;
  elapsedMs: number;
  rssMb: number;
  heapUsedMb: number;
  cpuMs: number;
}

/** Counters of one simulator process; cheap enough to bump on every event. */
export class SimStats {
  connected = 0;
  everConnected = 0;
  enrolled = 0;
  failedAgents = 0;
  attempts = 0;
  connects = 0;
  disconnects = 0;
  dropped = 0;
  tlsResumed = 0;
  timeToAllMs: number | null = null;
  readonly failures = new Map<string, number>();
  readonly commands = { echo: 0, inventory: 0, deploy: 0, rejected: 0 };
  downloadedBytes = 0;
  readonly latency = new LatencyHistogram();
  private readonly rate: RateMeter;
  private readonly cpuAtStart = process.cpuUsage();

  constructor(
    readonly runId: string,
    readonly agents: number,
    readonly startedAt: number,
  ) {
    this.rate = new RateMeter(startedAt);
  }

  onConnected(now: number, first: boolean, enrolled: boolean): void {
    this.connects++;
    this.connected++;
    if (enrolled) this.enrolled++;
    if (first) {
      this.everConnected++;
      this.rate.tick(now);
      if (this.everConnected === this.agents) this.timeToAllMs = now - this.startedAt;
    }
  }

  onFailure(error: unknown): void {
    const key = failureKey(error);
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  /** Every agent has either connected once or given up. */
  get settled(): boolean {
    return this.everConnected + this.failedAgents >= this.agents;
  }

  figures(now: number): SimFigures {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage(this.cpuAtStart);
    const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
    return {
      runId: this.runId,
      agents: this.agents,
      connected: this.connected,
      everConnected: this.everConnected,
      enrolled: this.enrolled,
      failedAgents: this.failedAgents,
      timeToAllMs: this.timeToAllMs,
      connectsPerSec: this.timeToAllMs === null ? null : Math.round((this.agents / Math.max(1, this.timeToAllMs)) * 10_000) / 10,
      peakConnectsPerSec: this.rate.peak,
      connectLatencyMs: this.latency.summary(),
      attempts: this.attempts,
      connects: this.connects,
      disconnects: this.disconnects,
      dropped: this.dropped,
      tlsResumed: this.tlsResumed,
      failures: Object.fromEntries([...this.failures].sort(([a], [b]) => a.localeCompare(b))),
      commands: { ...this.commands },
      downloadedBytes: this.downloadedBytes,
      elapsedMs: now - this.startedAt,
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
  }

  /** One human line for stderr. */
  progressLine(now: number, inFlight: number): string {
    const f = this.figures(now);
    const failures = Object.entries(f.failures)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return `[agent-sim ${f.runId}] ${(f.elapsedMs / 1000).toFixed(1)}s connected ${f.connected}/${f.agents} (ever ${f.everConnected}, gave up ${f.failedAgents}) in flight ${inFlight} attempts ${f.attempts} rss ${f.rssMb} MB${failures ? ` failures ${failures}` : ''}`;
  }
}
