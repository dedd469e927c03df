import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { PonsError } from './errors.js';

export interface StoredFile {
  sha256: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Files named by the SHA-256 of their content, under `<dataDir>/files/sha256/ab/abcd…`. A file is
 * written aside, hashed as it streams, synced and then renamed into place, so the store never
 * holds a partial or mislabelled file: a failed or refused upload leaves nothing behind.
 */
export class FileStore {
  private readonly blobs: string;
  private readonly incoming: string;

  constructor(root: string) {
    this.blobs = path.join(root, 'sha256');
    this.incoming = path.join(root, 'incoming');
    mkdirSync(this.blobs, { recursive: true });
    mkdirSync(this.incoming, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new PonsError('PONS_E_VALIDATION', 'A file is named by 64 lowercase hexadecimal digits.');
    return path.join(this.blobs, sha256.slice(0, 2), sha256);
  }

  /** The size of the stored file, or null when the store does not hold it. */
  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * Streams `source` into the store. Refuses (and keeps nothing) past `maxBytes`, or when the
   * content does not hash to `expectedSha256`.
   */
  async put(source: Readable | AsyncIterable<Buffer>, options: { maxBytes: number; expectedSha256?: string }): Promise<StoredFile> {
    const temp = path.join(this.incoming, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > options.maxBytes) {
          done(new PonsError('PONS_E_PAYLOAD_TOO_LARGE', `The file is larger than the ${options.maxBytes} bytes a package file may hold.`));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
        throw new PonsError(
          'PONS_E_HASH_MISMATCH',
          `The file's SHA-256 is ${sha256}, not ${options.expectedSha256} as announced: it was changed or cut in transit.`,
          {
            expected: options.expectedSha256,
            actual: sha256,
          },
        );
      }
      const handle = await open(temp, 'r');
      await handle.sync().finally(() => handle.close());
      const final = this.pathOf(sha256);
      mkdirSync(path.dirname(final), { recursive: true });
      await rename(temp, final);
      return { sha256, size };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
