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

/** One failed attempt, as the processes of a cluster tell each other. */
export interface SharedFailure {
  kind: BanKind;
  key: string;
  what: string;
}

/**
 * Counts failed logins and enrollments per source address and per account, like fail2ban:
 * `maxFailures` within `windowMs` bans the address (or the account, whatever the address) for
 * `banMs`. Kept in memory: a restart forgives, which is the usual trade-off. With several
 * processes (`--workers`, nodes on NATS), `shareWith` sends each failure over the bus and every
 * process counts every failure, so an attacker gets no more tries by spreading them; the process
 * where the ban-making failure happened logs it and reports it to `onBan` (the audit log).
 */
export class BruteForceGuard {
  private readonly records = new Map<string, Record_>();
  private share: ((failure: SharedFailure) => void) | null = null;

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
    const failures: SharedFailure[] = [{ kind: 'address', key: address, what }];
    if (account !== undefined) failures.push({ kind: 'account', key: account.toLowerCase(), what });
    for (const failure of failures) {
      if (this.share) this.share(failure);
      else this.countShared(failure, true);
    }
  }

  /** From now on failures go to `publish`; the bus brings them back through `countShared`. */
  shareWith(publish: (failure: SharedFailure) => void): void {
    this.share = publish;
  }

  /** Counts a failure any process of the cluster saw (`mine`: this one). */
  countShared({ kind, key, what }: SharedFailure, mine: boolean): void {
    const now = this.clock.now();
    const id = `${kind === 'address' ? 'a' : 'u'}:${key}`;
    const record = this.records.get(id) ?? { failures: [], bannedUntil: 0 };
    record.failures = record.failures.filter((t) => now - t < this.policy.windowMs);
    record.failures.push(now);
    if (record.failures.length >= this.policy.maxFailures) {
      record.bannedUntil = now + this.policy.banMs;
      record.failures = [];
      if (mine) this.report(kind, key, what);
    }
    this.records.set(id, record);
    if (this.records.size > 100_000) this.prune(now);
  }

  private report(kind: BanKind, key: string, what: string): void {
    this.onBan(kind, key, what);
    this.log.warn(
      { [kind]: key, what, banSeconds: this.policy.banMs / 1000 },
      `${kind} ${key} banned after ${this.policy.maxFailures} failed attempts`,
    );
  }

  private prune(now: number): void {
    for (const [key, record] of this.records) {
      if (record.bannedUntil <= now && record.failures.every((t) => now - t >= this.policy.windowMs)) this.records.delete(key);
    }
  }
}
