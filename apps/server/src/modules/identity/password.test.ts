import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = await hashPassword('Correct-Horse-42');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Correct-Horse-42', hash)).toBe(true);
    expect(await verifyPassword('correct-horse-42', hash)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });

  it.each([
    ['Short-1a', 'at least 12 characters'],
    ['alllowercaseletters', 'three of'],
    ['Admin-Password-1', 'must not contain the user name'],
  ])('refuses %s because %s', (password, rule) => {
    expect(() => assertPasswordPolicy(password, 'admin')).toThrow(rule);
  });

  it('generates bootstrap passwords that meet the policy', () => {
    for (let i = 0; i < 50; i++) expect(() => assertPasswordPolicy(generatePassword(), 'admin')).not.toThrow();
  });
});
