import type { Kysely } from 'kysely';

/** Durable command records: one row per command, one per target machine with its outcome. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('commands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('args', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commands_created_idx').on('commands').column('created_at').execute();

  await db.schema
    .createTable('command_targets')
    .addColumn('command_id', 'text', (c) => c.notNull().references('commands.id').onDelete('cascade'))
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('completed_at', 'bigint')
    .addColumn('output', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addPrimaryKeyConstraint('command_targets_pk', ['command_id', 'machine_id'])
    .execute();
  await db.schema.createIndex('command_targets_machine_status_idx').on('command_targets').columns(['machine_id', 'status']).execute();
  await db.schema.createIndex('command_targets_status_idx').on('command_targets').columns(['status']).execute();
}
