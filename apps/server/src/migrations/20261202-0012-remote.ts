import type { Kysely } from 'kysely';

/** Per entity: whether remote sessions ask the logged-in user first (Medulla's VNC permission setting). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('remote_settings')
    .addColumn('entity_id', 'text', (c) => c.primaryKey().references('entities.id').onDelete('cascade'))
    .addColumn('consent_required', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}
