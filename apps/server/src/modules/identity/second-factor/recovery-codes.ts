import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// 32 characters, without 0/o and 1/l, which are easily confused when read aloud or copied from paper.
// 32 divides 256, so `byte & 31` picks each character with equal probability.
const ALPHABET = '23456789abcdefghijkmnpqrstuvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;

function generateRecoveryCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  const chars = Array.from(bytes, (byte) => ALPHABET[byte & 31]!).join('');
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP_LENGTH) groups.push(chars.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}

/** One-time codes such as `k7qd-3mxa-p9vt`: 12 characters of 5 bits, 60 random bits each. */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * SHA-256 hex of the normalised code. A fast hash is enough here, unlike for passwords: the codes are
 * generated with 60 random bits, so guessing one from its hash by brute force is out of reach.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

/** The index of the hash that matches the code, or -1. Every entry is compared in constant time. */
export function matchRecoveryCode(code: string, hashes: string[]): number {
  const given = Buffer.from(hashRecoveryCode(code));
  let found = -1;
  hashes.forEach((hash, index) => {
    const stored = Buffer.from(hash.toLowerCase());
    if (stored.length === given.length && timingSafeEqual(stored, given) && found < 0) found = index;
  });
  return found;
}
