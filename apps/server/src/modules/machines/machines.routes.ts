import { MachineDetail, MachineList, MachineListQuery, MachineRef } from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import type { MachinesService } from './machines.service.js';

export function machinesRoutes(app: App, machines: MachinesService): void {
  app.get(
    '/api/v1/machines',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: {
        tags: ['machines'],
        summary: 'List machines with their live status',
        querystring: MachineListQuery,
        response: responses(MachineList),
      },
    },
    async (request) => machines.list(requirePrincipal(request).scope('inventory', 'ro'), request.query),
  );

  app.get(
    '/api/v1/machines/:machine',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: { tags: ['machines'], summary: 'One machine, by id or hostname', params: MachineRef, response: responses(MachineDetail) },
    },
    async (request) => machines.detail(requirePrincipal(request).scope('inventory', 'ro'), request.params.machine),
  );
}
