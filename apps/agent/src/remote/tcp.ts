import { connect, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TunnelError } from './tunnel-error.js';

/** Connects to a port on this machine (or a host it reaches), or says plainly why not; `what` names it for people. */
export function connectTcp(host: string, port: number, what: string, timeoutMs = 5000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TunnelError('PONS_E_TUNNEL_TARGET', `${host}:${port} (${what}) did not answer within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const message =
        error.code === 'ECONNREFUSED'
          ? `Nothing listens on ${host}:${port} (${what}) on this machine: connection refused.`
          : `Cannot reach ${host}:${port} (${what}): ${error.message}.`;
      reject(new TunnelError('PONS_E_TUNNEL_TARGET', message));
    });
  });
}

/** A port nobody listens on right now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until something accepts connections on the port, trying every 50 ms. */
export async function waitForPort(port: number, timeoutMs: number, stillRunning: () => boolean): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && stillRunning()) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await sleep(50);
  }
  return false;
}
