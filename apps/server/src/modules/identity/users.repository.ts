import type { Db } from '../../platform/db/database.js';
import type { UsersTable } from '../../platform/db/tables.js';
import { rolesQuery, type RoleRow } from './identity.repository.js';

export type UserPatch = Partial<
  Pick<
    UsersTable,
    | 'given_name'
    | 'sn'
    | 'mail'
    | 'disabled'
    | 'password_hash'
    | 'must_change_password'
    | 'totp_secret'
    | 'totp_pending'
    | 'totp_last_counter'
    | 'recovery_codes'
    | 'external_id'
  >
>;

export interface RoleRef {
  entity_id: string;
  profile_id: string;
}

/** Users and their roles, as the admin pages and the directory logins change them. */
export class UsersRepository {
  constructor(private readonly db: Db) {}

  listUsers(): Promise<UsersTable[]> {
    return this.db.selectFrom('users').selectAll().orderBy('username').execute();
  }

  allRoles(): Promise<RoleRow[]> {
    return rolesQuery(this.db).execute();
  }

  findByExternal(source: string, externalId: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('source', '=', source).where('external_id', '=', externalId).executeTakeFirst();
  }

  async updateUser(id: string, patch: UserPatch): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  /** Only when the counter moves forward: two nodes cannot both accept the same code. */
  async advanceTotpCounter(id: string, counter: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ totp_last_counter: counter })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', counter)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Replaces a recovery-code list only if nobody changed it meanwhile (each code is used once). */
  async swapRecoveryCodes(id: string, before: string, after: string): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ recovery_codes: after })
      .where('id', '=', id)
      .where('recovery_codes', '=', before)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async replaceRoles(userId: string, roles: RoleRef[], patch: UserPatch = {}): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (Object.keys(patch).length > 0) await trx.updateTable('users').set(patch).where('id', '=', userId).execute();
      await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
      if (roles.length > 0)
        await trx
          .insertInto('user_roles')
          .values(roles.map((r) => ({ user_id: userId, ...r })))
          .execute();
    });
  }

  async deleteUser(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await trx.deleteFrom('api_tokens').where('user_id', '=', id).execute();
      await trx.deleteFrom('login_challenges').where('user_id', '=', id).execute();
      await trx.deleteFrom('users').where('id', '=', id).execute();
    });
  }
}

/** A new user row: every column not given takes its default (local source, no second factor). */
export function userRow(fields: Pick<UsersTable, 'id' | 'username' | 'created_at'> & Partial<UsersTable>): UsersTable {
  return {
    password_hash: null,
    must_change_password: 0,
    disabled: 0,
    last_login_at: null,
    source: 'local',
    external_id: null,
    given_name: null,
    sn: null,
    mail: null,
    totp_secret: null,
    totp_pending: null,
    totp_last_counter: null,
    recovery_codes: null,
    ...fields,
  };
}
