import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Timestamp } from './common.js';

const Str = (max = 512) => Type.String({ maxLength: max });
const OptStr = (max = 512) => Type.Optional(Type.String({ maxLength: max }));
const Bytes = Type.Integer({ minimum: 0 });
const List = <T extends TSchema>(item: T, maxItems = 1024) => Type.Array(item, { maxItems });

export const InventorySystem = Type.Object(
  {
    hostname: Str(255),
    platform: Type.Union([Type.Literal('linux'), Type.Literal('windows'), Type.Literal('darwin'), Type.Literal('other')]),
    osName: Str(),
    osVersion: Str(),
    kernel: OptStr(),
    arch: Str(64),
    uptimeSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
    timezone: OptStr(128),
  },
  { additionalProperties: false },
);

export const InventoryHardware = Type.Object(
  {
    vendor: OptStr(),
    model: OptStr(),
    serial: OptStr(),
    smbiosUuid: OptStr(64),
    chassis: OptStr(),
    biosVendor: OptStr(),
    biosVersion: OptStr(),
    biosDate: OptStr(64),
    virtual: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const InventoryCpu = Type.Object(
  {
    model: Str(),
    vendor: OptStr(),
    cores: Type.Integer({ minimum: 0 }),
    physicalCores: Type.Optional(Type.Integer({ minimum: 0 })),
    sockets: Type.Optional(Type.Integer({ minimum: 0 })),
    speedMHz: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const InventoryMemory = Type.Object({ totalBytes: Bytes, swapBytes: Type.Optional(Bytes) }, { additionalProperties: false });

export const InventoryDisk = Type.Object(
  {
    device: Str(),
    type: OptStr(64),
    model: OptStr(),
    serial: OptStr(),
    sizeBytes: Bytes,
    interface: OptStr(64),
  },
  { additionalProperties: false },
);

export const InventoryFilesystem = Type.Object(
  { mount: Str(1024), fsType: OptStr(64), device: OptStr(1024), sizeBytes: Bytes, usedBytes: Bytes },
  { additionalProperties: false },
);

export const InventoryAddress = Type.Object(
  { address: Str(64), netmask: OptStr(64), prefixLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 128 })) },
  { additionalProperties: false },
);

export const InventoryInterface = Type.Object(
  {
    name: Str(128),
    mac: OptStr(32),
    ipv4: List(InventoryAddress, 64),
    ipv6: List(InventoryAddress, 64),
    gateway: OptStr(64),
    type: OptStr(64),
    virtual: Type.Optional(Type.Boolean()),
    up: Type.Optional(Type.Boolean()),
    speedMbps: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const InventoryUser = Type.Object(
  { name: Str(256), terminal: OptStr(128), host: OptStr(256), loginAt: OptStr(64) },
  { additionalProperties: false },
);

export const InventorySoftware = Type.Object(
  {
    name: Str(512),
    version: OptStr(256),
    arch: OptStr(64),
    publisher: OptStr(512),
    source: OptStr(64),
    installedAt: OptStr(64),
    sizeBytes: Type.Optional(Bytes),
  },
  { additionalProperties: false },
);

/** A section the collector could not fill, with the reason, instead of invented data. */
export const InventoryNote = Type.Object({ section: Str(64), message: Str(1024) }, { additionalProperties: false });

export const InventoryDocument = Type.Object(
  {
    schema: Type.Literal(1),
    collectedAt: Timestamp,
    agentVersion: Str(64),
    system: InventorySystem,
    hardware: Type.Optional(InventoryHardware),
    cpu: Type.Optional(InventoryCpu),
    memory: Type.Optional(InventoryMemory),
    disks: Type.Optional(List(InventoryDisk, 256)),
    filesystems: Type.Optional(List(InventoryFilesystem, 512)),
    network: Type.Optional(List(InventoryInterface, 256)),
    defaultGateway: OptStr(64),
    users: Type.Optional(List(InventoryUser, 1024)),
    software: Type.Optional(List(InventorySoftware, 20_000)),
    notes: List(InventoryNote, 64),
  },
  { additionalProperties: false },
);

export type InventoryDocument = Static<typeof InventoryDocument>;
export type InventoryInterface = Static<typeof InventoryInterface>;
export type InventorySoftware = Static<typeof InventorySoftware>;
export type InventoryNote = Static<typeof InventoryNote>;
