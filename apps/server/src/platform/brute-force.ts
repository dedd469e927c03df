import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { PonsError } from './errors.js';

export interface BanPolicy {
  maxFailures: number;
  windowMs: number;
  banMs: number;
}

interface Record_ {
  failures: number[];
  bannedUntil: number;
}

export type BanKind = 'address' | 'account';

/**
 * Counts failed logins and enrollments per source address and per account, like fail2ban:
 * `maxFailures` within `windowMs` bans the address (or the account, whatever the address) for
 * `banMs`. Kept in memory, per process: a restart forgives, which is the usual trade-off; every
 * ban is logged and reported to `onBan` (the audit log).
 */
export class BruteForceGuard {
  private readonly records = new Map<string, Record_>();

  constructor(
    private readonly policy: BanPolicy,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onBan: (kind: BanKind, key: string, what: string) => void = () => {},
  ) {}

  /** Throws PONS_E_BANNED when the address, or the account when given, is banned now. */
  assertAllowed(address: string, account?: string): void {
    const now = this.clock.now();
    const check = (key: string, sentence: string) => {
      const record = this.records.get(key);
      if (record && record.bannedUntil > now) {
        const retryAfterSeconds = Math.ceil((record.bannedUntil - now) / 1000);
        throw new PonsError('PONS_E_BANNED', `${sentence}; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
      }
    };
    check(`a:${address}`, `Too many failed attempts from ${address}`);
    if (account !== undefined) check(`u:${account.toLowerCase()}`, 'Too many failed attempts for this account');
  }

  recordFailure(address: string, what: string, account?: string): void {
    this.count('address', address, what);
    if (account !== undefined) this.count('account', account.toLowerCase(), what);
  }

  private count(kind: BanKind, key: string, what: string): void {
    const now = this.clock.now();
    const id = `${kind === 'address' ? 'a' : 'u'}:${key}`;
    const record = this.records.get(id) ?? { failures: [], bannedUntil: 0 };
    record.failures = record.failures.filter((t) => now - t < this.policy.windowMs);
    record.failures.push(now);
    if (record.failures.length >= this.policy.maxFailures) {
      record.bannedUntil = now + this.policy.banMs;
      record.failures = [];
      this.onBan(kind, key, what);
      this.log.warn(
        { [kind]: key, what, banSeconds: this.policy.banMs / 1000 },
        `${kind} ${key} banned after ${this.policy.maxFailures} failed attempts`,
      );
    }
    this.records.set(id, record);
    if (this.records.size > 100_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, record] of this.records) {
      if (record.bannedUntil <= now && record.failures.every((t) => now - t >= this.policy.windowMs)) this.records.delete(key);
    }
  }
}
