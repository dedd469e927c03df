import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 8192;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * `bytes` random bytes from the operating system's generator, drawn from a pool filled 8 KB at a
 * time: one call to the generator per connection (a nonce, a connection id) cost several times
 * more than the bytes themselves when thousands of agents reconnect at once. Never more than
 * 256 bytes at a time; the bytes handed out are never handed out again.
 */
export function randomToken(bytes: number, encoding: 'hex' | 'base64url'): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 256) throw new RangeError('randomToken takes 1 to 256 bytes');
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString(encoding, offset, offset + bytes);
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return token;
}
