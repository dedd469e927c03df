import { describe, expect, it } from 'vitest';
import { nextInventoryDelay } from './inventory-schedule.js';

const DAY = 86_400_000;

describe('nextInventoryDelay', () => {
  it('is due one interval after the last inventory, minus a random offset of at most an hour', () => {
    const now = 10 * DAY;
    expect(nextInventoryDelay(now, DAY, now, () => 0)).toBe(DAY);
    expect(nextInventoryDelay(now, DAY, now, () => 0.999)).toBe(DAY - Math.floor(0.999 * 3_600_000));
  });

  it('is due at once when the last inventory is overdue', () => {
    expect(nextInventoryDelay(0, DAY, 3 * DAY, () => 0.5)).toBe(0);
  });

  it('spreads a first inventory over the offset window', () => {
    expect(nextInventoryDelay(null, DAY, 0, () => 0.5)).toBe(1_800_000);
    expect(nextInventoryDelay(null, 60_000, 0, () => 0.5)).toBe(7_500);
  });
});
