import { describe, expect, it } from 'vitest';
import { bytes, count, dateTime, percent, plural, relativeTime, sinceText, span } from './format.js';

const NOW = new Date(2026, 10, 23, 12, 0, 0).getTime();
const s = 1000;
const min = 60 * s;
const h = 60 * min;
const d = 24 * h;

describe('dateTime', () => {
  it('prints local time, zero-padded, in an order every locale reads', () => {
    expect(dateTime(new Date(2026, 0, 5, 7, 4, 3).getTime())).toBe('2026-01-05 07:04:03');
  });
});

describe('span', () => {
  it('uses the largest one or two units', () => {
    expect(span(45 * s)).toBe('45 s');
    expect(span(12 * min + 30 * s)).toBe('12 min');
    expect(span(3 * h)).toBe('3 h');
    expect(span(3 * h + 5 * min)).toBe('3 h 5 min');
    expect(span(2 * d + 4 * h)).toBe('2 d 4 h');
    expect(span(40 * d + 4 * h)).toBe('40 d');
  });
});

describe('relativeTime', () => {
  it('says "just now" for the last few seconds, either way', () => {
    expect(relativeTime(NOW - 2 * s, NOW)).toBe('just now');
    expect(relativeTime(NOW + 2 * s, NOW)).toBe('just now');
  });
  it('reads past and future times', () => {
    expect(relativeTime(NOW - 90 * s, NOW)).toBe('1 min ago');
    expect(relativeTime(NOW - 26 * h, NOW)).toBe('1 d 2 h ago');
    expect(relativeTime(NOW + 7 * d, NOW)).toBe('in 7 d');
  });
  it('gives the date beyond a year', () => {
    expect(relativeTime(new Date(2024, 2, 1).getTime(), NOW)).toBe('2024-03-01');
  });
});

describe('sinceText', () => {
  it('says how long a state has lasted', () => {
    expect(sinceText(NOW - 1 * s, NOW)).toBe('just now');
    expect(sinceText(NOW - 5 * min, NOW)).toBe('for 5 min');
  });
});

describe('bytes', () => {
  it('uses binary units with one decimal below 100', () => {
    expect(bytes(0)).toBe('0 B');
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(bytes(16 * 1024 ** 3 - 400 * 1024 ** 2)).toBe('15.6 GiB');
    expect(bytes(500 * 1000 ** 3)).toBe('466 GiB');
  });
  it('shows a dash for nonsense', () => {
    expect(bytes(-1)).toBe('—');
    expect(bytes(Number.NaN)).toBe('—');
  });
});

describe('counts', () => {
  it('groups thousands and pluralises', () => {
    expect(count(12345)).toBe('12,345');
    expect(plural(1, 'machine')).toBe('1 machine');
    expect(plural(2500, 'machine')).toBe('2,500 machines');
  });
  it('computes a bounded percentage', () => {
    expect(percent(50, 200)).toBe(25);
    expect(percent(5, 0)).toBe(0);
    expect(percent(300, 200)).toBe(100);
  });
});
