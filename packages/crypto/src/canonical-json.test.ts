import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for objects built in different orders', () => {
    expect(canonicalJson({ x: 1, y: 'two' })).toBe(canonicalJson({ y: 'two', x: 1 }));
  });

  it('orders keys by UTF-16 code units and writes missing array items as null', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, a10: 4, a9: 5 })).toBe('{"Z":3,"a10":4,"a9":5,"z":2,"é":1}');
    expect(canonicalJson([undefined, null, 'x', { k: undefined }])).toBe('[null,null,"x",{}]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
