import { describe, expect, it } from 'vitest';
import { authPayload, signCommand, verifyCommand } from './channel-signatures.js';
import { generateEd25519, loadPrivateKey, signText, verifyText } from './ed25519.js';
import { normaliseFingerprint } from './fingerprint.js';

const key = generateEd25519();
const privateKey = loadPrivateKey(key.privateKeyPem);
const command = { type: 'command' as const, id: 'c-1', machineId: 'm-1', name: 'echo', args: { payload: 'hi' }, issuedAt: 1, expiresAt: 2 };

describe('Ed25519 signatures', () => {
  it('verifies what was signed and nothing else', () => {
    const signature = signText(privateKey, authPayload('nonce-1', 'm-1', key.publicKey));
    expect(verifyText(key.publicKey, authPayload('nonce-1', 'm-1', key.publicKey), signature)).toBe(true);
    expect(verifyText(key.publicKey, authPayload('nonce-2', 'm-1', key.publicKey), signature)).toBe(false);
    expect(verifyText(generateEd25519().publicKey, authPayload('nonce-1', 'm-1', key.publicKey), signature)).toBe(false);
  });

  it('treats malformed keys and signatures as invalid rather than throwing', () => {
    expect(verifyText('short', 'text', 'sig')).toBe(false);
    expect(verifyText(key.publicKey, 'text', '')).toBe(false);
  });
});

describe('signed commands', () => {
  it('accepts an unaltered command', () => {
    expect(verifyCommand(key.publicKey, signCommand(privateKey, command))).toBe(true);
  });

  it.each([
    ['target', { machineId: 'm-2' }],
    ['arguments', { args: { payload: 'rm -rf /' } }],
    ['expiry', { expiresAt: 999 }],
    ['name', { name: 'inventory.collect' }],
  ])('refuses a command whose %s was changed', (_what, change) => {
    expect(verifyCommand(key.publicKey, { ...signCommand(privateKey, command), ...change })).toBe(false);
  });

  it('does not depend on key order in the JSON', () => {
    const signed = signCommand(privateKey, command);
    const reordered = JSON.parse(
      JSON.stringify({
        signature: signed.signature,
        expiresAt: 2,
        args: { payload: 'hi' },
        name: 'echo',
        issuedAt: 1,
        machineId: 'm-1',
        id: 'c-1',
        type: 'command',
      }),
    ) as typeof signed;
    expect(verifyCommand(key.publicKey, reordered)).toBe(true);
  });
});

describe('normaliseFingerprint', () => {
  it('accepts the forms people paste', () => {
    const hex = 'ab'.repeat(32);
    expect(normaliseFingerprint(`sha256:${hex}`)).toBe(`sha256:${hex}`);
    expect(normaliseFingerprint(hex.toUpperCase())).toBe(`sha256:${hex}`);
    expect(normaliseFingerprint(`SHA256:${hex.match(/../g)!.join(':')}`)).toBe(`sha256:${hex}`);
    expect(normaliseFingerprint('sha256:1234')).toBeUndefined();
  });
});
