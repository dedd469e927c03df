import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { PackageManifest, Validator, type PackageDescriptor } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/file-store.js';

const manifestCheck = new Validator(PackageManifest);
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const invalid = (message: string) => new PonsError('PONS_E_PACKAGE_ARCHIVE_INVALID', message);

/** A tar archive: `manifest.json` first, then each file under `files/`, streamed from the store. */
export function writeArchive(manifest: PackageManifest, pathOf: (sha256: string) => string): Readable {
  const pack = tar.pack();
  const write = async () => {
    pack.entry({ name: 'manifest.json', mode: 0o644 }, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const file of manifest.descriptor.files) {
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name: `files/${file.name}`, size: file.size, mode: 0o644 }, (error) =>
          error ? reject(error) : resolve(),
        );
        const source = createReadStream(pathOf(file.sha256));
        source.on('error', reject);
        source.on('data', (chunk) => {
          if (!entry.write(chunk)) {
            source.pause();
            entry.once('drain', () => void source.resume());
          }
        });
        source.on('end', () => entry.end(undefined));
      });
    }
    pack.finalize();
  };
  write().catch((error: unknown) => pack.destroy(error as Error));
  return Readable.from(pack as AsyncIterable<Buffer>);
}

async function readSmall(entry: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry) {
    size += chunk.length;
    if (size > limit) throw invalid('manifest.json is larger than 4 MB.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads an archive as it streams in: the manifest, then each file into the store, checked
 * against the SHA-256 the manifest gives. Nothing is recorded in the database here; a refused
 * archive leaves at most unreferenced contents in the store.
 */
export async function readArchive(
  source: Readable,
  store: FileStore,
  maxFileBytes: number,
): Promise<{ manifest: PackageManifest; descriptor: PackageDescriptor }> {
  const extract = tar.extract();
  source.on('error', (error) => extract.destroy(error));
  source.pipe(extract);
  let manifest: PackageManifest | null = null;
  const seen = new Set<string>();
  try {
    for await (const entry of extract) {
      const name = entry.header.name.replace(/^\.\//, '');
      if (name === 'manifest.json') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readSmall(entry as AsyncIterable<Buffer>, MAX_MANIFEST_BYTES));
        } catch (error) {
          throw error instanceof PonsError ? error : invalid('manifest.json is not valid JSON.');
        }
        const valid = manifestCheck.validate(parsed);
        if (!valid.ok) throw invalid(`manifest.json is not a Pons package manifest: ${valid.message}.`);
        manifest = valid.value;
      } else if (name.startsWith('files/') && entry.header.type === 'file') {
        if (!manifest) throw invalid('manifest.json must be the first entry of the archive.');
        const fileName = name.slice('files/'.length);
        const file = manifest.descriptor.files.find((f) => f.name === fileName);
        if (!file) throw invalid(`The archive holds "${fileName}", which its manifest does not list.`);
        await store.put(entry as AsyncIterable<Buffer>, { maxBytes: maxFileBytes, expectedSha256: file.sha256 });
        seen.add(fileName);
      } else {
        entry.resume();
      }
    }
  } catch (error) {
    if (error instanceof PonsError) throw error;
    throw invalid(`The archive could not be read: ${(error as Error).message}.`);
  } finally {
    source.unpipe();
    source.resume();
  }
  if (!manifest) throw invalid('The archive has no manifest.json: it is not a Pons package archive.');
  const missing = manifest.descriptor.files.filter((f) => !seen.has(f.name)).map((f) => f.name);
  if (missing.length > 0) throw invalid(`The archive lacks files its manifest lists: ${missing.join(', ')}.`);
  return { manifest, descriptor: manifest.descriptor };
}
