import { Type, type Static } from '@sinclair/typebox';
import { InventoryDocument } from '../inventory.js';
import { MachineStatus, OfflineReason } from '../presence.js';

export const MachineSummary = Type.Object({
  id: Type.String(),
  hostname: Type.String(),
  status: MachineStatus,
  statusSince: Type.Integer(),
  offlineReason: Type.Union([OfflineReason, Type.Null()]),
  lastSeenAt: Type.Union([Type.Integer(), Type.Null()]),
  platform: Type.String(),
  osName: Type.String(),
  osVersion: Type.String(),
  arch: Type.String(),
  ipAddresses: Type.Array(Type.String()),
  macAddresses: Type.Array(Type.String()),
  entityId: Type.String(),
  entityName: Type.String(),
  agentVersion: Type.String(),
  enrolledAt: Type.Integer(),
  inventoryAt: Type.Union([Type.Integer(), Type.Null()]),
});

export const MachineDetail = Type.Composite([
  MachineSummary,
  Type.Object({
    smbiosUuid: Type.Union([Type.String(), Type.Null()]),
    serial: Type.Union([Type.String(), Type.Null()]),
    identitySource: Type.Union([Type.Literal('smbios'), Type.Literal('generated')]),
    vendor: Type.Union([Type.String(), Type.Null()]),
    model: Type.Union([Type.String(), Type.Null()]),
    cpuModel: Type.Union([Type.String(), Type.Null()]),
    memoryBytes: Type.Union([Type.Integer(), Type.Null()]),
    softwareCount: Type.Union([Type.Integer(), Type.Null()]),
    /** The server node holding the agent's connection (several nodes or workers), when online. */
    connectedTo: Type.Union([Type.String(), Type.Null()]),
  }),
]);

export const MachineListQuery = Type.Object(
  {
    status: Type.Optional(MachineStatus),
    q: Type.Optional(Type.String({ maxLength: 256, description: 'Substring of hostname, IP or MAC' })),
    entity: Type.Optional(Type.String({ maxLength: 128 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const MachineList = Type.Object({
  items: Type.Array(MachineSummary),
  total: Type.Integer(),
  counts: Type.Object({ online: Type.Integer(), offline: Type.Integer() }),
});

export const MachineInventory = Type.Object({
  machineId: Type.String(),
  receivedAt: Type.Integer(),
  document: InventoryDocument,
});

export const MachineRef = Type.Object({
  machine: Type.String({ minLength: 1, maxLength: 255, description: 'Machine id or hostname' }),
});

export type MachineSummary = Static<typeof MachineSummary>;
export type MachineDetail = Static<typeof MachineDetail>;
export type MachineListQuery = Static<typeof MachineListQuery>;
export type MachineList = Static<typeof MachineList>;
export type MachineInventory = Static<typeof MachineInventory>;
