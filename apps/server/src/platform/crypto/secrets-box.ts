import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PonsError } from '../errors.js';

/**
 * Seals secrets kept in the database (an OIDC client secret, the LDAP service password, TOTP
 * seeds) with AES-256-GCM under a key kept in `<dataDir>/pki/secrets.key`: a copy of the database
 * alone reveals none of them. Every node of a cluster needs the same key (copy the `pki` folder).
 */
export class SecretsBox {
  private constructor(private readonly key: Buffer) {}

  static open(dataDir: string): SecretsBox {
    const file = path.join(dataDir, 'pki', 'secrets.key');
    if (!existsSync(file)) {
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process of this data directory wrote it first.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return new SecretsBox(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  }

  static fromKey(key: Buffer): SecretsBox {
    return new SecretsBox(key);
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw this.unreadable();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw this.unreadable();
    }
  }

  private unreadable(): PonsError {
    return new PonsError(
      'PONS_E_CONFIG',
      "A stored secret cannot be read with this server's secrets key (pki/secrets.key differs between nodes?).",
    );
  }
}
