import type { Bus } from '../../platform/bus.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { CommandsRepository, type TargetOutcome } from './commands.repository.js';

/**
 * Batches command outcomes like presence: answers are recorded in memory as they arrive (with
 * their arrival time) and written every `flushMs`, or sooner when many are waiting, in a few bulk
 * statements. Then `command.settled` tells whoever waits (an API call, another node).
 */
export class OutcomeWriter {
  private pending: TargetOutcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly flushMs: number,
    private readonly maxBatch = 5000,
  ) {}

  record(outcome: TargetOutcome): void {
    this.pending.push(outcome);
    if (this.pending.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    this.running = this.running.then(() => (batch.length > 0 ? this.write(batch) : undefined));
    return this.running;
  }

  private async write(batch: TargetOutcome[]): Promise<void> {
    try {
      await this.db.transaction().execute((trx) => new CommandsRepository(trx).applyOutcomes(batch));
      const byCommand = new Map<string, string[]>();
      for (const o of batch) {
        const ids = byCommand.get(o.commandId);
        if (ids) ids.push(o.machineId);
        else byCommand.set(o.commandId, [o.machineId]);
      }
      for (const [commandId, machineIds] of byCommand) this.bus.publish('command.settled', { commandId, machineIds });
    } catch (error) {
      this.log.error({ err: error, outcomes: batch.length }, 'could not record command outcomes; retrying');
      this.pending.unshift(...batch);
      this.timer ??= setTimeout(() => void this.flush(), Math.max(this.flushMs, 1000));
    }
  }

  async stop(): Promise<void> {
    await this.flush();
  }
}
