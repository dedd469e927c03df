import type { Kysely } from 'kysely';
import type { EntityScope } from '../../platform/http/access.js';
import type { Database, EnrollmentTokensTable } from '../../platform/db/tables.js';

export type TokenRow = EnrollmentTokensTable & { entity_name: string };

export class EnrollmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('enrollment_tokens')
      .innerJoin('entities', 'entities.id', 'enrollment_tokens.entity_id')
      .selectAll('enrollment_tokens')
      .select('entities.name as entity_name');
  }

  async insert(row: EnrollmentTokensTable): Promise<void> {
    await this.db.insertInto('enrollment_tokens').values(row).execute();
  }

  findById(id: string): Promise<TokenRow | undefined> {
    return this.base().where('enrollment_tokens.id', '=', id).executeTakeFirst();
  }

  findBySecretHash(hash: string): Promise<EnrollmentTokensTable | undefined> {
    return this.db.selectFrom('enrollment_tokens').selectAll().where('secret_hash', '=', hash).executeTakeFirst();
  }

  list(scope: EntityScope): Promise<TokenRow[]> {
    let q = this.base();
    if (scope !== 'all') q = q.where('enrollment_tokens.entity_id', 'in', scope.size > 0 ? [...scope] : ['']);
    return q.orderBy('enrollment_tokens.created_at', 'desc').limit(1000).execute();
  }

  /** Takes one use of the token if it is still usable; false when another enrollment won the race. */
  async consume(id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('enrollment_tokens')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb('uses', '<', eb.ref('max_uses')))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives back a use taken by an enrollment that then failed. */
  async release(id: string): Promise<void> {
    await this.db
      .updateTable('enrollment_tokens')
      .set((eb) => ({ uses: eb('uses', '-', 1) }))
      .where('id', '=', id)
      .where('uses', '>', 0)
      .execute();
  }

  async revoke(id: string, now: number): Promise<void> {
    await this.db.updateTable('enrollment_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }
}
