import { describe, expect, it } from 'vitest';
import { levelText, withLevel, within } from './levels.js';

describe('withLevel', () => {
  it('sets a level, and removes the feature for none', () => {
    expect(withLevel({}, 'inventory', 'rw')).toEqual({ inventory: 'rw' });
    expect(withLevel({ inventory: 'rw', admin: 'ro' }, 'inventory', null)).toEqual({ admin: 'ro' });
  });

  it('leaves the original alone', () => {
    const grants = { history: 'ro' as const };
    withLevel(grants, 'history', 'rw');
    expect(grants).toEqual({ history: 'ro' });
  });
});

describe('within', () => {
  it('never goes above the maximum', () => {
    expect(within(null, undefined)).toBe(true);
    expect(within('ro', undefined)).toBe(false);
    expect(within('ro', 'ro')).toBe(true);
    expect(within('rw', 'ro')).toBe(false);
    expect(within('rw', 'rw')).toBe(true);
  });
});

describe('levelText', () => {
  it('names each level', () => {
    expect([levelText(undefined), levelText('ro'), levelText('rw')]).toEqual(['None', 'Read-only', 'Read-write']);
  });
});
