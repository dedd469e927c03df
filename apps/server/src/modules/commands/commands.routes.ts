import { Type } from '@sinclair/typebox';
import {
  CommandResults,
  CommandSummary,
  CommandTargetResult,
  CreateCommandRequest,
  MachineCommands,
  MachineRef,
  RunCommandRequest,
} from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import type { CommandsService } from './commands.service.js';

/**
 * Commands. The route needs read access to inventory; the service then checks the permission of
 * the command itself (e.g. inventory read-write for `inventory.collect`) on each target's entity.
 */
export function commandsRoutes(app: App, commands: CommandsService): void {
  app.post(
    '/api/v1/commands',
    {
      config: { access: access.feature('inventory', 'ro'), audit: { action: 'command.create', objectType: 'command' } },
      schema: {
        tags: ['commands'],
        summary: 'Send a signed command to machines (all, an entity, or a list)',
        body: CreateCommandRequest,
        response: responses(CommandSummary, 201),
      },
    },
    async (request, reply) => reply.status(201).send(await commands.create(requirePrincipal(request), request.body)),
  );

  app.get(
    '/api/v1/commands/:id',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: {
        tags: ['commands'],
        summary: 'Progress of a command: counts per state, reply times',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: responses(CommandSummary),
      },
    },
    async (request) => commands.summary(requirePrincipal(request), request.params.id),
  );

  app.get(
    '/api/v1/commands/:id/results',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: {
        tags: ['commands'],
        summary: 'The outcome on each target machine',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: responses(CommandResults),
      },
    },
    async (request) =>
      commands.results(requirePrincipal(request), request.params.id, request.query.limit ?? 200, request.query.offset ?? 0),
  );

  app.post(
    '/api/v1/machines/:machine/commands',
    {
      config: { access: access.feature('inventory', 'ro'), audit: { action: 'machine.command', objectType: 'machine' } },
      schema: {
        tags: ['commands'],
        summary: 'Run a command on one machine and wait for its outcome',
        params: MachineRef,
        body: RunCommandRequest,
        response: responses(CommandTargetResult),
      },
    },
    async (request) => commands.run(requirePrincipal(request), request.params.machine, request.body),
  );

  app.get(
    '/api/v1/machines/:machine/commands',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: {
        tags: ['commands'],
        summary: "The machine's latest commands and quick actions, with who sent them and their output",
        params: MachineRef,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) },
          { additionalProperties: false },
        ),
        response: responses(MachineCommands),
      },
    },
    async (request) => ({ items: await commands.history(requirePrincipal(request), request.params.machine, request.query.limit ?? 50) }),
  );
}
