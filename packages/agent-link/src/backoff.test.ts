import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './backoff.js';

describe('fullJitterDelay', () => {
  it('grows the window exponentially up to the cap', () => {
    expect(fullJitterDelay(0, 1000, 60_000, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, 1000, 60_000, () => 0.999)).toBe(7992);
    expect(fullJitterDelay(20, 1000, 60_000, () => 0.999)).toBe(59_940);
  });

  it('spreads delays over the whole window', () => {
    const delays = Array.from({ length: 2000 }, () => fullJitterDelay(3, 1000, 60_000));
    const low = delays.filter((d) => d < 2000).length;
    const high = delays.filter((d) => d >= 6000).length;
    // Uniform over [0, 8000): about a quarter in each of these bands.
    expect(low).toBeGreaterThan(350);
    expect(high).toBeGreaterThan(350);
    expect(Math.max(...delays)).toBeLessThan(8000);
  });
});
