import { randomBytes, randomUUID } from 'node:crypto';
import type { CreateEnrollmentTokenRequest, CreatedEnrollmentToken, EnrollFrame, EnrollmentToken } from '@pons/protocol';
import { sha256Hex } from '@pons/crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { AuditSink } from '../../platform/http/audit-hook.js';
import type { Logger } from '../../platform/logger.js';
import { inScope, type EntityTree } from '../identity/index.js';
import type { MachinesService } from '../machines/index.js';
import { EnrollmentRepository, type TokenRow } from './enrollment.repository.js';

const TOKEN_PREFIX = 'pet_';

export interface ServerIdentity {
  url: string;
  caFingerprint: string;
}

function present(row: TokenRow, now: number): EnrollmentToken {
  const state = row.revoked_at !== null ? 'revoked' : row.expires_at <= now ? 'expired' : row.uses >= row.max_uses ? 'exhausted' : 'active';
  return {
    id: row.id,
    entityId: row.entity_id,
    entityName: row.entity_name,
    label: row.label,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    maxUses: row.max_uses,
    uses: row.uses,
    revokedAt: row.revoked_at,
    state,
  };
}

/** A one-use, one-hour token on the root entity, made by the server itself (the local agent). */
export async function createInternalToken(db: Db, clock: Clock, label: string): Promise<string> {
  const secret = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  const now = clock.now();
  await new EnrollmentRepository(db).insert({
    id: randomUUID(),
    entity_id: 'root',
    secret_hash: sha256Hex(secret),
    label,
    created_at: now,
    created_by: 'system',
    expires_at: now + 3_600_000,
    max_uses: 1,
    uses: 0,
    revoked_at: null,
  });
  return secret;
}

export class EnrollmentService {
  private readonly repo: EnrollmentRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly machines: MachinesService,
    private readonly entities: () => Promise<EntityTree>,
    private readonly server: ServerIdentity,
    private readonly log: Logger,
    private readonly audit: AuditSink,
  ) {
    this.repo = new EnrollmentRepository(db);
  }

  async create(principal: Principal, request: CreateEnrollmentTokenRequest): Promise<CreatedEnrollmentToken> {
    const tree = await this.entities();
    const entity = tree.resolve(request.entity ?? 'root');
    if (!inScope(principal.scope('enrollment', 'rw'), entity.id)) {
      throw new PonsError('PONS_E_FORBIDDEN', `You may not create enrollment tokens for entity "${entity.name}".`);
    }
    const secret = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const now = this.clock.now();
    const id = randomUUID();
    await this.repo.insert({
      id,
      entity_id: entity.id,
      secret_hash: sha256Hex(secret),
      label: request.label ?? '',
      created_at: now,
      created_by: principal.username,
      expires_at: now + (request.expiresInMs ?? 7 * 86_400_000),
      max_uses: request.maxUses ?? 1,
      uses: 0,
      revoked_at: null,
    });
    this.log.info({ tokenId: id, entity: entity.name, by: principal.username }, 'enrollment token created');
    const row = await this.repo.findById(id);
    return {
      ...present(row!, now),
      token: secret,
      caFingerprint: this.server.caFingerprint,
      serverUrl: this.server.url,
      agentCommand: `pons agent --server ${this.server.url} --token ${secret} --ca-fingerprint ${this.server.caFingerprint}`,
    };
  }

  async list(principal: Principal): Promise<EnrollmentToken[]> {
    const now = this.clock.now();
    return (await this.repo.list(principal.scope('enrollment', 'ro'))).map((row) => present(row, now));
  }

  async revoke(principal: Principal, id: string): Promise<EnrollmentToken> {
    const row = await this.repo.findById(id);
    if (!row || !inScope(principal.scope('enrollment', 'rw'), row.entity_id)) {
      throw new PonsError('PONS_E_TOKEN_NOT_FOUND', `No enrollment token ${id} is visible to you.`);
    }
    await this.repo.revoke(id, this.clock.now());
    this.log.info({ tokenId: id, by: principal.username }, 'enrollment token revoked');
    return present((await this.repo.findById(id))!, this.clock.now());
  }

  /** For the local agent started by `npm start`: a one-use, one-hour token made by the server. */
  createInternalToken(label: string): Promise<string> {
    return createInternalToken(this.db, this.clock, label);
  }

  /**
   * Enrols an agent whose key proof the gateway has already checked. A use of the token is taken
   * first, in a statement of its own, and the machine is written after: taking the use inside the
   * machine's transaction held the token's row lock until that transaction committed, and every
   * enrollment with the same token queued behind it (on PostgreSQL, a few hundred a second for a
   * fleet enrolling with one token). If writing the machine fails, the use is given back, so a
   * refused enrollment creates nothing and costs no use.
   */
  async enroll(frame: EnrollFrame, address: string): Promise<{ machineId: string; reenrolled: boolean; entityId: string }> {
    const line = (
      outcome: 'success' | 'failure',
      fields: { objectId?: string; entityId?: string; errorCode?: string; reenrolled?: boolean },
    ) =>
      this.audit.record({
        actor: `agent:${frame.facts.hostname}`,
        actorId: null,
        address,
        action: 'machine.enroll',
        objectType: 'machine',
        objectId: fields.objectId ?? null,
        objectName: frame.facts.hostname,
        entityId: fields.entityId ?? null,
        outcome,
        errorCode: fields.errorCode ?? null,
        details: fields.reenrolled === undefined ? null : { reenrolled: fields.reenrolled },
      });
    try {
      const result = await this.enrollOnce(frame);
      await line('success', { objectId: result.machineId, entityId: result.entityId, reenrolled: result.reenrolled });
      return result;
    } catch (error) {
      await line('failure', { errorCode: error instanceof PonsError ? error.code : 'PONS_E_INTERNAL' });
      throw error;
    }
  }

  private async enrollOnce(frame: EnrollFrame): Promise<{ machineId: string; reenrolled: boolean; entityId: string }> {
    const now = this.clock.now();
    const tokens = new EnrollmentRepository(this.db);
    const token = await tokens.findBySecretHash(sha256Hex(frame.token));
    if (!token)
      throw new PonsError('PONS_E_TOKEN_INVALID', 'This enrollment token is not known to the server; check that it was copied whole.');
    if (token.revoked_at !== null) throw new PonsError('PONS_E_TOKEN_REVOKED', 'This enrollment token was revoked; ask for a new one.');
    if (token.expires_at <= now)
      throw new PonsError(
        'PONS_E_TOKEN_EXPIRED',
        `This enrollment token expired on ${new Date(token.expires_at).toISOString()}; ask for a new one.`,
      );
    if (!(await tokens.consume(token.id, now))) {
      throw new PonsError(
        'PONS_E_TOKEN_EXHAUSTED',
        `This enrollment token has been used ${token.max_uses} time(s), its limit; ask for a new one.`,
      );
    }
    try {
      const result = await this.db.transaction().execute((trx) =>
        this.machines.registerEnrollment(trx, {
          entityId: token.entity_id,
          tokenId: token.id,
          publicKey: frame.publicKey,
          identity: frame.identity,
          facts: frame.facts,
          agentVersion: frame.agentVersion,
        }),
      );
      return { ...result, entityId: token.entity_id };
    } catch (error) {
      await tokens
        .release(token.id)
        .catch((releaseError: unknown) =>
          this.log.error({ err: releaseError, tokenId: token.id }, 'could not give back the use of a failed enrollment'),
        );
      throw error;
    }
  }
}
