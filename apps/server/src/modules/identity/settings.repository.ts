import type { Db } from '../../platform/db/database.js';
import type { OidcProvidersTable } from '../../platform/db/tables.js';

/** Settings (key → JSON) and OIDC providers. */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  async put(key: string, value: string, at: number, by: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: by }))
      .execute();
  }

  listProviders(): Promise<OidcProvidersTable[]> {
    return this.db.selectFrom('oidc_providers').selectAll().orderBy('name').execute();
  }

  findProvider(id: string): Promise<OidcProvidersTable | undefined> {
    return this.db.selectFrom('oidc_providers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertProvider(row: OidcProvidersTable): Promise<void> {
    await this.db.insertInto('oidc_providers').values(row).execute();
  }

  async updateProvider(id: string, patch: Omit<OidcProvidersTable, 'id' | 'created_at'>): Promise<void> {
    await this.db.updateTable('oidc_providers').set(patch).where('id', '=', id).execute();
  }

  async deleteProvider(id: string): Promise<boolean> {
    return Number((await this.db.deleteFrom('oidc_providers').where('id', '=', id).executeTakeFirst()).numDeletedRows) > 0;
  }
}
