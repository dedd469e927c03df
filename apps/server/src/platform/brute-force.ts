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

/**
 * Counts failed logins and enrollments per source address, like fail2ban: `maxFailures` within
 * `windowMs` bans the address for `banMs`. Kept in memory: a restart forgives, which is the
 * usual trade-off; the ban itself is always logged.
 */
export class BruteForceGuard {
  private readonly records = new Map<string, Record_>();

  constructor(
    private readonly policy: BanPolicy,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onBan: () => void = () => {},
  ) {}

  /** Throws PONS_E_BANNED when the address is banned now. */
  assertAllowed(address: string): void {
    const record = this.records.get(address);
    const now = this.clock.now();
    if (record && record.bannedUntil > now) {
      const retryAfterSeconds = Math.ceil((record.bannedUntil - now) / 1000);
      throw new PonsError('PONS_E_BANNED', `Too many failed attempts from ${address}; try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
  }

  recordFailure(address: string, what: string): void {
    const now = this.clock.now();
    const record = this.records.get(address) ?? { failures: [], bannedUntil: 0 };
    record.failures = record.failures.filter((t) => now - t < this.policy.windowMs);
    record.failures.push(now);
    if (record.failures.length >= this.policy.maxFailures) {
      record.bannedUntil = now + this.policy.banMs;
      record.failures = [];
      this.onBan();
      this.log.warn(
        { address, what, banSeconds: this.policy.banMs / 1000 },
        `address ${address} banned after ${this.policy.maxFailures} failed attempts`,
      );
    }
    this.records.set(address, record);
    if (this.records.size > 100_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [address, record] of this.records) {
      if (record.bannedUntil <= now && record.failures.every((t) => now - t >= this.policy.windowMs)) this.records.delete(address);
    }
  }
}
