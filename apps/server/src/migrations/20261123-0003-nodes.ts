import type { Kysely } from 'kysely';

/**
 * Several server processes ("nodes") on one database: each registers itself and heartbeats;
 * a machine records which node and which connection hold it, so a node only ever writes the
 * presence of its own connections, and a dead node's machines and commands can be found.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .addColumn('stopped_at', 'bigint')
    .execute();
  await db.schema.alterTable('machines').addColumn('node_id', 'text').execute();
  await db.schema.alterTable('machines').addColumn('connection_id', 'text').execute();
  await db.schema.createIndex('machines_node_idx').on('machines').columns(['node_id', 'status']).execute();
  await db.schema.alterTable('command_targets').addColumn('node_id', 'text').execute();
  await db.schema.createIndex('command_targets_node_idx').on('command_targets').columns(['node_id', 'status']).execute();
}
