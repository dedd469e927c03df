import type { Db } from '../../platform/db/database.js';
import type { ApiTokensTable, LoginChallengesTable, OidcPendingTable, SessionsTable } from '../../platform/db/tables.js';

/** Sessions, second-factor challenges, API tokens and pending OIDC logins: every credential a login hands out. */
export class CredentialsRepository {
  constructor(private readonly db: Db) {}

  async createSession(session: SessionsTable): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  findSession(id: string): Promise<SessionsTable | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  sessionsOf(userId: string): Promise<SessionsTable[]> {
    return this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute();
  }

  async touchSession(id: string, at: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionByPublicId(userId: string, publicId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('public_id', '=', publicId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteSessionsOf(userId: string, except?: string): Promise<number> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (except) query = query.where('id', '!=', except);
    return Number((await query.executeTakeFirst()).numDeletedRows);
  }

  async deleteExpired(now: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    await this.db.deleteFrom('login_challenges').where('expires_at', '<', now).execute();
    await this.db.deleteFrom('oidc_pending').where('expires_at', '<', now).execute();
  }

  async createChallenge(row: LoginChallengesTable): Promise<void> {
    await this.db.insertInto('login_challenges').values(row).execute();
  }

  findChallenge(id: string): Promise<LoginChallengesTable | undefined> {
    return this.db.selectFrom('login_challenges').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async countChallengeAttempt(id: string): Promise<void> {
    await this.db
      .updateTable('login_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  /** True for the one caller that removed it: a challenge opens one session. */
  async consumeChallenge(id: string): Promise<boolean> {
    return Number((await this.db.deleteFrom('login_challenges').where('id', '=', id).executeTakeFirst()).numDeletedRows) === 1;
  }

  async createApiToken(row: ApiTokensTable): Promise<void> {
    await this.db.insertInto('api_tokens').values(row).execute();
  }

  findApiTokenBySecret(secretHash: string): Promise<ApiTokensTable | undefined> {
    return this.db.selectFrom('api_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
  }

  listApiTokens(userId: string | null): Promise<Array<ApiTokensTable & { username: string }>> {
    let query = this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('api_tokens')
      .select('users.username');
    if (userId) query = query.where('api_tokens.user_id', '=', userId);
    return query.orderBy('api_tokens.created_at', 'desc').execute();
  }

  findApiToken(id: string): Promise<(ApiTokensTable & { username: string }) | undefined> {
    return this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('api_tokens')
      .select('users.username')
      .where('api_tokens.id', '=', id)
      .executeTakeFirst();
  }

  async revokeApiToken(id: string, at: number): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async touchApiToken(id: string, at: number): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async savePendingOidc(row: OidcPendingTable): Promise<void> {
    await this.db.insertInto('oidc_pending').values(row).execute();
  }

  /** Reads and removes a pending OIDC login: a state is good for one callback. */
  async takePendingOidc(id: string): Promise<OidcPendingTable | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('oidc_pending').selectAll().where('id', '=', id).executeTakeFirst();
      if (row) await trx.deleteFrom('oidc_pending').where('id', '=', id).execute();
      return row;
    });
  }
}
