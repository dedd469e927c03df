import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DownloadTarget {
  url: string;
  token: string;
  caPem: string;
  sha256: string;
  size: number;
  /** The final path; the partial file is `<dest>.part`. */
  dest: string;
  maxBytesPerSecond?: number;
  /** Bytes of this file on disk so far, after each chunk. */
  onProgress: (bytes: number) => void;
  /** Said each time a request starts, with the offset it resumes from. */
  onRequest?: (offset: number) => void;
  signal?: AbortSignal;
}

export class DownloadError extends Error {
  constructor(
    readonly kind: 'transfer' | 'hash',
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function get(target: DownloadTarget, offset: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(target.url, {
      ca: target.caPem,
      // Trust comes from the pinned CA, as for the agent channel, not from the name used.
      checkServerIdentity: () => undefined,
      headers: { authorization: `Bearer ${target.token}`, ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
      ...(target.signal ? { signal: target.signal } : {}),
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error('no data for 60 s')));
    req.end();
  });
}

/** Copies the response to the partial file, at most `maxBytesPerSecond` when set. */
async function receive(res: IncomingMessage, target: DownloadTarget, part: string, offset: number): Promise<void> {
  const out = createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' });
  let bytes = offset;
  const started = Date.now();
  let received = 0;
  try {
    for await (const chunk of res) {
      const buffer = chunk as Buffer;
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      bytes += buffer.length;
      received += buffer.length;
      target.onProgress(bytes);
      if (target.maxBytesPerSecond) {
        const ahead = (received / target.maxBytesPerSecond) * 1000 - (Date.now() - started);
        if (ahead > 5) await sleep(ahead);
      }
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
}

/**
 * Downloads one package file: resumes a partial file with a range request, retries a broken
 * transfer from where it stopped for up to `patienceMs` (a server restart, a network cut), and checks the SHA-256 before the file is renamed
 * into place. A file already in place with the right hash is not fetched again.
 */
export async function download(target: DownloadTarget, patienceMs = 600_000): Promise<void> {
  if ((await sizeOf(target.dest)) === target.size && (await hashFile(target.dest)) === target.sha256) {
    target.onProgress(target.size);
    return;
  }
  const part = `${target.dest}.part`;
  let lastError = 'no attempt made';
  const giveUpAt = Date.now() + patienceMs;
  for (let attempt = 1; attempt === 1 || Date.now() < giveUpAt; attempt++) {
    let offset = await sizeOf(part);
    if (offset > target.size) {
      await rm(part, { force: true });
      offset = 0;
    }
    if (offset < target.size || target.size === 0) {
      try {
        target.onRequest?.(offset);
        const res = await get(target, offset);
        if (res.statusCode === 200 && offset > 0) {
          offset = 0; // the server sent the whole file after all
        } else if (res.statusCode !== 200 && res.statusCode !== 206) {
          res.resume();
          const status = res.statusCode ?? 0;
          const retryable = status >= 500 || status === 429;
          lastError = `the server answered HTTP ${status} for ${target.url}`;
          if (!retryable) throw new DownloadError('transfer', lastError, status);
          await sleep(Math.min(15_000, 250 * 2 ** attempt));
          continue;
        }
        await receive(res, target, part, offset);
      } catch (error) {
        if (error instanceof DownloadError || target.signal?.aborted) throw error;
        lastError = `${(error as Error).message} (after ${await sizeOf(part)} of ${target.size} bytes)`;
        await sleep(Math.min(15_000, 250 * 2 ** attempt));
        continue;
      }
    }
    if ((await sizeOf(part)) < target.size) {
      lastError = `the transfer stopped after ${await sizeOf(part)} of ${target.size} bytes`;
      continue;
    }
    const actual = await hashFile(part);
    if (actual !== target.sha256) {
      await rm(part, { force: true });
      throw new DownloadError('hash', `${target.dest.split('/').pop() ?? ''}: SHA-256 is ${actual}, expected ${target.sha256}`);
    }
    await rename(part, target.dest);
    return;
  }
  throw new DownloadError('transfer', lastError);
}
