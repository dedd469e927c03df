import { randomBytes } from 'node:crypto';
import type { CurrentUser, SecondFactorChallenge } from '@pons/protocol';
import { sha256Hex } from '@pons/crypto';
import type { BruteForceGuard } from '../../platform/brute-force.js';
import type { Clock } from '../../platform/clock.js';
import { PonsError } from '../../platform/errors.js';
import type { AuditSink } from '../../platform/http/audit-hook.js';
import type { Logger } from '../../platform/logger.js';
import { auditLine } from './audit-line.js';
import type { CredentialsRepository } from './credentials.repository.js';
import type { DirectoryLogin } from './directory-login.js';
import type { IdentityRepository } from './identity.repository.js';
import type { IdentityService } from './identity.service.js';
import { verifyPassword } from './password.js';
import type { SecondFactor } from './second-factor/second-factor.service.js';
import type { SessionService } from './sessions.js';
import type { UsersRepository } from './users.repository.js';

const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_ATTEMPTS = 5;

export interface LoginResult {
  kind: 'browser' | 'cli';
  token: string;
  csrfToken: string;
  expiresAt: number;
  user: CurrentUser;
}

export interface LoginAttempt {
  username: string;
  password: string;
  address: string;
  kind: 'browser' | 'cli';
}

export interface LoginDeps {
  identity: IdentityService;
  repo: IdentityRepository;
  users: UsersRepository;
  credentials: CredentialsRepository;
  sessions: SessionService;
  secondFactor: SecondFactor;
  directory: DirectoryLogin;
  guard: BruteForceGuard;
  audit: AuditSink;
  clock: Clock;
  log: Logger;
}

const invalid = () => new PonsError('PONS_E_INVALID_CREDENTIALS', 'The user name or the password is wrong.');

/**
 * Every way in: a local password, an LDAP password, the second factor, and the end of an OIDC
 * login. Each failure counts against the address and the account, and each attempt is audited.
 */
export class LoginService {
  constructor(private readonly d: LoginDeps) {}

  async password(attempt: LoginAttempt): Promise<LoginResult | SecondFactorChallenge> {
    const { address, username } = attempt;
    try {
      this.d.guard.assertAllowed(address, username);
      const local = await this.d.repo.findUserByName(username);
      let userId: string;
      if (local && local.source === 'local') {
        if (!(await verifyPassword(attempt.password, local.password_hash))) throw invalid();
        userId = local.id;
      } else if ((!local || local.source === 'ldap') && (await this.d.directory.enabled())) {
        userId = await this.d.directory.login(username, attempt.password);
      } else {
        await verifyPassword(attempt.password, null);
        throw invalid();
      }
      const user = await this.d.repo.findUserById(userId);
      if (!user || user.disabled) throw invalid();
      if (user.totp_secret) return await this.challenge(user.id, attempt.kind, address);
      return await this.finish(user.id, user.username, attempt.kind, address, user.source);
    } catch (error) {
      await this.failed(error, username, address, 'password');
      throw error;
    }
  }

  async secondFactor(input: { challenge: string; code: string; address: string }): Promise<LoginResult> {
    const id = sha256Hex(input.challenge);
    const row = await this.d.credentials.findChallenge(id);
    const now = this.d.clock.now();
    if (!row || row.expires_at <= now || row.attempts >= CHALLENGE_ATTEMPTS) {
      throw new PonsError('PONS_E_SECOND_FACTOR_INVALID', 'This login has expired; enter your user name and password again.');
    }
    const user = await this.d.repo.findUserById(row.user_id);
    if (!user || user.disabled) throw invalid();
    try {
      this.d.guard.assertAllowed(input.address, user.username);
      if (!(await this.d.secondFactor.check(user, input.code))) {
        await this.d.credentials.countChallengeAttempt(id);
        throw new PonsError('PONS_E_SECOND_FACTOR_INVALID', 'The code is wrong or already used; enter the current code of your app.');
      }
      if (!(await this.d.credentials.consumeChallenge(id))) throw invalid();
      return await this.finish(user.id, user.username, row.kind === 'cli' ? 'cli' : 'browser', input.address, user.source, 'totp');
    } catch (error) {
      await this.failed(error, user.username, input.address, 'second-factor');
      throw error;
    }
  }

  /** Opens a session for a user a directory or provider vouched for (OIDC). */
  async external(userId: string, username: string, address: string, method: string): Promise<LoginResult> {
    return this.finish(userId, username, 'browser', address, method);
  }

  async failedExternal(error: unknown, username: string | null, address: string, method: string): Promise<void> {
    await this.failed(error, username ?? '', address, method);
  }

  private async challenge(userId: string, kind: 'browser' | 'cli', address: string): Promise<SecondFactorChallenge> {
    const token = randomBytes(32).toString('base64url');
    await this.d.credentials.createChallenge({
      id: sha256Hex(token),
      user_id: userId,
      kind,
      address,
      expires_at: this.d.clock.now() + CHALLENGE_TTL_MS,
      attempts: 0,
    });
    return { secondFactorRequired: true, challenge: token };
  }

  private async finish(
    userId: string,
    username: string,
    kind: 'browser' | 'cli',
    address: string,
    method: string,
    secondFactor?: string,
  ): Promise<LoginResult> {
    const opened = await this.d.sessions.open(userId, kind, address);
    await this.d.repo.touchLogin(userId, this.d.clock.now());
    this.d.log.info({ username, address, kind, method }, 'login');
    await this.d.audit.record(
      auditLine({
        action: 'auth.login',
        outcome: 'success',
        actor: username,
        actorId: userId,
        address,
        objectType: 'user',
        objectId: userId,
        objectName: username,
        details: { method, kind, ...(secondFactor ? { secondFactor } : {}) },
      }),
    );
    const principal = await this.d.identity.principalFor(userId, {
      sessionId: opened.sessionId,
      via: kind === 'cli' ? 'bearer' : 'cookie',
      csrfToken: opened.csrfToken,
    });
    return {
      kind,
      token: opened.token,
      csrfToken: opened.csrfToken,
      expiresAt: opened.expiresAt,
      user: await this.d.identity.describe(principal),
    };
  }

  private async failed(error: unknown, username: string, address: string, method: string): Promise<void> {
    const code = error instanceof PonsError ? error.code : 'PONS_E_INTERNAL';
    const counts = code === 'PONS_E_INVALID_CREDENTIALS' || code === 'PONS_E_SECOND_FACTOR_INVALID';
    if (counts) this.d.guard.recordFailure(address, `login as "${username}"`, username);
    this.d.log.info({ username, address, code }, 'login failed');
    await this.d.audit.record(
      auditLine({
        action: 'auth.login',
        outcome: 'failure',
        actor: username || null,
        address,
        objectType: 'user',
        objectName: username || null,
        errorCode: code,
        details: { method },
      }),
    );
  }
}
