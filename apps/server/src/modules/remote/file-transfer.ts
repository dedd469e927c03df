import { PassThrough, type Readable } from 'node:stream';
import type { WebSocket } from 'ws';
import { TunnelDoneFrame, TunnelErrorFrame, Validator, type FileListResponse, type FileUploadResponse } from '@pons/protocol';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { RemoteService } from './remote.service.js';
import { toBuffer } from './socket-pipe.js';
import type { Tunnel } from './tunnel.js';

const HIGH_WATER = 4 * 1024 * 1024;
const done = new Validator(TunnelDoneFrame);
const failed = new Validator(TunnelErrorFrame);

export interface Download {
  name: string;
  size: number;
  stream: Readable;
}

/**
 * The file browser: a listing, a download and an upload are each one tunnel to the agent, so a
 * large file streams through with backpressure and never sits in the server's memory.
 */
export class FileTransfers {
  constructor(private readonly remote: RemoteService) {}

  async list(principal: Principal, ref: string, path: string, address: string | null): Promise<FileListResponse> {
    const { tunnel, ready } = await this.remote.open(principal, ref, 'file-list', { path }, path, address, false);
    tunnel.end('server', 'Listed.');
    return { path: ready.path ?? path, entries: ready.entries ?? [], truncated: ready.truncated ?? false };
  }

  async download(principal: Principal, ref: string, path: string, address: string | null): Promise<Download> {
    const { tunnel, ready } = await this.remote.open(principal, ref, 'file-read', { path }, path, address);
    const agent = tunnel.agent!;
    const size = ready.size ?? 0;
    const stream = new PassThrough();
    agent.on('message', (data, binary) => {
      if (!binary) return;
      const bytes = toBuffer(data);
      tunnel.bytes.fromMachine += bytes.length;
      if (!stream.write(bytes) && !agent.isPaused) {
        agent.pause();
        stream.once('drain', () => agent.resume());
      }
    });
    agent.once('close', () => {
      if (tunnel.bytes.fromMachine === size) stream.end();
      else stream.destroy(new Error(`the transfer stopped at ${tunnel.bytes.fromMachine} of ${size} bytes`));
    });
    // The person's browser went away: stop reading the file on the machine.
    stream.once('close', () =>
      tunnel.end(
        tunnel.bytes.fromMachine === size ? 'agent' : 'client',
        tunnel.bytes.fromMachine === size ? 'Sent.' : 'The download was interrupted.',
      ),
    );
    agent.resume();
    return { name: ready.name ?? path.split('/').pop() ?? 'file', size, stream };
  }

  async upload(
    principal: Principal,
    ref: string,
    query: { path: string; overwrite?: boolean },
    size: number,
    body: Readable,
    address: string | null,
  ): Promise<FileUploadResponse> {
    const { tunnel } = await this.remote.open(
      principal,
      ref,
      'file-write',
      { path: query.path, size, overwrite: query.overwrite ?? false },
      query.path,
      address,
    );
    const agent = tunnel.agent!;
    const finished = answer(tunnel, agent);
    finished.catch(() => undefined);
    agent.resume();
    try {
      for await (const chunk of body) {
        if (tunnel.ended) break;
        const bytes = chunk as Buffer;
        tunnel.bytes.toMachine += bytes.length;
        if (agent.bufferedAmount > HIGH_WATER) await new Promise<void>((resolve) => agent.send(bytes, { binary: true }, () => resolve()));
        else agent.send(bytes, { binary: true });
      }
      if (tunnel.bytes.toMachine !== size)
        throw new PonsError('PONS_E_VALIDATION', `The upload ended after ${tunnel.bytes.toMachine} of the ${size} bytes announced.`);
      agent.send(JSON.stringify({ type: 'end' }));
      const result = await finished;
      tunnel.end('server', 'Uploaded.');
      return { path: query.path, bytes: result.bytes, sha256: result.sha256 };
    } catch (error) {
      tunnel.end('server', (error as Error).message, true);
      throw error;
    }
  }
}

/** The agent's last word on an upload: `done` with what it wrote, or an error. */
function answer(tunnel: Tunnel, agent: WebSocket): Promise<TunnelDoneFrame> {
  return new Promise((resolve, reject) => {
    agent.on('message', (data, binary) => {
      if (binary) return;
      let frame: unknown;
      try {
        frame = JSON.parse(toBuffer(data).toString());
      } catch {
        return reject(new PonsError('PONS_E_PROTOCOL', 'The agent answered the upload with an unreadable frame.'));
      }
      if (done.is(frame)) resolve(frame);
      else if (failed.is(frame)) reject(new PonsError(frame.code, frame.message));
    });
    agent.once('close', (_code, reason) =>
      reject(
        new PonsError(
          'PONS_E_TUNNEL_BROKEN',
          reason.toString() || `The tunnel to ${tunnel.spec.hostname} closed before the file was written.`,
        ),
      ),
    );
  });
}
