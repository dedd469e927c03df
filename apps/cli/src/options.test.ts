import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { duration, fingerprint, nonNegativeInteger, oneOf, positiveInteger } from './options.js';

const DAY = 86_400_000;

describe('option parsers', () => {
  const expires = duration(60_000, 366 * DAY);

  it('reads durations', () => {
    expect(expires('7d')).toBe(7 * DAY);
    expect(expires('1h30m')).toBe(5_400_000);
    expect(expires(' 2w ')).toBe(14 * DAY);
  });

  it('refuses what is not a duration, or out of bounds, saying what is accepted', () => {
    expect(() => expires('soon')).toThrow(InvalidArgumentError);
    expect(() => expires('7 days')).toThrow(/such as 30m, 12h, 7d/);
    expect(() => expires('30s')).toThrow('It must be at least 1m.');
    expect(() => expires('400d')).toThrow('It must be at most 366d.');
  });

  it('reads positive integers within bounds', () => {
    const maxUses = positiveInteger(1_000_000);
    expect(maxUses('100')).toBe(100);
    expect(() => maxUses('0')).toThrow('It must be a whole number of 1 or more.');
    expect(() => maxUses('-3')).toThrow(InvalidArgumentError);
    expect(() => maxUses('1.5')).toThrow(InvalidArgumentError);
    expect(() => maxUses('1e3')).toThrow(InvalidArgumentError);
    expect(() => maxUses('2000000')).toThrow('It must be at most 1000000.');
    expect(nonNegativeInteger('0')).toBe(0);
  });

  it('reads a choice case-insensitively', () => {
    const status = oneOf(['online', 'offline'] as const);
    expect(status('Online')).toBe('online');
    expect(() => status('up')).toThrow('It must be one of online, offline.');
  });

  it('normalises fingerprints as people paste them', () => {
    const hex = 'ab'.repeat(32);
    expect(fingerprint(`SHA256:${hex.toUpperCase().match(/../g)!.join(':')}`)).toBe(`sha256:${hex}`);
    expect(() => fingerprint('sha256:1234')).toThrow(InvalidArgumentError);
  });
});
