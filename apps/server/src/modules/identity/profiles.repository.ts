import type { Db } from '../../platform/db/database.js';
import type { ProfilesTable } from '../../platform/db/tables.js';

export interface ProfileRow extends ProfilesTable {
  permissions: Array<{ feature: string; level: string }>;
  users: number;
}

/** Profiles and their permissions. */
export class ProfilesRepository {
  constructor(private readonly db: Db) {}

  async list(): Promise<ProfileRow[]> {
    const profiles = await this.db.selectFrom('profiles').selectAll().orderBy('builtin', 'desc').orderBy('name').execute();
    const permissions = await this.db.selectFrom('profile_permissions').selectAll().execute();
    const counts = await this.db
      .selectFrom('user_roles')
      .select(['profile_id', (eb) => eb.fn.count<number>('user_id').distinct().as('n')])
      .groupBy('profile_id')
      .execute();
    return profiles.map((p) => ({
      ...p,
      permissions: permissions.filter((x) => x.profile_id === p.id).map((x) => ({ feature: x.feature, level: x.level })),
      users: Number(counts.find((c) => c.profile_id === p.id)?.n ?? 0),
    }));
  }

  async save(profile: ProfilesTable, permissions: Array<{ feature: string; level: string }>, isNew: boolean): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (isNew) await trx.insertInto('profiles').values(profile).execute();
      else await trx.updateTable('profiles').set({ name: profile.name }).where('id', '=', profile.id).execute();
      await trx.deleteFrom('profile_permissions').where('profile_id', '=', profile.id).execute();
      if (permissions.length > 0)
        await trx
          .insertInto('profile_permissions')
          .values(permissions.map((p) => ({ profile_id: profile.id, ...p })))
          .execute();
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('profile_permissions').where('profile_id', '=', id).execute();
      await trx.deleteFrom('profiles').where('id', '=', id).execute();
    });
  }
}
