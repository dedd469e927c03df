import type { Kysely } from 'kysely';

/** Static groups of machines (Medulla's groups), usable as deployment targets; a deployment may follow one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('machine_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('machine_groups_entity_name_uq', ['entity_id', 'name'])
    .execute();
  await db.schema
    .createTable('machine_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('machine_groups.id').onDelete('cascade'))
    .addColumn('machine_id', 'text', (c) => c.notNull().references('machines.id').onDelete('cascade'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('machine_group_members_pk', ['group_id', 'machine_id'])
    .execute();
  await db.schema.createIndex('machine_group_members_machine_idx').on('machine_group_members').column('machine_id').execute();
  await db.schema.alterTable('deployments').addColumn('target_group_id', 'text').execute();
}
