import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretsBox } from './secrets-box.js';

describe('SecretsBox', () => {
  it('seals so that the plain text does not appear, and opens what it sealed', () => {
    const box = SecretsBox.fromKey(randomBytes(32));
    const sealed = box.seal('client-secret-42');
    expect(sealed).not.toContain('client-secret-42');
    expect(sealed).not.toBe(box.seal('client-secret-42'));
    expect(box.open(sealed)).toBe('client-secret-42');
  });

  it('refuses a value altered or sealed under another key', () => {
    const box = SecretsBox.fromKey(randomBytes(32));
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other!').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow('cannot be read');
    expect(() => SecretsBox.fromKey(randomBytes(32)).open(sealed)).toThrow('cannot be read');
  });
});
