import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, otpauthUri, qrCodeSvg, totpCode, verifyTotp } from './totp.js';

const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('base32', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as the RFC 4648 vector %s and decodes it back', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it('decodes case-insensitively, ignoring spaces and padding', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('throws on characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow();
    expect(() => base32Decode('MZ-XW')).toThrow();
  });

  it('round-trips random secrets of 20 bytes', () => {
    for (let i = 0; i < 20; i++) {
      const secret = generateTotpSecret();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32Encode(base32Decode(secret))).toBe(secret);
      expect(base32Decode(secret)).toHaveLength(20);
    }
  });
});

describe('totpCode', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC 6238 SHA-1 vector at %i s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(code);
  });

  it('gives 6 digits by default, the last 6 of the 8-digit code', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
  });
});

describe('verifyTotp', () => {
  const secret = generateTotpSecret();
  const now = 1_700_000_000_000;
  const step = 30_000;
  const counter = Math.floor(now / step);

  it('accepts the current code and reports its counter', () => {
    expect(verifyTotp(secret, totpCode(secret, now), now)).toEqual({ ok: true, counter });
  });

  it('accepts the previous and next steps, but not two steps away', () => {
    expect(verifyTotp(secret, totpCode(secret, now - step), now)).toEqual({ ok: true, counter: counter - 1 });
    expect(verifyTotp(secret, totpCode(secret, now + step), now)).toEqual({ ok: true, counter: counter + 1 });
    const old = totpCode(secret, now - 2 * step);
    if (![-1, 0, 1].some((delta) => totpCode(secret, now + delta * step) === old)) {
      expect(verifyTotp(secret, old, now)).toEqual({ ok: false });
    }
    expect(verifyTotp(RFC_SECRET, '287082', 59_000 + 2 * step)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, '287082', 59_000 + 2 * step, { window: 2 })).toEqual({ ok: true, counter: 1 });
  });

  it('refuses a code whose counter was already used', () => {
    const code = totpCode(secret, now);
    expect(verifyTotp(secret, code, now, { lastUsedCounter: counter })).toEqual({ ok: false });
    expect(verifyTotp(secret, code, now, { lastUsedCounter: counter + 1 })).toEqual({ ok: false });
    expect(verifyTotp(secret, code, now, { lastUsedCounter: counter - 1 })).toEqual({ ok: true, counter });
    expect(verifyTotp(secret, code, now, { lastUsedCounter: null })).toEqual({ ok: true, counter });
  });

  it('accepts spaces inside the code', () => {
    const code = totpCode(secret, now);
    expect(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, now)).toEqual({ ok: true, counter });
  });

  it.each(['', '12345', '1234567', '12a456', '12-456', '+12345', '１２３４５６'])('refuses the malformed code %j', (code) => {
    expect(verifyTotp(secret, code, now)).toEqual({ ok: false });
  });

  it('refuses an 8-digit code even when its last 6 digits are right', () => {
    expect(verifyTotp(RFC_SECRET, '94287082', 59_000)).toEqual({ ok: false });
  });
});

describe('enrolment', () => {
  it('builds the otpauth URI', () => {
    expect(otpauthUri({ issuer: 'Pons', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' })).toBe(
      'otpauth://totp/Pons:alice?secret=JBSWY3DPEHPK3PXP&issuer=Pons&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('encodes the label and the issuer', () => {
    expect(otpauthUri({ issuer: 'Pons Lab', account: 'bob smith@x.org', secret: 'AAAA' })).toBe(
      'otpauth://totp/Pons%20Lab:bob%20smith%40x.org?secret=AAAA&issuer=Pons%20Lab&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('renders the URI as an SVG QR code', async () => {
    const svg = await qrCodeSvg(otpauthUri({ issuer: 'Pons', account: 'alice', secret: generateTotpSecret() }));
    expect(svg).toContain('<svg');
    expect(svg).toContain('</svg>');
  });
});
