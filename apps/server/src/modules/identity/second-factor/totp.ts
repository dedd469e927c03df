import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  /** Length of a time step; 30 by default. */
  stepSeconds?: number;
  /** Number of digits of the code; 6 by default. */
  digits?: 6 | 7 | 8;
  /** HMAC algorithm; SHA-1 by default, which is what authenticator apps expect. */
  algorithm?: TotpAlgorithm;
}

export interface TotpVerifyOptions {
  /** How many steps before and after the current one are also accepted; 1 by default. */
  window?: number;
  /** The counter of the last code accepted for this secret: that code and older ones are refused. */
  lastUsedCounter?: number | null;
}

export type TotpVerifyResult = { ok: true; counter: number } | { ok: false };

/** RFC 4648 base32, upper case, without padding. */
export function base32Encode(buf: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Case-insensitive; spaces and '=' padding are ignored. Throws on any other character outside the alphabet. */
export function base32Decode(str: string): Buffer {
  const clean = str.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`Invalid base32 character ${JSON.stringify(char)}.`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new shared secret: 20 random bytes (160 bits, the HMAC-SHA-1 block recommendation of RFC 4226), base32. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

function hotp(key: Buffer, counter: number, digits: number, algorithm: TotpAlgorithm): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  // Dynamic truncation (RFC 4226 section 5.3).
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function timeCounter(timeMs: number, stepSeconds: number): number {
  return Math.floor(timeMs / 1000 / stepSeconds);
}

/** The TOTP code of the time step that contains timeMs. */
export function totpCode(secretBase32: string, timeMs: number, options: TotpOptions = {}): string {
  const { stepSeconds = 30, digits = 6, algorithm = 'sha1' } = options;
  return hotp(base32Decode(secretBase32), timeCounter(timeMs, stepSeconds), digits, algorithm);
}

/**
 * Checks a 6-digit SHA-1 code with 30-second steps against the current step and `window` steps either side.
 * On success, returns the counter of the matching step: store it as lastUsedCounter so that the code cannot be replayed.
 */
export function verifyTotp(secretBase32: string, code: string, timeMs: number, options: TotpVerifyOptions = {}): TotpVerifyResult {
  const { window = 1, lastUsedCounter = null } = options;
  const submitted = code.replace(/\s/g, '');
  if (!/^[0-9]{6}$/.test(submitted)) return { ok: false };
  const key = base32Decode(secretBase32);
  const given = Buffer.from(submitted);
  const current = timeCounter(timeMs, 30);
  let matched: number | null = null;
  // Every candidate is computed and compared, so the time taken does not reveal which step matched.
  for (let counter = current - window; counter <= current + window; counter++) {
    if (counter < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(key, counter, 6, 'sha1')), given);
    if (equal && (lastUsedCounter === null || counter > lastUsedCounter)) matched = counter;
  }
  return matched === null ? { ok: false } : { ok: true, counter: matched };
}

/** The provisioning URI read by authenticator apps (Key Uri Format). */
export function otpauthUri(params: { issuer: string; account: string; secret: string }): string {
  const issuer = encodeURIComponent(params.issuer);
  const label = `${issuer}:${encodeURIComponent(params.account)}`;
  return `otpauth://totp/${label}?secret=${encodeURIComponent(params.secret)}&issuer=${issuer}&algorithm=SHA1&digits=6&period=30`;
}

/** The URI as a QR code, an SVG document to show on the enrolment page. */
export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
