import type { Db } from '../../platform/db/database.js';

/** The tables whose rows belong to an entity (deployments belong to their package's); an entity holding any cannot be deleted. */
const OWNED = ['machines', 'packages', 'machine_groups', 'enrollment_tokens'] as const;

/** Writes of the entity tree. */
export class EntitiesRepository {
  constructor(private readonly db: Db) {}

  async create(row: { id: string; name: string; parent_id: string; created_at: number }): Promise<void> {
    await this.db.insertInto('entities').values(row).execute();
  }

  async update(id: string, patch: { name?: string; parent_id?: string }): Promise<void> {
    await this.db.updateTable('entities').set(patch).where('id', '=', id).execute();
  }

  /** Deletes the entity when nothing belongs to it; returns what holds it otherwise. */
  async deleteIfEmpty(id: string): Promise<string | null> {
    return this.db.transaction().execute(async (trx) => {
      const child = await trx.selectFrom('entities').select('id').where('parent_id', '=', id).executeTakeFirst();
      if (child) return 'entities';
      for (const table of OWNED) {
        const row = await trx.selectFrom(table).select('entity_id').where('entity_id', '=', id).executeTakeFirst();
        if (row) return table;
      }
      await trx.deleteFrom('user_roles').where('entity_id', '=', id).execute();
      await trx.deleteFrom('entities').where('id', '=', id).execute();
      return null;
    });
  }

  async machineCounts(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('machines')
      .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('entity_id')
      .execute();
    return new Map(rows.map((r) => [r.entity_id, Number(r.n)]));
  }
}
