import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { generateEd25519, loadPrivateKey, publicKeyOf } from '@pons/crypto';

export interface CommandKey {
  privateKey: KeyObject;
  /** Raw base64url public key, given to agents at enrollment. */
  publicKey: string;
}

/** The Ed25519 key that signs every command; created once and kept in `<dataDir>/pki`. */
export function ensureCommandKey(dataDir: string): CommandKey {
  const file = path.join(dataDir, 'pki', 'command.key');
  if (!existsSync(file)) writeFileSync(file, generateEd25519().privateKeyPem, { mode: 0o600 });
  const privateKey = loadPrivateKey(readFileSync(file, 'utf8'));
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}
