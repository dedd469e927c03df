import type { Bus } from '../../platform/bus.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { Metrics } from '../../platform/metrics.js';
import { toSummary } from './machine-mapper.js';
import { MachinesRepository } from './machines.repository.js';
import { PresenceRepository, type PresenceChange } from './presence.repository.js';

/** Summaries per bus message: a flush after a storm must not make one huge message. */
const ANNOUNCE_CHUNK = 500;

/**
 * Batches presence changes: the gateway records them in memory at once and they are written
 * every `flushMs` in one transaction, then announced on the bus. A burst of thousands of
 * connects costs a handful of bulk statements instead of one write each.
 */
export class PresenceWriter {
  /** By connection id: a connection's later change replaces its earlier one. */
  private pending = new Map<string, PresenceChange>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly flushMs: number,
  ) {}

  record(change: PresenceChange): void {
    const earlier = this.pending.get(change.connectionId);
    if (change.kind === 'offline' && earlier?.kind === 'online') {
      // Came and went before its "online" was written: write the offline with what it knew.
      this.pending.set(change.connectionId, { ...change, facts: earlier.facts, nodeId: earlier.nodeId });
    } else {
      this.pending.set(change.connectionId, change);
    }
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes everything recorded so far; resolves when it is in the database and announced. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.running = this.running.then(() => (batch.length > 0 ? this.write(batch) : undefined));
    return this.running;
  }

  private async write(batch: PresenceChange[]): Promise<void> {
    const started = performance.now();
    try {
      await this.db.transaction().execute((trx) => new PresenceRepository(trx).apply(batch));
      this.metrics.presenceFlushes.observe((performance.now() - started) / 1000);
      await this.announce([...new Set(batch.map((c) => c.machineId))]);
    } catch (error) {
      // Keep the changes for the next flush rather than lose a status: presence must stay true.
      this.log.error({ err: error, changes: batch.length }, 'presence flush failed; retrying');
      for (const change of batch) if (!this.pending.has(change.connectionId)) this.pending.set(change.connectionId, change);
      this.timer ??= setTimeout(() => void this.flush(), Math.max(this.flushMs, 1000));
    }
  }

  /** Reads the machines' current rows and tells every node (and through them, every console). */
  async announce(machineIds: string[]): Promise<void> {
    const rows = await new MachinesRepository(this.db).byIds(machineIds);
    for (let i = 0; i < rows.length; i += ANNOUNCE_CHUNK) {
      this.bus.publish('machine.changed', { machines: rows.slice(i, i + ANNOUNCE_CHUNK).map(toSummary) });
    }
  }

  async stop(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
