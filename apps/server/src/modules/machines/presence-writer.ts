import type { Bus } from '../../platform/bus.js';
import type { Logger } from '../../platform/logger.js';
import type { Metrics } from '../../platform/metrics.js';
import type { Db } from '../../platform/db/database.js';
import { toSummary } from './machine-mapper.js';
import { MachinesRepository, type PresenceChange } from './machines.repository.js';

/**
 * Batches presence changes: the gateway records them in memory at once and they are written
 * every `flushMs` in one transaction, then announced on the bus. A burst of thousands of
 * connects costs a handful of transactions instead of one write each.
 */
export class PresenceWriter {
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
    const previous = this.pending.get(change.machineId);
    this.pending.set(change.machineId, { ...change, facts: change.facts ?? previous?.facts });
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
      await this.db.transaction().execute((trx) => new MachinesRepository(trx).applyPresence(batch));
      this.metrics.presenceFlushes.observe((performance.now() - started) / 1000);
      const rows = await new MachinesRepository(this.db).byIds(batch.map((c) => c.machineId));
      this.bus.publish('machine.changed', { machines: rows.map(toSummary) });
    } catch (error) {
      // Keep the changes for the next flush rather than lose a status: presence must stay true.
      this.log.error({ err: error, changes: batch.length }, 'presence flush failed; retrying');
      for (const change of batch) if (!this.pending.has(change.machineId)) this.pending.set(change.machineId, change);
      this.timer ??= setTimeout(() => void this.flush(), Math.max(this.flushMs, 1000));
    }
  }

  async stop(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
