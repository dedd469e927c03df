import { describe, expect, it } from 'vitest';
import { randomToken } from './random-pool.js';

describe('randomToken', () => {
  it('gives tokens of the asked length that never repeat, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const token = randomToken(32, 'base64url');
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      seen.add(token);
    }
    expect(seen.size).toBe(2000);
    expect(randomToken(6, 'hex')).toMatch(/^[0-9a-f]{12}$/);
  });

  it('refuses sizes it does not serve', () => {
    expect(() => randomToken(0, 'hex')).toThrow(RangeError);
    expect(() => randomToken(257, 'hex')).toThrow(RangeError);
  });
});
