import type { LiveEvent } from '@pons/protocol';
import type { Bus } from '../../platform/bus.js';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { eventStreams } from '../../platform/http/event-stream.js';
import type { App } from '../../platform/http/http-app.js';
import { inScope } from '../identity/index.js';

/**
 * `/api/v1/events`: server-sent events for the console. Each client receives only the machines
 * of its own entities; the stream ends when the session does.
 */
export function liveRoutes(app: App, bus: Bus, streams: ReturnType<typeof eventStreams>): void {
  app.get(
    '/api/v1/events',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: { tags: ['live'], summary: 'Live machine changes (text/event-stream)' },
    },
    async (request, reply) => {
      const scope = requirePrincipal(request).scope('inventory', 'ro');
      await streams(request, reply, (write) => {
        const send = (event: LiveEvent) => write(event.type, event);
        return [
          bus.subscribe('machine.changed', ({ machines }) => {
            for (const machine of machines) if (inScope(scope, machine.entityId)) send({ type: 'machine.changed', machine });
          }),
          bus.subscribe('machine.moved', ({ moves }) => {
            for (const move of moves)
              if (inScope(scope, move.from) && !inScope(scope, move.to)) send({ type: 'machine.removed', machineId: move.machineId });
          }),
          bus.subscribe('machine.removed', ({ machineIds }) => {
            for (const machineId of machineIds) send({ type: 'machine.removed', machineId });
          }),
        ];
      });
    },
  );
}
