import { sql, type Kysely } from 'kysely';

/**
 * Deployments, one row per target machine with the state of its current attempt, and the audit:
 * every state change and every output line, with its time and attempt. A non-final target always
 * has a deadline; the scheduler finds the due ones through a partial index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deployments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('package_id', 'text', (c) => c.notNull().references('packages.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('windows', 'text')
    .addColumn('wake_on_lan', 'integer', (c) => c.notNull())
    .addColumn('max_concurrent', 'integer')
    .addColumn('max_bytes_per_second', 'bigint')
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deployments_created_idx').on('deployments').column('created_at').execute();

  await db.schema
    .createTable('deployment_targets')
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_since', 'bigint', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint')
    .addColumn('step', 'integer')
    .addColumn('percent', 'integer')
    .addColumn('exit_code', 'integer')
    .addColumn('message', 'text')
    .addColumn('last_lines', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('retries_left', 'integer', (c) => c.notNull())
    .addColumn('command_id', 'text')
    .addPrimaryKeyConstraint('deployment_targets_pk', ['deployment_id', 'machine_id'])
    .execute();
  await sql`CREATE INDEX deployment_targets_due_idx ON deployment_targets (deadline_at) WHERE deadline_at IS NOT NULL`.execute(db);
  await db.schema.createIndex('deployment_targets_machine_idx').on('deployment_targets').column('machine_id').execute();

  await db.schema
    .createTable('deployment_audit')
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('deployments.id').onDelete('cascade'))
    .addColumn('machine_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('step', 'integer')
    .addColumn('stream', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('failure', 'text')
    .execute();
  await db.schema
    .createIndex('deployment_audit_target_idx')
    .on('deployment_audit')
    .columns(['deployment_id', 'machine_id', 'at'])
    .execute();
}
