import type { Db } from '../../platform/db/database.js';
import type { RemoteSettingsTable } from '../../platform/db/tables.js';

export class RemoteSettingsRepository {
  constructor(private readonly db: Db) {}

  all(): Promise<RemoteSettingsTable[]> {
    return this.db.selectFrom('remote_settings').selectAll().execute();
  }

  async put(row: RemoteSettingsTable): Promise<void> {
    const { entity_id: _id, ...values } = row;
    await this.db
      .insertInto('remote_settings')
      .values(row)
      .onConflict((oc) => oc.column('entity_id').doUpdateSet(values))
      .execute();
  }
}
