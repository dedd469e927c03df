import type { Kysely } from 'kysely';
import type { Database, InventoriesTable } from '../../platform/db/tables.js';

export class InventoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(row: InventoriesTable): Promise<void> {
    await this.db
      .insertInto('inventories')
      .values(row)
      .onConflict((oc) => oc.column('machine_id').doUpdateSet({ received_at: row.received_at, document: row.document }))
      .execute();
  }

  find(machineId: string): Promise<InventoriesTable | undefined> {
    return this.db.selectFrom('inventories').selectAll().where('machine_id', '=', machineId).executeTakeFirst();
  }
}
