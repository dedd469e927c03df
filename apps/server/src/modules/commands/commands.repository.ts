import { sql, type Kysely } from 'kysely';
import { chunks as slices, turn } from '../../platform/db/batches.js';
import { valuesStatement } from '../../platform/db/bulk-values.js';
import { paddedKeys } from '../../platform/db/key-batcher.js';
import type { CommandsTable, CommandTargetsTable, Database } from '../../platform/db/tables.js';

export interface TargetOutcome {
  commandId: string;
  machineId: string;
  status: 'succeeded' | 'failed' | 'rejected' | 'expired';
  completedAt: number;
  /** When the frame was written to the agent's socket; null keeps the time stored at the claim. */
  sentAt: number | null;
  output: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

const CHUNK = 500;
const chunks = <T>(items: readonly T[]) => slices(items, CHUNK);

/**
 * Statuses as SQL literals: the partial indexes on open targets (migration 0004) are used by
 * SQLite only when the query names the same literal, not a bound parameter.
 */
const QUEUED = sql.lit('queued');
const SENT = sql.lit('sent');

/** All SQL on commands and their targets. Bulk paths are plain SQL both SQLite and PostgreSQL run. */
export class CommandsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The command and one row per target. Targets in `claimed` are written already claimed (`sent`
   * at `sentAt`) by the node about to send them: nobody else can have claimed a row not yet there.
   */
  async insert(
    command: CommandsTable,
    machineIds: readonly string[],
    claimed: ReadonlySet<string>,
    sentAt: number,
    nodeId: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('commands').values(command).execute();
      for (const part of chunks(machineIds)) {
        await turn();
        const rows = part.map((machineId) => {
          const sent = claimed.has(machineId);
          return [command.id, machineId, sent ? 'sent' : 'queued', sent ? sentAt : null, sent ? nodeId : null];
        });
        await trx.executeQuery(
          valuesStatement(trx, 'INSERT INTO command_targets (command_id, machine_id, status, sent_at, node_id) VALUES', rows, '', [
            null,
            null,
            null,
            'bigint',
            null,
          ]),
        );
      }
    });
  }

  find(id: string): Promise<CommandsTable | undefined> {
    return this.db.selectFrom('commands').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async targetIds(commandId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('command_targets').select('machine_id').where('command_id', '=', commandId).execute();
    return rows.map((r) => r.machine_id);
  }

  /**
   * Marks queued targets as sent and returns the ones this call claimed: a target is claimed once,
   * so two nodes (or a reconnect racing a dispatch) can never both deliver it.
   */
  async claim(commandId: string, machineIds: readonly string[], now: number, nodeId: string): Promise<string[]> {
    const claimed: string[] = [];
    for (const part of chunks(machineIds)) {
      const rows = await this.db
        .updateTable('command_targets')
        .set({ status: 'sent', sent_at: now, node_id: nodeId })
        .where('command_id', '=', commandId)
        .where('status', '=', QUEUED)
        .where('machine_id', 'in', part)
        .returning('machine_id')
        .execute();
      for (const row of rows) claimed.push(row.machine_id);
    }
    return claimed;
  }

  /**
   * Commands still waiting for these machines, oldest first, each row naming its machine. At most
   * 100 per machine on average: whatever is left is sent by the scheduler's next pass.
   */
  queuedFor(machineIds: string[], now: number): Promise<Array<CommandsTable & { target_machine_id: string }>> {
    return this.db
      .selectFrom('command_targets')
      .innerJoin('commands', 'commands.id', 'command_targets.command_id')
      .selectAll('commands')
      .select('command_targets.machine_id as target_machine_id')
      .where('command_targets.machine_id', 'in', paddedKeys(machineIds))
      .where('command_targets.status', '=', QUEUED)
      .where('commands.expires_at', '>', now)
      .orderBy('commands.created_at')
      .limit(100 * machineIds.length)
      .execute();
  }

  /** Writes many outcomes in a few statements; only targets still `sent` (or `queued`) change. */
  async applyOutcomes(outcomes: readonly TargetOutcome[]): Promise<void> {
    for (const part of chunks(outcomes)) {
      await turn();
      // Padded with copies of the last row: an outcome applied twice is applied once.
      const rows = paddedKeys(
        part.map((o) => [o.commandId, o.machineId, o.status, o.sentAt, o.completedAt, o.output, o.errorCode, o.errorMessage]),
      );
      await this.db.executeQuery(
        valuesStatement(
          this.db,
          'WITH v(command_id, machine_id, status, sent_at, completed_at, output, error_code, error_message) AS (VALUES',
          rows,
          `)
        UPDATE command_targets
           SET status = v.status, sent_at = COALESCE(v.sent_at, command_targets.sent_at), completed_at = v.completed_at, output = v.output, error_code = v.error_code, error_message = v.error_message
          FROM v
         WHERE command_targets.command_id = v.command_id
           AND command_targets.machine_id = v.machine_id
           AND command_targets.status IN ('sent', 'queued')`,
          [null, null, null, 'bigint', 'bigint', null, null, null],
        ),
      );
    }
  }

  /** Queued targets whose machine is online now, for commands still valid: to route again. */
  queuedForOnline(now: number, limit: number): Promise<Array<{ command_id: string; machine_id: string; node_id: string | null }>> {
    return this.db
      .selectFrom('command_targets')
      .innerJoin('machines', 'machines.id', 'command_targets.machine_id')
      .innerJoin('commands', 'commands.id', 'command_targets.command_id')
      .select(['command_targets.command_id', 'command_targets.machine_id', 'machines.node_id'])
      .where('command_targets.status', '=', QUEUED)
      .where('machines.status', '=', 'online')
      .where('commands.expires_at', '>', now)
      .limit(limit)
      .execute();
  }

  /** Targets sent by nodes that died: their answers can no longer come back. */
  async failSentBy(nodeIds: readonly string[], now: number, message: string): Promise<Array<{ command_id: string; machine_id: string }>> {
    if (nodeIds.length === 0) return [];
    return this.db
      .updateTable('command_targets')
      .set({ status: 'failed', completed_at: now, error_code: 'PONS_E_COMMAND_LOST', error_message: message })
      .where('status', '=', SENT)
      .where('node_id', 'in', [...nodeIds])
      .returning(['command_id', 'machine_id'])
      .execute();
  }

  /** Targets whose command expired before an answer. */
  async expire(now: number): Promise<number> {
    const expired = await this.db
      .updateTable('command_targets')
      .set((eb) => ({
        status: 'expired',
        completed_at: now,
        error_code: 'PONS_E_COMMAND_EXPIRED',
        error_message: eb
          .case()
          .when('status', '=', 'queued')
          .then('The machine did not connect before the command expired.')
          .else('The agent did not answer before the command expired.')
          .end(),
      }))
      .where('status', 'in', [QUEUED, SENT])
      // Correlated, so that the walk is over the (few) open targets, not over every command ever sent.
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('commands')
            .select('commands.id')
            .whereRef('commands.id', '=', 'command_targets.command_id')
            .where('commands.expires_at', '<=', now),
        ),
      )
      .executeTakeFirst();
    return Number(expired.numUpdatedRows);
  }

  async counts(commandId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('command_targets')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('command_id', '=', commandId)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  timings(commandId: string): Promise<Array<{ sent_at: number | null; completed_at: number | null }>> {
    return this.db
      .selectFrom('command_targets')
      .select(['sent_at', 'completed_at'])
      .where('command_id', '=', commandId)
      .where('status', 'in', ['succeeded', 'failed', 'rejected'])
      .execute();
  }

  results(commandId: string, limit: number, offset: number): Promise<Array<CommandTargetsTable & { hostname: string }>> {
    return this.db
      .selectFrom('command_targets')
      .innerJoin('machines', 'machines.id', 'command_targets.machine_id')
      .selectAll('command_targets')
      .select('machines.hostname')
      .where('command_id', '=', commandId)
      .orderBy('machines.hostname')
      .orderBy('command_targets.machine_id')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** The latest commands of one machine, newest first. */
  forMachine(machineId: string, limit: number) {
    return this.db
      .selectFrom('command_targets')
      .innerJoin('commands', 'commands.id', 'command_targets.command_id')
      .innerJoin('machines', 'machines.id', 'command_targets.machine_id')
      .selectAll('command_targets')
      .select(['machines.hostname', 'commands.name', 'commands.args', 'commands.created_by', 'commands.created_at'])
      .where('command_targets.machine_id', '=', machineId)
      .orderBy('commands.created_at', 'desc')
      .limit(limit)
      .execute();
  }

  target(commandId: string, machineId: string): Promise<(CommandTargetsTable & { hostname: string }) | undefined> {
    return this.db
      .selectFrom('command_targets')
      .innerJoin('machines', 'machines.id', 'command_targets.machine_id')
      .selectAll('command_targets')
      .select('machines.hostname')
      .where('command_id', '=', commandId)
      .where('machine_id', '=', machineId)
      .executeTakeFirst();
  }
}
