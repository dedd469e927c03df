import type { Kysely } from 'kysely';

/**
 * Every machine list counts machines by status (the console's counters). Without an index that
 * starts with the status, SQLite sorted every machine into a temporary tree for the GROUP BY (at
 * 19,000 machines: 2.0 ms a count on an idle server, 11 ms during a reconnect storm); with it the
 * count walks the index in order (0.75 ms idle).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('machines_status_idx').on('machines').column('status').execute();
}
