import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer, path: string) => void;

/**
 * WebSocket upgrades on the one HTTPS port, by path: the agent channel, agents' tunnel sockets and
 * the console's or CLI's end of a tunnel. A path nobody claims gets 404.
 */
export class Upgrades {
  private readonly routes: Array<{ matches: (path: string) => boolean; handler: UpgradeHandler }> = [];

  constructor(server: Server) {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      const route = this.routes.find((r) => r.matches(path));
      if (route) route.handler(request, socket, head, path);
      else refuseUpgrade(socket, 404, 'Not Found');
    });
  }

  /** `exact` paths are matched whole; a path ending in `/` matches everything under it. */
  on(path: string, handler: UpgradeHandler): void {
    this.routes.push({ matches: path.endsWith('/') ? (p) => p.startsWith(path) : (p) => p === path, handler });
  }
}

/** Answers an upgrade with a plain HTTP status (and a short text a person can read) and closes. */
export function refuseUpgrade(socket: Duplex, status: number, text: string, body = ''): void {
  const bytes = Buffer.from(body);
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${bytes.length}\r\n\r\n${body}`,
  );
}
