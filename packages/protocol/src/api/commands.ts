import { Type, type Static } from '@sinclair/typebox';
import { ErrorCode } from '../errors.js';
import { CommandNameSchema } from '../frames/commands.js';

export const CommandTargetStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sent'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
  Type.Literal('rejected'),
  Type.Literal('expired'),
]);
export type CommandTargetStatus = Static<typeof CommandTargetStatus>;

const Ttl = Type.Integer({
  minimum: 1000,
  maximum: 7 * 86_400_000,
  description:
    'Deliver and answer within this time, or the command expires (default 10 min); an offline machine gets it when it reconnects within the time',
});

export const CreateCommandRequest = Type.Object(
  {
    name: CommandNameSchema,
    args: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    targets: Type.Object(
      {
        all: Type.Optional(Type.Boolean({ description: 'Every machine you may command' })),
        machines: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50_000 })),
        entity: Type.Optional(
          Type.String({ minLength: 1, maxLength: 128, description: 'Every machine of this entity and its sub-entities' }),
        ),
      },
      { additionalProperties: false },
    ),
    ttlMs: Type.Optional(Ttl),
  },
  { additionalProperties: false },
);

export const RunCommandRequest = Type.Object(
  {
    name: CommandNameSchema,
    args: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    ttlMs: Type.Optional(Ttl),
    waitMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 300_000,
        default: 30_000,
        description: 'How long to wait for the result before answering with the current state',
      }),
    ),
  },
  { additionalProperties: false },
);

const Counts = Type.Object({
  queued: Type.Integer(),
  sent: Type.Integer(),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  rejected: Type.Integer(),
  expired: Type.Integer(),
});

export const CommandSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  args: Type.Record(Type.String(), Type.Unknown()),
  targetKind: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.Integer(),
  expiresAt: Type.Integer(),
  total: Type.Integer(),
  counts: Counts,
  /** When the first and the last answer arrived; null until there is one. */
  firstReplyAt: Type.Union([Type.Integer(), Type.Null()]),
  lastReplyAt: Type.Union([Type.Integer(), Type.Null()]),
  /** Round trips (sent to answered) in milliseconds, over the answered targets. */
  roundTripMs: Type.Union([Type.Object({ p50: Type.Number(), p99: Type.Number(), max: Type.Number() }), Type.Null()]),
});

export const CommandTargetResult = Type.Object({
  commandId: Type.String(),
  machineId: Type.String(),
  hostname: Type.String(),
  status: CommandTargetStatus,
  sentAt: Type.Union([Type.Integer(), Type.Null()]),
  completedAt: Type.Union([Type.Integer(), Type.Null()]),
  output: Type.Unknown(),
  error: Type.Union([Type.Object({ code: ErrorCode, message: Type.String() }), Type.Null()]),
});

export const CommandResults = Type.Object({ items: Type.Array(CommandTargetResult), total: Type.Integer() });

/** A command in one machine's history: what was asked, by whom, and how it ended there. */
export const MachineCommand = Type.Composite([
  CommandTargetResult,
  Type.Object({
    name: CommandNameSchema,
    /** The arguments, except for commands the server sends itself (they carry tokens). */
    args: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    createdBy: Type.String(),
    createdAt: Type.Integer(),
  }),
]);
export const MachineCommands = Type.Object({ items: Type.Array(MachineCommand) });
export type MachineCommand = Static<typeof MachineCommand>;

export type CreateCommandRequest = Static<typeof CreateCommandRequest>;
export type RunCommandRequest = Static<typeof RunCommandRequest>;
export type CommandSummary = Static<typeof CommandSummary>;
export type CommandTargetResult = Static<typeof CommandTargetResult>;
export type CommandResults = Static<typeof CommandResults>;
