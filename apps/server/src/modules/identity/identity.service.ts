import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { BuiltinProfiles, defaultProfileGrants, Features, type AccessLevel, type CurrentUser, type Feature } from '@pons/protocol';
import { sha256Hex } from '@pons/crypto';
import type { BruteForceGuard } from '../../platform/brute-force.js';
import type { Clock } from '../../platform/clock.js';
import { PonsError } from '../../platform/errors.js';
import type { Authenticator, Principal } from '../../platform/http/access.js';
import { readCookie } from '../../platform/http/cookies.js';
import type { Logger } from '../../platform/logger.js';
import { EntityTree } from './entity-tree.js';
import type { IdentityRepository } from './identity.repository.js';
import { assertPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password.js';
import { buildPrincipal, type RoleGrant } from './principal.js';

export const SESSION_COOKIE = 'pons_session';
const TOUCH_EVERY_MS = 60_000;

export interface SessionPolicy {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  cliIdleTimeoutMs: number;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: number;
  user: CurrentUser;
}

const profileId = (name: string) => name.toLowerCase();

export class IdentityService implements Authenticator {
  private tree: { value: EntityTree; at: number } | null = null;

  constructor(
    private readonly repo: IdentityRepository,
    private readonly clock: Clock,
    private readonly guard: BruteForceGuard,
    private readonly sessions: SessionPolicy,
    private readonly log: Logger,
    private readonly onPasswordChanged: (username: string) => void = () => {},
  ) {}

  /** Keeps the built-in profiles' permissions equal to Medulla's default mapping. */
  async ensureBuiltinProfiles(): Promise<void> {
    for (const name of BuiltinProfiles) {
      const grants = defaultProfileGrants[name];
      const permissions = Features.flatMap((feature) => (grants[feature] ? [{ feature, level: grants[feature] }] : []));
      await this.repo.upsertBuiltinProfile(
        { id: profileId(name), name, builtin: 1, super_admin: name === 'Super-Admin' ? 1 : 0 },
        permissions,
      );
    }
  }

  /** Creates the `admin` Super-Admin on first start; returns its one-time password, or null. */
  async ensureBootstrapAdmin(): Promise<string | null> {
    if ((await this.repo.countUsers()) > 0) return null;
    const password = generatePassword();
    const created = this.repo.createUser(
      {
        id: randomUUID(),
        username: 'admin',
        password_hash: await hashPassword(password),
        must_change_password: 1,
        disabled: 0,
        created_at: this.clock.now(),
        last_login_at: null,
      },
      [{ entity_id: 'root', profile_id: profileId('Super-Admin') }],
    );
    try {
      await created;
    } catch (error) {
      // Another node created it at the same moment: that one prints the password.
      if ((await this.repo.countUsers()) > 0) return null;
      throw error;
    }
    this.log.info('created the bootstrap Super-Admin "admin"; it must choose a new password at first login');
    return password;
  }

  async entityTree(): Promise<EntityTree> {
    const now = this.clock.now();
    if (this.tree && now - this.tree.at < 2_000) return this.tree.value;
    const rows = await this.repo.listEntities();
    const value = new EntityTree(rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id })));
    this.tree = { value, at: now };
    return value;
  }

  async login(input: { username: string; password: string; address: string; kind: 'browser' | 'cli' }): Promise<LoginResult> {
    this.guard.assertAllowed(input.address);
    const user = await this.repo.findUserByName(input.username);
    const valid = await verifyPassword(input.password, user?.password_hash ?? null);
    if (!user || !valid || user.disabled) {
      this.guard.recordFailure(input.address, `login as "${input.username}"`);
      this.log.info({ username: input.username, address: input.address }, 'login failed');
      throw new PonsError('PONS_E_INVALID_CREDENTIALS', 'The user name or the password is wrong.');
    }
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const absolute = input.kind === 'cli' ? this.sessions.cliIdleTimeoutMs * 3 : this.sessions.absoluteTimeoutMs;
    const sessionId = sha256Hex(token);
    await this.repo.createSession({
      id: sessionId,
      user_id: user.id,
      kind: input.kind,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: now + absolute,
      address: input.address,
    });
    await this.repo.touchLogin(user.id, now);
    await this.repo.deleteExpiredSessions(now);
    this.log.info({ username: user.username, address: input.address, kind: input.kind }, 'login');
    const principal = await this.principalFor(user.id, { sessionId, via: input.kind === 'cli' ? 'bearer' : 'cookie', csrfToken });
    return { token, csrfToken, expiresAt: now + absolute, user: await this.describe(principal) };
  }

  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer ?? readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) return null;
    const session = await this.repo.findSession(sha256Hex(token));
    if (!session) return null;
    const now = this.clock.now();
    const idle = session.kind === 'cli' ? this.sessions.cliIdleTimeoutMs : this.sessions.idleTimeoutMs;
    if (session.expires_at <= now || now - session.last_seen_at > idle) {
      await this.repo.deleteSession(session.id);
      return null;
    }
    if (now - session.last_seen_at > TOUCH_EVERY_MS) await this.repo.touchSession(session.id, now);
    return this.principalFor(session.user_id, { sessionId: session.id, via: bearer ? 'bearer' : 'cookie', csrfToken: session.csrf_token });
  }

  private async principalFor(
    userId: string,
    session: { sessionId: string; via: 'cookie' | 'bearer'; csrfToken: string },
  ): Promise<Principal | null> {
    const user = await this.repo.findUserById(userId);
    if (!user || user.disabled) return null;
    const roles = await this.roleGrants(user.id);
    return buildPrincipal(
      { userId: user.id, username: user.username, passwordChangeRequired: user.must_change_password === 1, ...session, roles },
      await this.entityTree(),
    );
  }

  private async roleGrants(userId: string): Promise<Array<RoleGrant & { entityName: string; profileName: string }>> {
    const roles = await this.repo.rolesOf(userId);
    const permissions = await this.repo.permissionsOf([...new Set(roles.map((r) => r.profile_id))]);
    return roles.map((role) => ({
      entityId: role.entity_id,
      entityName: role.entity_name,
      profileName: role.profile_name,
      superAdmin: role.super_admin === 1,
      permissions: Object.fromEntries(permissions.filter((p) => p.profile_id === role.profile_id).map((p) => [p.feature, p.level])),
    }));
  }

  async describe(principal: Principal | null): Promise<CurrentUser> {
    if (!principal) throw new PonsError('PONS_E_UNAUTHENTICATED', 'Log in first.');
    const roles = await this.roleGrants(principal.userId);
    return {
      id: principal.userId,
      username: principal.username,
      superAdmin: principal.superAdmin,
      passwordChangeRequired: principal.passwordChangeRequired,
      grants: roles.map((r) => ({
        entityId: r.entityId,
        entityName: r.entityName,
        profile: r.profileName,
        permissions: r.permissions as Record<Feature, AccessLevel>,
      })),
    };
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, address: string): Promise<void> {
    this.guard.assertAllowed(address);
    const user = await this.repo.findUserById(principal.userId);
    if (!user || !(await verifyPassword(currentPassword, user.password_hash))) {
      this.guard.recordFailure(address, `password change for "${principal.username}"`);
      throw new PonsError('PONS_E_INVALID_CREDENTIALS', 'The current password is wrong.');
    }
    if (currentPassword === newPassword)
      throw new PonsError('PONS_E_PASSWORD_POLICY', 'The new password is refused: it must differ from the current one.');
    assertPasswordPolicy(newPassword, user.username);
    await this.repo.setPassword(user.id, await hashPassword(newPassword), false);
    await this.repo.deleteSessionsOf(user.id, principal.sessionId);
    this.log.info({ username: user.username }, 'password changed');
    this.onPasswordChanged(user.username);
  }

  async logout(principal: Principal): Promise<void> {
    await this.repo.deleteSession(principal.sessionId);
  }
}
