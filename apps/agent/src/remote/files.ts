import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { TunnelControlFrame, Validator, type FileEntry, type TunnelReadyFrame } from '@pons/protocol';
import type { WebSocket } from 'ws';
import { sendPaced, toBuffer } from './pipe.js';
import { TunnelError } from './tunnel-error.js';

const MAX_ENTRIES = 10_000;
const control = new Validator(TunnelControlFrame);

function fileError(error: unknown, what: string): TunnelError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new TunnelError('PONS_E_FILE_NOT_FOUND', `${what} does not exist on this machine.`);
  if (code === 'EACCES' || code === 'EPERM') return new TunnelError('PONS_E_FILE_ACCESS', `The agent may not read or write ${what}.`);
  if (code === 'ENOTDIR') return new TunnelError('PONS_E_FILE_ACCESS', `${what} is not a directory.`);
  if (code === 'EISDIR') return new TunnelError('PONS_E_FILE_ACCESS', `${what} is a directory, not a file.`);
  return new TunnelError('PONS_E_FILE_ACCESS', `${what}: ${(error as Error).message}`);
}

function absolute(p: string): string {
  if (!path.isAbsolute(p)) throw new TunnelError('PONS_E_VALIDATION', `"${p}" is not an absolute path.`);
  return path.resolve(p);
}

/** A directory's entries, directories first, then by name; links are not followed. */
export async function listDirectory(requested: string): Promise<TunnelReadyFrame> {
  const dir = absolute(requested);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw fileError(error, dir);
  }
  const entries: FileEntry[] = [];
  for (const name of names.slice(0, MAX_ENTRIES)) {
    const info = await lstat(path.join(dir, name)).catch(() => null);
    if (!info) continue;
    const type = info.isDirectory() ? 'directory' : info.isFile() ? 'file' : info.isSymbolicLink() ? 'link' : 'other';
    entries.push({ name, type, size: info.isFile() ? info.size : 0, modifiedAt: Math.max(0, Math.round(info.mtimeMs)) });
  }
  entries.sort((a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || a.name.localeCompare(b.name));
  return { type: 'ready', path: dir, entries, truncated: names.length > MAX_ENTRIES };
}

/** Checks the file can be read and says its size; `sendFile` then streams it. */
export async function prepareRead(requested: string): Promise<{ file: string; ready: TunnelReadyFrame }> {
  const file = absolute(requested);
  const info = await stat(file).catch((error: unknown) => {
    throw fileError(error, file);
  });
  if (!info.isFile()) throw new TunnelError('PONS_E_FILE_ACCESS', `${file} is not a regular file.`);
  await open(file, 'r')
    .then((handle) => handle.close())
    .catch((error: unknown) => {
      throw fileError(error, file);
    });
  return { file, ready: { type: 'ready', size: info.size, name: path.basename(file) } };
}

export function sendFile(file: string, ws: WebSocket): void {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  stream.on('data', (chunk) => sendPaced(ws, chunk as Buffer, stream));
  stream.on('end', () => ws.close(1000, 'Sent.'));
  stream.on('error', (error) => ws.close(4502, `Reading the file failed: ${error.message}`.slice(0, 120)));
  ws.on('close', () => stream.destroy());
}

/** Checks where an upload goes; the bytes are written beside it, then renamed once all are there. */
export async function prepareWrite(requested: string, overwrite: boolean): Promise<string> {
  const file = absolute(requested);
  const dir = await stat(path.dirname(file)).catch((error: unknown) => {
    throw fileError(error, path.dirname(file));
  });
  if (!dir.isDirectory()) throw new TunnelError('PONS_E_FILE_ACCESS', `${path.dirname(file)} is not a directory.`);
  const existing = await lstat(file).catch(() => null);
  if (existing?.isDirectory()) throw new TunnelError('PONS_E_FILE_ACCESS', `${file} is a directory.`);
  if (existing && !overwrite)
    throw new TunnelError('PONS_E_FILE_EXISTS', `${file} already exists; send it again with overwrite to replace it.`);
  return file;
}

async function syncAndRename(temporary: string, file: string): Promise<void> {
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

export function receiveFile(file: string, size: number, ws: WebSocket): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.pons-${randomBytes(4).toString('hex')}`);
  const out = createWriteStream(temporary, { mode: 0o644 });
  const hash = createHash('sha256');
  let bytes = 0;
  let finished = false;
  const fail = (message: string) => {
    if (finished) return;
    finished = true;
    out.destroy();
    void rm(temporary, { force: true });
    ws.send(JSON.stringify({ type: 'error', code: 'PONS_E_FILE_ACCESS', message }));
    ws.close(4502, message.slice(0, 120));
  };
  out.on('error', (error) => fail(`Writing ${file} failed: ${error.message}`));
  ws.on('message', (data, binary) => {
    const chunk = toBuffer(data);
    if (binary) {
      bytes += chunk.length;
      if (bytes > size) return fail(`More than the ${size} bytes announced arrived.`);
      hash.update(chunk);
      if (!out.write(chunk) && !ws.isPaused) {
        ws.pause();
        out.once('drain', () => ws.resume());
      }
      return;
    }
    let frame: unknown = null;
    try {
      frame = JSON.parse(chunk.toString());
    } catch {
      // not a control frame: ignored
    }
    if (!control.is(frame) || frame.type !== 'end') return;
    if (bytes !== size) return fail(`The upload ended after ${bytes} of ${size} bytes.`);
    out.end(() => {
      syncAndRename(temporary, file).then(
        () => {
          finished = true;
          ws.send(JSON.stringify({ type: 'done', bytes, sha256: hash.digest('hex') }));
        },
        (error: unknown) => fail(`Could not put the file in place: ${(error as Error).message}`),
      );
    });
  });
  ws.on('close', () => {
    if (!finished) {
      finished = true;
      out.destroy();
      void rm(temporary, { force: true });
    }
  });
}
