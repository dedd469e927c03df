import type { BruteForceGuard } from '../../platform/brute-force.js';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { Logger } from '../../platform/logger.js';
import type { IdentityRepository } from './identity.repository.js';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password.js';
import type { SessionService } from './sessions.js';

/** A local user changes their own password: the current one is checked (and counted as a login). */
export class PasswordChange {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly guard: BruteForceGuard,
    private readonly sessions: SessionService,
    private readonly log: Logger,
    private readonly onPasswordChanged: (username: string) => void,
  ) {}

  async changePassword(principal: Principal, currentPassword: string, newPassword: string, address: string): Promise<void> {
    this.guard.assertAllowed(address, principal.username);
    const user = await this.repo.findUserById(principal.userId);
    if (user && user.source !== 'local') {
      throw new PonsError(
        'PONS_E_VALIDATION',
        `This account's password is kept by its ${user.source.toUpperCase()} directory; change it there.`,
      );
    }
    if (!user || !(await verifyPassword(currentPassword, user.password_hash))) {
      this.guard.recordFailure(address, `password change for "${principal.username}"`, principal.username);
      throw new PonsError('PONS_E_INVALID_CREDENTIALS', 'The current password is wrong.');
    }
    if (currentPassword === newPassword)
      throw new PonsError('PONS_E_PASSWORD_POLICY', 'The new password is refused: it must differ from the current one.');
    assertPasswordPolicy(newPassword, user.username);
    await this.repo.setPassword(user.id, await hashPassword(newPassword), false);
    await this.sessions.endAll(user.id, principal.sessionId);
    this.log.info({ username: user.username }, 'password changed');
    this.onPasswordChanged(user.username);
  }
}
