import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface DownloadGrant {
  machineId: string;
  deploymentId: string;
  expiresAt: number;
}

/**
 * Tokens that let one machine download the files of one deployment until a time: the grant and
 * an HMAC-SHA256 over it, under a key kept in `<dataDir>/pki/download.key`. Checking one needs no
 * database read, so file serving stays as cheap as the bytes it sends.
 */
export class DownloadTokens {
  private constructor(private readonly key: Buffer) {}

  static open(dataDir: string): DownloadTokens {
    const file = path.join(dataDir, 'pki', 'download.key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    return new DownloadTokens(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  issue(grant: DownloadGrant): string {
    const payload = `${grant.machineId}.${grant.deploymentId}.${grant.expiresAt}`;
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The grant a token carries, if it is genuine and unexpired. */
  verify(token: string, now: number): DownloadGrant | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [machineId = '', deploymentId = '', expires = '', mac = ''] = parts;
    const expected = this.mac(`${machineId}.${deploymentId}.${expires}`);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = Number(expires);
    if (!Number.isFinite(expiresAt) || expiresAt <= now) return null;
    return { machineId, deploymentId, expiresAt };
  }
}
