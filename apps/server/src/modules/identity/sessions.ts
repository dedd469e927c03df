import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { SessionInfo } from '@pons/protocol';
import { sha256Hex } from '@pons/crypto';
import type { BruteForceGuard } from '../../platform/brute-force.js';
import type { Clock } from '../../platform/clock.js';
import type { Authenticator, Principal } from '../../platform/http/access.js';
import { readCookie } from '../../platform/http/cookies.js';
import type { CredentialsRepository } from './credentials.repository.js';
import type { IdentityService } from './identity.service.js';
import { narrowPrincipal, type Narrowing } from './principal.js';

export const SESSION_COOKIE = 'pons_session';
/** API tokens start with this, so that a request's bearer says which kind it is. */
export const API_TOKEN_PREFIX = 'pons_pat_';
const TOUCH_EVERY_MS = 60_000;

export interface SessionPolicy {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  cliIdleTimeoutMs: number;
}

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
  sessionId: string;
}

/**
 * Sessions (browser cookies and CLI bearers) and API tokens: opens them, recognises them on each
 * request, ends them. The browser idle timeout is a setting (Medulla's `sessiontimeout`).
 */
export class SessionService implements Authenticator {
  constructor(
    private readonly repo: CredentialsRepository,
    private readonly identity: IdentityService,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
    private readonly idleTimeoutMs: () => Promise<number>,
    private readonly guard: BruteForceGuard,
  ) {}

  async open(userId: string, kind: 'browser' | 'cli', address: string): Promise<OpenedSession> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const lifetime = kind === 'cli' ? this.policy.cliIdleTimeoutMs * 3 : this.policy.absoluteTimeoutMs;
    const sessionId = sha256Hex(token);
    await this.repo.createSession({
      id: sessionId,
      public_id: randomBytes(6).toString('hex'),
      user_id: userId,
      kind,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: now + lifetime,
      address,
    });
    await this.repo.deleteExpired(now);
    return { token, csrfToken, expiresAt: now + lifetime, sessionId };
  }

  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (bearer?.startsWith(API_TOKEN_PREFIX)) return this.fromApiToken(bearer, request.ip);
    const token = bearer ?? readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) return null;
    const session = await this.repo.findSession(sha256Hex(token));
    if (!session) return null;
    const now = this.clock.now();
    const idle = session.kind === 'cli' ? this.policy.cliIdleTimeoutMs : await this.idleTimeoutMs();
    if (session.expires_at <= now || now - session.last_seen_at > idle) {
      await this.repo.deleteSession(session.id);
      return null;
    }
    if (now - session.last_seen_at > TOUCH_EVERY_MS) await this.repo.touchSession(session.id, now);
    return this.identity.principalFor(session.user_id, {
      sessionId: session.id,
      via: bearer ? 'bearer' : 'cookie',
      csrfToken: session.csrf_token,
    });
  }

  /** A wrong API token counts as a failed login of its address, like a wrong password. */
  private async fromApiToken(secret: string, address: string): Promise<Principal | null> {
    this.guard.assertAllowed(address);
    const row = await this.repo.findApiTokenBySecret(sha256Hex(secret));
    const now = this.clock.now();
    if (!row || row.revoked_at !== null || row.expires_at <= now) {
      this.guard.recordFailure(address, 'API token');
      return null;
    }
    if (row.last_used_at === null || now - row.last_used_at > TOUCH_EVERY_MS) await this.repo.touchApiToken(row.id, now);
    const principal = await this.identity.principalFor(row.user_id, { sessionId: `token:${row.id}`, via: 'bearer', csrfToken: '' });
    if (!principal) return null;
    const narrowing = row.narrowing ? (JSON.parse(row.narrowing) as Narrowing) : {};
    return narrowPrincipal(principal, narrowing, await this.identity.entityTree());
  }

  async end(sessionId: string): Promise<void> {
    await this.repo.deleteSession(sessionId);
  }

  /** Ends every session of a user (all but `except` when given); returns how many ended. */
  endAll(userId: string, except?: string): Promise<number> {
    return this.repo.deleteSessionsOf(userId, except);
  }

  async list(principal: Principal): Promise<SessionInfo[]> {
    const rows = await this.repo.sessionsOf(principal.userId);
    return rows.map((r) => ({
      id: r.public_id ?? r.id.slice(0, 12),
      kind: r.kind,
      address: r.address,
      createdAt: Number(r.created_at),
      lastSeenAt: Number(r.last_seen_at),
      expiresAt: Number(r.expires_at),
      current: r.id === principal.sessionId,
    }));
  }

  endOne(principal: Principal, publicId: string): Promise<boolean> {
    return this.repo.deleteSessionByPublicId(principal.userId, publicId);
  }
}
