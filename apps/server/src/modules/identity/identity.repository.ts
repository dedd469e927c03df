import type { Db } from '../../platform/db/database.js';
import type { EntitiesTable, ProfilesTable, UsersTable } from '../../platform/db/tables.js';

export interface RoleRow {
  user_id: string;
  entity_id: string;
  entity_name: string;
  profile_id: string;
  profile_name: string;
  super_admin: number;
}

/** The reads a login needs (users, roles, permissions, entities) and the bootstrap writes. */
export class IdentityRepository {
  constructor(private readonly db: Db) {}

  listEntities(): Promise<EntitiesTable[]> {
    return this.db.selectFrom('entities').selectAll().orderBy('name').execute();
  }

  async upsertBuiltinProfile(profile: ProfilesTable, permissions: Array<{ feature: string; level: string }>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Several nodes may start at once: insert-or-update in one statement.
      await trx
        .insertInto('profiles')
        .values(profile)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: profile.name, builtin: profile.builtin, super_admin: profile.super_admin }))
        .execute();
      await trx.deleteFrom('profile_permissions').where('profile_id', '=', profile.id).execute();
      if (permissions.length > 0) {
        await trx
          .insertInto('profile_permissions')
          .values(permissions.map((p) => ({ profile_id: profile.id, ...p })))
          .execute();
      }
    });
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createUser(user: UsersTable, roles: Array<{ entity_id: string; profile_id: string }>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(user).execute();
      if (roles.length > 0)
        await trx
          .insertInto('user_roles')
          .values(roles.map((r) => ({ user_id: user.id, ...r })))
          .execute();
    });
  }

  findUserByName(username: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findUserById(id: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setPassword(userId: string, hash: string, mustChange: boolean): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: mustChange ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
  }

  async touchLogin(userId: string, at: number): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
  }

  rolesOf(userId: string): Promise<RoleRow[]> {
    return rolesQuery(this.db).where('user_roles.user_id', '=', userId).execute();
  }

  permissionsOf(profileIds: string[]): Promise<Array<{ profile_id: string; feature: string; level: string }>> {
    if (profileIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('profile_permissions').selectAll().where('profile_id', 'in', profileIds).execute();
  }
}

/** Every role with its entity's and profile's names: the one join the login and the user list read. */
export function rolesQuery(db: Db) {
  return db
    .selectFrom('user_roles')
    .innerJoin('entities', 'entities.id', 'user_roles.entity_id')
    .innerJoin('profiles', 'profiles.id', 'user_roles.profile_id')
    .select([
      'user_roles.user_id',
      'user_roles.entity_id',
      'entities.name as entity_name',
      'user_roles.profile_id',
      'profiles.name as profile_name',
      'profiles.super_admin',
    ]);
}
