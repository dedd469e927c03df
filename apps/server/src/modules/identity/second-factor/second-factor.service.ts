import type { RecoveryCodes, TotpEnrolment } from '@pons/protocol';
import type { Clock } from '../../../platform/clock.js';
import type { SecretsBox } from '../../../platform/crypto/secrets-box.js';
import type { UsersTable } from '../../../platform/db/tables.js';
import { PonsError } from '../../../platform/errors.js';
import type { UsersRepository } from '../users.repository.js';
import { generateRecoveryCodes, hashRecoveryCode, matchRecoveryCode } from './recovery-codes.js';
import { generateTotpSecret, otpauthUri, qrCodeSvg, verifyTotp } from './totp.js';

const wrongCode = () =>
  new PonsError('PONS_E_SECOND_FACTOR_INVALID', 'The code is wrong or already used; enter the current code of your app.');

/**
 * TOTP (RFC 6238) with recovery codes, for local accounts. The seed is sealed at rest; a code is
 * accepted once (the last used time step is kept) and a recovery code once (it is removed).
 */
export class SecondFactor {
  constructor(
    private readonly users: UsersRepository,
    private readonly box: SecretsBox,
    private readonly clock: Clock,
  ) {}

  /** Starts an enrolment: a new seed, pending until a code from it is confirmed. */
  async enrol(user: UsersTable): Promise<TotpEnrolment> {
    if (user.source !== 'local')
      throw new PonsError(
        'PONS_E_VALIDATION',
        `This account logs in through ${user.source.toUpperCase()}; its second factor is set there.`,
      );
    if (user.totp_secret)
      throw new PonsError('PONS_E_CONFLICT', 'A second factor is already enabled; disable it first to enrol a new one.');
    const secret = generateTotpSecret();
    await this.users.updateUser(user.id, { totp_pending: this.box.seal(secret) });
    const uri = otpauthUri({ issuer: 'Pons', account: user.username, secret });
    return { secret, uri, qrSvg: await qrCodeSvg(uri) };
  }

  /** Enables the pending seed once a code from it is right, and hands out recovery codes. */
  async confirm(user: UsersTable, code: string): Promise<RecoveryCodes> {
    if (!user.totp_pending)
      throw new PonsError('PONS_E_VALIDATION', 'Start the enrolment first: no second factor is waiting for confirmation.');
    const secret = this.box.open(user.totp_pending);
    const result = verifyTotp(secret, code, this.clock.now());
    if (!result.ok) throw wrongCode();
    const recoveryCodes = generateRecoveryCodes();
    await this.users.updateUser(user.id, {
      totp_secret: user.totp_pending,
      totp_pending: null,
      totp_last_counter: result.counter,
      recovery_codes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)),
    });
    return { recoveryCodes };
  }

  async disable(user: UsersTable, code: string): Promise<void> {
    if (!user.totp_secret) throw new PonsError('PONS_E_VALIDATION', 'No second factor is enabled on this account.');
    if (!(await this.check(user, code))) throw wrongCode();
    await this.reset(user.id);
  }

  async renewRecoveryCodes(user: UsersTable, code: string): Promise<RecoveryCodes> {
    if (!user.totp_secret) throw new PonsError('PONS_E_VALIDATION', 'No second factor is enabled on this account.');
    if (!(await this.check(user, code))) throw wrongCode();
    const recoveryCodes = generateRecoveryCodes();
    await this.users.updateUser(user.id, { recovery_codes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)) });
    return { recoveryCodes };
  }

  /** An administrator's reset: the user enrols again. */
  async reset(userId: string): Promise<void> {
    await this.users.updateUser(userId, { totp_secret: null, totp_pending: null, totp_last_counter: null, recovery_codes: null });
  }

  /** A current TOTP code not used before, or an unused recovery code (which is then spent). */
  async check(user: UsersTable, code: string): Promise<boolean> {
    if (!user.totp_secret) return false;
    const trimmed = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const result = verifyTotp(this.box.open(user.totp_secret), trimmed, this.clock.now(), { lastUsedCounter: user.totp_last_counter });
      return result.ok && (await this.users.advanceTotpCounter(user.id, result.counter));
    }
    const stored = user.recovery_codes ?? '[]';
    const hashes = JSON.parse(stored) as string[];
    const index = matchRecoveryCode(trimmed, hashes);
    if (index < 0) return false;
    return this.users.swapRecoveryCodes(user.id, stored, JSON.stringify(hashes.filter((_, i) => i !== index)));
  }
}
