import { describe, expect, it } from 'vitest';
import { nextVersionLabel } from './next-version.js';

describe('nextVersionLabel', () => {
  it('counts the last number up', () => {
    expect(nextVersionLabel('1.2', new Set())).toBe('1.3');
    expect(nextVersionLabel('2.0.9', new Set())).toBe('2.0.10');
    expect(nextVersionLabel('7', new Set())).toBe('8');
    expect(nextVersionLabel('1.0-rc1', new Set())).toBe('1.0-rc2');
    expect(nextVersionLabel('1.4b', new Set())).toBe('1.5b');
  });

  it('appends a counter to a label without a number', () => {
    expect(nextVersionLabel('stable', new Set())).toBe('stable-2');
  });

  it('skips labels already used', () => {
    expect(nextVersionLabel('1.2', new Set(['1.3', '1.4']))).toBe('1.5');
    expect(nextVersionLabel('stable', new Set(['stable-2']))).toBe('stable-3');
  });
});
