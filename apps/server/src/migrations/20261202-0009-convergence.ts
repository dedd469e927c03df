import type { Kysely } from 'kysely';

/**
 * Convergence: a deployment kept applied to a set of machines that changes (an entity, or all).
 * It remembers that set, and when it last looked for new members and checked the others.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('deployments')
    .addColumn('converge', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('deployments').addColumn('target_entity_id', 'text').execute();
  await db.schema
    .alterTable('deployments')
    .addColumn('target_all', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('deployments').addColumn('converged_at', 'bigint').execute();
}
