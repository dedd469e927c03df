import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from './access.js';
import type { App } from './http-app.js';

const HEARTBEAT_MS = 25_000;
const REVALIDATE_MS = 60_000;

export type StreamWrite = (type: string, data: unknown) => void;

/**
 * Server-sent event streams that end when their session does (checked every minute) and when the
 * server stops (browsers reconnect to another node). `subscribe` starts the stream's feeds and
 * returns what stops them.
 */
export function eventStreams(app: App, authenticator: Authenticator) {
  const streams = new Set<{ end(): void }>();
  // Open streams would keep the server from stopping; end them first.
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.end();
    done();
  });
  return async function serve(
    request: FastifyRequest,
    reply: FastifyReply,
    subscribe: (write: StreamWrite) => Array<() => void>,
  ): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    streams.add(raw);
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 3000\n: connected\n\n`);
    const unsubscribe = subscribe((type, data) => raw.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const revalidate = setInterval(() => {
      authenticator.authenticate(request).then(
        (still) => (still ? undefined : raw.end()),
        () => raw.end(),
      );
    }, REVALIDATE_MS);
    raw.on('close', () => {
      clearInterval(heartbeat);
      clearInterval(revalidate);
      for (const off of unsubscribe) off();
      streams.delete(raw);
    });
    await new Promise<void>((resolve) => raw.on('close', () => resolve()));
  };
}
