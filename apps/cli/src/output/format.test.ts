import { describe, expect, it } from 'vitest';
import { bytes, firstFew, plural, relative, timestamp, when } from './format.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('format', () => {
  it('says how long ago or how soon', () => {
    expect(relative(NOW - 300, NOW)).toBe('just now');
    expect(relative(NOW - 5 * 60_000, NOW)).toBe('5m ago');
    expect(relative(NOW - (2 * 86_400_000 + 3 * 3_600_000), NOW)).toBe('2d 3h ago');
    expect(relative(NOW + 3_600_000, NOW)).toBe('in 1h');
  });

  it('prints absolute times in UTC', () => {
    expect(timestamp(NOW)).toBe('2026-03-01 12:00:00 UTC');
    expect(when(NOW - 60_000, NOW)).toBe('2026-03-01 11:59:00 UTC (1m ago)');
    expect(when(null, NOW)).toBe('never');
  });

  it('prints sizes in binary units', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(bytes(16 * 1024 ** 3)).toBe('16.0 GiB');
    expect(bytes(null)).toBe('-');
  });

  it('shortens lists and counts', () => {
    expect(firstFew(['a', 'b', 'c', 'd'], 2)).toBe('a, b (+2)');
    expect(firstFew(['a'], 2)).toBe('a');
    expect(plural(1, 'machine')).toBe('1 machine');
    expect(plural(3, 'machine')).toBe('3 machines');
  });
});
