import type { LiveEvent } from '@pons/protocol';
import type { Bus } from '../../platform/bus.js';
import { access, requirePrincipal, type Authenticator } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { inScope } from '../identity/index.js';

const HEARTBEAT_MS = 25_000;
const REVALIDATE_MS = 60_000;

/**
 * `/api/v1/events`: server-sent events for the console. Each client receives only the machines
 * of its own entities; the stream ends when the session does.
 */
export function liveRoutes(app: App, bus: Bus, authenticator: Authenticator): void {
  const streams = new Set<{ end(): void }>();
  // Open streams would keep the server from stopping; end them first (browsers reconnect).
  app.addHook('preClose', (done) => {
    for (const stream of streams) stream.end();
    done();
  });
  app.get(
    '/api/v1/events',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: { tags: ['live'], summary: 'Live machine changes (text/event-stream)' },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const scope = principal.scope('inventory', 'ro');
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
      const write = (event: LiveEvent) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = [
        bus.subscribe('machine.changed', ({ machines }) => {
          for (const machine of machines) if (inScope(scope, machine.entityId)) write({ type: 'machine.changed', machine });
        }),
        bus.subscribe('machine.removed', ({ machineIds }) => {
          for (const machineId of machineIds) write({ type: 'machine.removed', machineId });
        }),
      ];
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const revalidate = setInterval(() => {
        authenticator.authenticate(request).then(
          (still) => (still ? undefined : raw.end()),
          () => raw.end(),
        );
      }, REVALIDATE_MS);
      const close = () => {
        clearInterval(heartbeat);
        clearInterval(revalidate);
        for (const off of unsubscribe) off();
        streams.delete(raw);
      };
      raw.on('close', close);
      await new Promise<void>((resolve) => raw.on('close', () => resolve()));
    },
  );
}
