import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface Ed25519KeyPair {
  /** Raw 32-byte public key, base64url. */
  publicKey: string;
  /** PKCS#8 PEM, to be stored with restricted permissions. */
  privateKeyPem: string;
}

export function generateEd25519(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: rawPublicKey(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * The raw 32-byte key, base64url: the tail of its SPKI DER form. (Exporting a fresh key as JWK can
 * deadlock Node 20's garbage collector under load; the DER export does not.)
 */
export function rawPublicKey(key: KeyObject): string {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32).toString('base64url');
}

export function loadPrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

export function publicKeyOf(privateKey: KeyObject): string {
  return rawPublicKey(createPublicKey(privateKey));
}

const publicKeyCache = new Map<string, KeyObject>();

/** Imports a raw base64url public key; throws on a malformed key. Cached, as agents reconnect often. */
export function importPublicKey(raw: string): KeyObject {
  let key = publicKeyCache.get(raw);
  if (!key) {
    if (Buffer.from(raw, 'base64url').length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
    if (publicKeyCache.size > 100_000) publicKeyCache.clear();
    publicKeyCache.set(raw, key);
  }
  return key;
}

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');
}

/** Verifies a base64url signature; any malformed input is simply "not valid". */
export function verifyText(publicKey: string | KeyObject, text: string, signature: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? importPublicKey(publicKey) : publicKey;
    const sig = Buffer.from(signature, 'base64url');
    if (sig.length !== 64) return false;
    return verify(null, Buffer.from(text, 'utf8'), key, sig);
  } catch {
    return false;
  }
}
