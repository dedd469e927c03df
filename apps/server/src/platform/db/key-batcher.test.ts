import { describe, expect, it } from 'vitest';
import { KeyBatcher, paddedKeys } from './key-batcher.js';

describe('KeyBatcher', () => {
  it('answers the lookups of one turn with one load per slice, each caller getting its own key', async () => {
    const loads: string[][] = [];
    const batcher = new KeyBatcher<number>(async (keys) => {
      loads.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, Number(k.slice(1))]));
    }, 3);
    const answers = await Promise.all(['k1', 'k2', 'k1', 'missing', 'k4'].map((k) => batcher.get(k)));
    expect(answers).toEqual([1, 2, 1, undefined, 4]);
    expect(loads).toEqual([['k1', 'k2', 'missing'], ['k4']]);
    expect(await batcher.get('k9')).toBe(9);
    expect(loads).toHaveLength(3);
  });

  it('rejects every caller of a failed load, and the next turn loads afresh', async () => {
    let fail = true;
    const batcher = new KeyBatcher<string>(async (keys) => {
      if (fail) throw new Error('database unavailable');
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const results = await Promise.allSettled([batcher.get('a'), batcher.get('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.get('a')).toBe('A');
  });
});

describe('paddedKeys', () => {
  it('pads to the next power of two with the last key, and leaves an empty list empty', () => {
    expect(paddedKeys([])).toEqual([]);
    expect(paddedKeys(['a'])).toEqual(['a']);
    expect(paddedKeys(['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'c']);
    expect(paddedKeys(['a', 'b', 'c', 'd', 'e'])).toHaveLength(8);
  });
});
