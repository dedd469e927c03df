import { Type } from '@sinclair/typebox';
import { MachineInventory, MachineRef } from '@pons/protocol';
import { access, requirePrincipal } from '../../platform/http/access.js';
import type { App } from '../../platform/http/http-app.js';
import { responses } from '../../platform/http/responses.js';
import type { InventoryService } from './inventory.service.js';

export function inventoryRoutes(app: App, inventory: InventoryService): void {
  app.get(
    '/api/v1/machines/:machine/inventory',
    {
      config: { access: access.feature('inventory', 'ro') },
      schema: {
        tags: ['inventory'],
        summary: "A machine's latest full inventory",
        params: MachineRef,
        response: responses(MachineInventory),
      },
    },
    async (request) => inventory.latest(requirePrincipal(request).scope('inventory', 'ro'), request.params.machine),
  );

  app.post(
    '/api/v1/machines/:machine/inventory/refresh',
    {
      config: { access: access.feature('inventory', 'rw'), audit: { action: 'inventory.refresh', objectType: 'machine' } },
      schema: {
        tags: ['inventory'],
        summary: 'Ask the agent for a fresh inventory now',
        params: MachineRef,
        response: responses(Type.Object({ machineId: Type.String(), commandId: Type.String() })),
      },
    },
    async (request) => inventory.refresh(requirePrincipal(request), request.params.machine),
  );
}
