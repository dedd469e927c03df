import { describe, expect, it } from 'vitest';
import { passwordRules } from './password-rules.js';

const met = (password: string, username = 'admin') => passwordRules(password, username).map((rule) => rule.met);

describe('passwordRules', () => {
  it('follows the server policy', () => {
    expect(met('')).toEqual([false, false, false]);
    expect(met('short1A!')).toEqual([false, true, true]);
    expect(met('alllowercaseletters')).toEqual([true, false, true]);
    expect(met('Correct-Horse-42')).toEqual([true, true, true]);
    expect(met('MyAdmin-Password-1')).toEqual([true, true, false]);
  });
});
