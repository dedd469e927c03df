import { Type, type Static } from '@sinclair/typebox';
import { Base64Url, Id, Timestamp } from '../common.js';
import { ErrorCode } from '../errors.js';

export const ChallengeFrame = Type.Object(
  {
    type: Type.Literal('challenge'),
    nonce: Base64Url,
    serverTime: Timestamp,
    protocol: Type.Object({ min: Type.Integer(), max: Type.Integer() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const WelcomeFrame = Type.Object(
  {
    type: Type.Literal('welcome'),
    machineId: Id,
    protocol: Type.Integer(),
    serverTime: Timestamp,
    pingIntervalMs: Type.Integer({ minimum: 100 }),
    inventoryIntervalMs: Type.Integer({ minimum: 1000 }),
    /** Whether the server wants a full inventory now (first connect or none on record). */
    inventoryWanted: Type.Boolean(),
    /** Present only on enrollment: the server's command-signing public key, pinned by the agent. */
    commandKey: Type.Optional(Base64Url),
  },
  { additionalProperties: false },
);

export const ErrorFrame = Type.Object(
  { type: Type.Literal('error'), code: ErrorCode, message: Type.String({ maxLength: 2048 }) },
  { additionalProperties: false },
);

export const AckFrame = Type.Object({ type: Type.Literal('ack'), replyTo: Id }, { additionalProperties: false });

/**
 * A command for one machine (or `*` for a broadcast), signed with the server's command key over
 * the canonical JSON of every field but `signature`. Agents refuse unsigned, altered, expired or
 * replayed commands.
 */
export const CommandFrame = Type.Object(
  {
    type: Type.Literal('command'),
    id: Id,
    machineId: Type.Union([Id, Type.Literal('*')]),
    name: Type.String({ minLength: 1, maxLength: 128 }),
    args: Type.Record(Type.String(), Type.Unknown()),
    issuedAt: Timestamp,
    expiresAt: Timestamp,
    /**
     * Protocol 2: the command was signed once for a set of machines; these are the sibling
     * hashes from this machine's leaf to the set's root (see @pons/crypto TargetSet).
     */
    targetProof: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }), { maxItems: 40 })),
    signature: Base64Url,
  },
  { additionalProperties: false },
);

export const ServerFrameSchemas = {
  challenge: ChallengeFrame,
  welcome: WelcomeFrame,
  error: ErrorFrame,
  ack: AckFrame,
  command: CommandFrame,
} as const;

export type ChallengeFrame = Static<typeof ChallengeFrame>;
export type WelcomeFrame = Static<typeof WelcomeFrame>;
export type ErrorFrame = Static<typeof ErrorFrame>;
export type AckFrame = Static<typeof AckFrame>;
export type CommandFrame = Static<typeof CommandFrame>;
export type UnsignedCommand = Omit<CommandFrame, 'signature'>;
export type ServerFrame = ChallengeFrame | WelcomeFrame | ErrorFrame | AckFrame | CommandFrame;
export type ServerFrameType = keyof typeof ServerFrameSchemas;
