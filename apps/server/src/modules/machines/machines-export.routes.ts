import { Type } from '@sinclair/typebox';
import { MachineListQuery, MoveMachinesRequest, type MachineSummary } from '@pons/protocol';
import { sendExport } from '../../platform/csv.js';
import { access, requirePrincipal } from '../../platform/http/access.js';
import { auditTarget } from '../../platform/http/audit-hook.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import { PonsError } from '../../platform/errors.js';
import type { EntityTree } from '../identity/index.js';
import type { MachinesService } from './machines.service.js';

const HEADER = [
  'id',
  'hostname',
  'entity',
  'status',
  'status_since',
  'platform',
  'os',
  'os_version',
  'agent_version',
  'last_seen',
  'ip_addresses',
];
const fields = (m: MachineSummary) => [
  m.id,
  m.hostname,
  m.entityName,
  m.status,
  new Date(m.statusSince).toISOString(),
  m.platform,
  m.osName,
  m.osVersion,
  m.agentVersion,
  m.lastSeenAt ? new Date(m.lastSeenAt).toISOString() : null,
  m.ipAddresses.join(' '),
];

export const ExportQuery = Type.Composite([
  Type.Omit(MachineListQuery, ['limit', 'offset']),
  Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')]) }),
]);

/** Machines as a file, and moves between entities. */
export function machinesExportRoutes(app: App, machines: MachinesService, entities: () => Promise<EntityTree>): void {
  app.get(
    '/api/v1/machines/export',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: { tags: ['machines'], summary: 'The machines you can see, as a CSV or JSON file', querystring: ExportQuery },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const rows = machines.exportAll(requirePrincipal(request).scope('inventory', 'ro'), query);
      return sendExport(reply, 'machines', format, HEADER, rows, fields);
    },
  );

  app.post(
    '/api/v1/machines/move',
    {
      config: { access: access.feature('inventory', 'rw'), audit: { action: 'machine.move', objectType: 'entity' } },
      schema: {
        tags: ['machines'],
        summary: 'Move machines to another entity (inventory read-write on both sides)',
        body: MoveMachinesRequest,
        response: responses(Type.Object({ moved: Type.Integer() })),
      },
    },
    async (request) => {
      const scope = requirePrincipal(request).scope('inventory', 'rw');
      const target = (await entities()).resolve(request.body.entity);
      auditTarget(request, { objectId: target.id, objectName: target.name, entityId: target.id });
      if (scope !== 'all' && !scope.has(target.id))
        throw new PonsError(
          'PONS_E_FORBIDDEN',
          `You cannot move machines into "${target.name}": your profile does not change its inventory.`,
        );
      const moved = await machines.move(scope, request.body.machines, target.id);
      auditTarget(request, { details: { machines: moved.map((m) => ({ id: m.id, hostname: m.hostname, from: m.from })) } });
      return { moved: moved.length };
    },
  );
}
