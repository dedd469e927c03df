import { Type, type Static } from '@sinclair/typebox';
import { Base64Url, Id, MacAddress } from '../common.js';
import { ErrorCode } from '../errors.js';
import { InventoryDocument } from '../inventory.js';
import { JobFrame } from '../deploy/job-frames.js';
import { GoodbyeReason } from '../presence.js';

/** What the agent says about itself at every connect, so lists stay current between inventories. */
export const AgentFacts = Type.Object(
  {
    hostname: Type.String({ minLength: 1, maxLength: 255 }),
    platform: Type.Union([Type.Literal('linux'), Type.Literal('windows'), Type.Literal('darwin'), Type.Literal('other')]),
    osName: Type.String({ maxLength: 256 }),
    osVersion: Type.String({ maxLength: 256 }),
    arch: Type.String({ maxLength: 64 }),
    ipAddresses: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 }),
    macAddresses: Type.Array(MacAddress, { maxItems: 64 }),
  },
  { additionalProperties: false },
);
export type AgentFacts = Static<typeof AgentFacts>;

/**
 * Hardware identity sent at enrollment. `smbiosUuid` and `serial` are absent when unreadable or
 * when the agent was told to use its generated id (clones, containers sharing the host's DMI).
 */
export const HardwareIdentity = Type.Object(
  {
    smbiosUuid: Type.Optional(Type.String({ maxLength: 64 })),
    serial: Type.Optional(Type.String({ maxLength: 256 })),
    generatedId: Type.String({ minLength: 16, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type HardwareIdentity = Static<typeof HardwareIdentity>;

export const EnrollFrame = Type.Object(
  {
    type: Type.Literal('enroll'),
    protocol: Type.Integer({ minimum: 1 }),
    agentVersion: Type.String({ maxLength: 64 }),
    token: Type.String({ minLength: 1, maxLength: 256 }),
    publicKey: Base64Url,
    signature: Base64Url,
    identity: HardwareIdentity,
    facts: AgentFacts,
  },
  { additionalProperties: false },
);

export const HelloFrame = Type.Object(
  {
    type: Type.Literal('hello'),
    protocol: Type.Integer({ minimum: 1 }),
    agentVersion: Type.String({ maxLength: 64 }),
    machineId: Id,
    signature: Base64Url,
    facts: AgentFacts,
  },
  { additionalProperties: false },
);

export const InventoryFrame = Type.Object(
  {
    type: Type.Literal('inventory'),
    id: Id,
    reason: Type.Union([Type.Literal('first-connect'), Type.Literal('schedule'), Type.Literal('request')]),
    document: InventoryDocument,
  },
  { additionalProperties: false },
);

export const ResultFrame = Type.Object(
  {
    type: Type.Literal('result'),
    commandId: Id,
    status: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('rejected')]),
    output: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Object({ code: ErrorCode, message: Type.String({ maxLength: 4096 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const GoodbyeFrame = Type.Object({ type: Type.Literal('goodbye'), reason: GoodbyeReason }, { additionalProperties: false });

export const AgentFrameSchemas = {
  enroll: EnrollFrame,
  hello: HelloFrame,
  inventory: InventoryFrame,
  result: ResultFrame,
  goodbye: GoodbyeFrame,
  job: JobFrame,
} as const;

export type EnrollFrame = Static<typeof EnrollFrame>;
export type HelloFrame = Static<typeof HelloFrame>;
export type InventoryFrame = Static<typeof InventoryFrame>;
export type ResultFrame = Static<typeof ResultFrame>;
export type GoodbyeFrame = Static<typeof GoodbyeFrame>;
export type AgentFrame = EnrollFrame | HelloFrame | InventoryFrame | ResultFrame | GoodbyeFrame | JobFrame;
export type AgentFrameType = keyof typeof AgentFrameSchemas;

/** Bytes after which the channel drops a frame: small before authentication, larger after. */
export const MAX_PREAUTH_FRAME_BYTES = 64 * 1024;
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;
