import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, matchRecoveryCode } from './recovery-codes.js';

const FORMAT = /^[2-9a-km-np-z]{4}-[2-9a-km-np-z]{4}-[2-9a-km-np-z]{4}$/;

describe('recovery codes', () => {
  it('generates ten codes by default, in groups of four unambiguous characters', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(FORMAT);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
    expect(generateRecoveryCodes(0)).toEqual([]);
  });

  it('never repeats a code over 1,000 codes', () => {
    const codes = [...generateRecoveryCodes(500), ...generateRecoveryCodes(500)];
    expect(codes).toHaveLength(1000);
    for (const code of codes) expect(code).toMatch(FORMAT);
    expect(new Set(codes).size).toBe(1000);
  });

  it('hashes the normalised code with SHA-256', () => {
    const hash = hashRecoveryCode('k7qd-3mxa-p9vt');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('K7QD 3MXA P9VT')).toBe(hash);
    expect(hashRecoveryCode('k7qd3mxap9vt')).toBe(hash);
    expect(hashRecoveryCode('k7qd-3mxa-p9vu')).not.toBe(hash);
  });

  it('matches a code whatever its case, dashes and spaces', () => {
    const codes = generateRecoveryCodes();
    const hashes = codes.map(hashRecoveryCode);
    const code = codes[4]!;
    expect(matchRecoveryCode(code, hashes)).toBe(4);
    expect(matchRecoveryCode(code.toUpperCase(), hashes)).toBe(4);
    expect(matchRecoveryCode(code.replace(/-/g, ''), hashes)).toBe(4);
    expect(matchRecoveryCode(` ${code.replace(/-/g, ' ').toUpperCase()} `, hashes)).toBe(4);
  });

  it('returns -1 when nothing matches', () => {
    const hashes = generateRecoveryCodes().map(hashRecoveryCode);
    expect(matchRecoveryCode('aaaa-bbbb-cccc', hashes)).toBe(-1);
    expect(matchRecoveryCode('', hashes)).toBe(-1);
    expect(matchRecoveryCode('aaaa-bbbb-cccc', [])).toBe(-1);
    expect(matchRecoveryCode('aaaa-bbbb-cccc', ['not-a-hash', ''])).toBe(-1);
  });
});
