import { sql, type Kysely } from 'kysely';

/**
 * The indexes on command targets cover only targets still open. The former ones indexed every
 * target ever written, one of them by machine id: a command to many machines wrote one random
 * index page per target, at creation and again at its answer, and that write amplification was
 * most of what a steady command load cost the database. The queries that need them (a machine's
 * queued commands, expiry, a lost node's sent targets) only ever look at open targets; these
 * partial indexes hold exactly those, so the rows of one command stay together and a settled
 * target leaves them. Both SQLite and PostgreSQL support them; queries name the statuses as
 * literals so that SQLite's planner can match them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('command_targets_machine_status_idx').execute();
  await db.schema.dropIndex('command_targets_status_idx').execute();
  await db.schema.dropIndex('command_targets_node_idx').execute();
  await sql`CREATE INDEX command_targets_queued_idx ON command_targets (machine_id) WHERE status = 'queued'`.execute(db);
  await sql`CREATE INDEX command_targets_open_idx ON command_targets (command_id) WHERE status IN ('queued', 'sent')`.execute(db);
  await sql`CREATE INDEX command_targets_sent_idx ON command_targets (node_id) WHERE status = 'sent'`.execute(db);
}
