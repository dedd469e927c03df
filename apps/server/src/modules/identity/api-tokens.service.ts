import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiToken, ApiTokenNarrowing, CreateApiTokenRequest, CreatedApiToken } from '@pons/protocol';
import { sha256Hex } from '@pons/crypto';
import type { Clock } from '../../platform/clock.js';
import type { ApiTokensTable } from '../../platform/db/tables.js';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { CredentialsRepository } from './credentials.repository.js';
import type { IdentityService } from './identity.service.js';
import type { Narrowing } from './principal.js';
import { API_TOKEN_PREFIX } from './sessions.js';

function state(row: ApiTokensTable, now: number): ApiToken['state'] {
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'active';
}

/**
 * API tokens for the CLI and automation: a user's own rights, optionally narrowed to some
 * permissions and entities, until they expire or are revoked. The secret is shown once; the
 * server keeps its SHA-256.
 */
export class ApiTokensService {
  constructor(
    private readonly repo: CredentialsRepository,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, everyone: boolean): Promise<ApiToken[]> {
    if (everyone && !principal.superAdmin) throw new PonsError('PONS_E_FORBIDDEN', "Only a Super-Admin lists every user's tokens.");
    const rows = await this.repo.listApiTokens(everyone ? null : principal.userId);
    return rows.map((r) => this.view(r));
  }

  async create(principal: Principal, request: CreateApiTokenRequest): Promise<CreatedApiToken> {
    if (principal.sessionId.startsWith('token:'))
      throw new PonsError('PONS_E_FORBIDDEN', 'An API token cannot create other tokens; log in.');
    const tree = await this.identity.entityTree();
    const narrowing: Narrowing | null = request.narrowing
      ? {
          ...(request.narrowing.permissions ? { permissions: request.narrowing.permissions } : {}),
          ...(request.narrowing.entities ? { entityIds: request.narrowing.entities.map((e) => tree.resolve(e).id) } : {}),
        }
      : null;
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const row: ApiTokensTable = {
      id: randomUUID(),
      user_id: principal.userId,
      name: request.name,
      secret_hash: sha256Hex(secret),
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      narrowing: narrowing ? JSON.stringify(narrowing) : null,
      created_at: now,
      expires_at: now + (request.expiresInMs ?? 90 * 86_400_000),
      last_used_at: null,
      revoked_at: null,
    };
    await this.repo.createApiToken(row);
    return { ...this.view({ ...row, username: principal.username }), token: secret };
  }

  async revoke(principal: Principal, id: string): Promise<ApiToken> {
    const row = await this.repo.findApiToken(id);
    if (!row || (row.user_id !== principal.userId && !principal.superAdmin))
      throw new PonsError('PONS_E_TOKEN_NOT_FOUND', 'No API token of yours has this id.');
    await this.repo.revokeApiToken(id, this.clock.now());
    return this.view({ ...row, revoked_at: row.revoked_at ?? this.clock.now() });
  }

  private view(row: ApiTokensTable & { username: string }): ApiToken {
    const stored = row.narrowing ? (JSON.parse(row.narrowing) as Narrowing) : null;
    const narrowing: ApiTokenNarrowing | null = stored
      ? { ...(stored.permissions ? { permissions: stored.permissions } : {}), ...(stored.entityIds ? { entities: stored.entityIds } : {}) }
      : null;
    return {
      id: row.id,
      name: row.name,
      userId: row.user_id,
      username: row.username,
      prefix: row.prefix,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
      lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
      revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
      narrowing,
      state: state(row, this.clock.now()),
    };
  }
}
