import { createServer, type Socket } from 'node:net';
import type { Command } from 'commander';
import WebSocket from 'ws';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import type { ApiClient } from '../http/client.js';
import { responses } from '../http/responses.js';
import { bytes as formatBytes } from '../output/format.js';
import { positiveInteger } from '../options.js';

const HIGH_WATER = 4 * 1024 * 1024;

interface TunnelOptions {
  local?: number;
  host?: string;
  bind: string;
}

/** Opens the machine's end for one local connection and pipes the two until either closes. */
async function forwardOne(
  ctx: Context,
  client: ApiClient,
  caPem: string,
  ref: string,
  port: number,
  host: string | undefined,
  socket: Socket,
  n: number,
) {
  socket.pause();
  const started = Date.now();
  let opened;
  try {
    opened = await client.call('POST', `/api/v1/machines/${encodeURIComponent(ref)}/tunnels`, responses.tunnel, {
      kind: 'tcp',
      port,
      ...(host ? { host } : {}),
    });
  } catch (error) {
    ctx.note(`pons: connection ${n}: ${(error as Error).message}`);
    socket.destroy();
    return;
  }
  const url = new URL(opened.socketPath, client.server);
  url.protocol = 'wss:';
  // Trust comes from the pinned CA alone, as for every API call (Node's TLS wants undefined for "no objection").
  const ws = new WebSocket(url, {
    ca: caPem,
    checkServerIdentity: (() => undefined) as unknown as () => boolean,
    perMessageDeflate: false,
  });
  let bytesIn = 0;
  let bytesOut = 0;
  ws.on('open', () => {
    ctx.note(`pons: connection ${n} to ${opened.hostname}:${port} open in ${Date.now() - started} ms`);
    socket.resume();
  });
  socket.on('data', (chunk: Buffer) => {
    bytesOut += chunk.length;
    ws.send(chunk, { binary: true }, () => {
      if (socket.isPaused() && ws.bufferedAmount < HIGH_WATER / 2) socket.resume();
    });
    if (ws.bufferedAmount > HIGH_WATER) socket.pause();
  });
  ws.on('message', (data: Buffer, binary) => {
    if (!binary) return;
    bytesIn += data.length;
    if (!socket.write(data) && !ws.isPaused) {
      ws.pause();
      socket.once('drain', () => ws.resume());
    }
  });
  const seconds = () => Math.max(0.001, (Date.now() - started) / 1000);
  ws.on('close', (code, reason) => {
    const why = reason.toString().replace(/\.$/, '') || (code === 1000 ? 'closed' : `closed (${code})`);
    ctx.note(
      `pons: connection ${n} ended: ${why}; ${formatBytes(bytesOut)} sent, ${formatBytes(bytesIn)} received, ${formatBytes((bytesIn + bytesOut) / seconds())}/s`,
    );
    socket.end();
  });
  ws.on('error', (error) => ctx.note(`pons: connection ${n}: ${error.message}`));
  socket.on('end', () => ws.close(1000, 'The local program closed the connection.'));
  socket.on('error', () => ws.terminate());
}

/** `pons tunnel`: a local port forward to a port on a machine, for RDP, SSH or anything, as long as it runs. */
export function registerTunnel(program: Command, ctx: Context): void {
  program
    .command('tunnel')
    .description('forward a local port to a port on a machine, through its agent (RDP, SSH, anything), until Ctrl-C')
    .argument('<machine>', 'hostname or id')
    .argument('<remote-port>', 'the port on the machine', positiveInteger(65_535))
    .option('--local <port>', 'the local port to listen on (default: a free one, printed)', positiveInteger(65_535))
    .option('--host <host>', 'a host the machine reaches, instead of the machine itself')
    .option('--bind <address>', 'the local address to listen on', '127.0.0.1')
    .action(async (ref: string, remotePort: number, options: TunnelOptions, command: Command) => {
      const { client, credentials } = ctx.session(command);
      // Fails early, with the server's words, when the machine is unknown, offline or out of reach.
      const machine = await client.call('GET', `/api/v1/machines/${encodeURIComponent(ref)}`, responses.machine);
      if (machine.status !== 'online')
        throw new CliError(`${machine.hostname} is offline: its agent cannot open a tunnel`, ExitCode.conflict);
      let count = 0;
      const server = createServer(
        (socket) => void forwardOne(ctx, client, credentials.caPem, machine.id, remotePort, options.host, socket, ++count),
      );
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          reject(new CliError(`cannot listen on ${options.bind}:${options.local ?? 0}: ${error.message}`, ExitCode.usage)),
        );
        server.listen(options.local ?? 0, options.bind, () => resolve());
      });
      const { port } = server.address() as { port: number };
      ctx.out(
        `Forwarding ${options.bind}:${port} → ${machine.hostname}:${remotePort}${options.host ? ` (${options.host})` : ''}. Ctrl-C to stop.`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close(() => resolve());
          setTimeout(resolve, 1000).unref();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });

  program
    .command('wake')
    .description('wake a machine up: magic packets from an online neighbour on its subnet, else from the server')
    .argument('<machine>', 'hostname or id')
    .option('--port <port>', 'UDP port (default: the server setting, 9)', positiveInteger(65_535))
    .action(async (ref: string, options: { port?: number }, command: Command) => {
      const { client } = ctx.session(command);
      const woken = await client.call('POST', `/api/v1/machines/${encodeURIComponent(ref)}/wake`, responses.wake, {
        ...(options.port ? { port: options.port } : {}),
      });
      const by = woken.sentBy.kind === 'agent' ? `its neighbour ${woken.sentBy.hostname}` : `the server (${woken.sentBy.hostname})`;
      ctx.out(
        `Magic packets for ${woken.hostname} (${woken.macs.join(', ')}) sent by ${by} to ${woken.addresses.join(', ')} on UDP ${woken.port}.`,
      );
    });
}
