import { Type, type Static } from '@sinclair/typebox';
import { Base64Url, Id } from '../common.js';
import { ErrorCode } from '../errors.js';

/**
 * What a tunnel connects to on the machine:
 * - `tcp`: a port on the machine (or a host it reaches), for `pons tunnel` (RDP, SSH, anything);
 * - `vnc`: the VNC server of the agent's configuration (started by the agent when configured to);
 * - `terminal`: a shell under a pseudo-terminal;
 * - `file-list`, `file-read`, `file-write`: the file browser's listing, download and upload.
 */
export const TunnelKind = Type.Union([
  Type.Literal('tcp'),
  Type.Literal('vnc'),
  Type.Literal('terminal'),
  Type.Literal('file-list'),
  Type.Literal('file-read'),
  Type.Literal('file-write'),
]);
export type TunnelKind = Static<typeof TunnelKind>;

export const FilePath = Type.String({ minLength: 1, maxLength: 4096 });
export const TerminalSize = {
  cols: Type.Integer({ minimum: 2, maximum: 1000 }),
  rows: Type.Integer({ minimum: 2, maximum: 1000 }),
};

/** `tunnel.open`: connect to the target, then open `/agent/v1/tunnel/<tunnelId>` and pipe the two. */
export const TunnelOpenArgs = Type.Object(
  {
    tunnelId: Id,
    kind: TunnelKind,
    /** The server node that waits for the tunnel, when several share the work (else the agent's own server). */
    url: Type.Optional(Type.String({ pattern: '^https://', maxLength: 2048 })),
    /** `tcp`: the host to reach from the machine (default 127.0.0.1) and its port. */
    host: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9_.:-]+$' })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535 })),
    /** Files: the path on the machine. */
    path: Type.Optional(FilePath),
    /** `file-write`: the exact number of bytes that will come, and whether an existing file may be replaced. */
    size: Type.Optional(Type.Integer({ minimum: 0 })),
    overwrite: Type.Optional(Type.Boolean()),
    /** `terminal`: the first size of the pseudo-terminal. */
    cols: Type.Optional(TerminalSize.cols),
    rows: Type.Optional(TerminalSize.rows),
    /** Ask the logged-in user to accept the session first, naming who asks. */
    consent: Type.Optional(Type.Object({ requester: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type TunnelOpenArgs = Static<typeof TunnelOpenArgs>;

/** What the agent answers to `tunnel.open` when its tunnel socket is up. */
export const TunnelOpenOutput = Type.Object({ opened: Type.Literal(true) }, { additionalProperties: false });

export const FileEntry = Type.Object(
  {
    name: Type.String(),
    type: Type.Union([Type.Literal('file'), Type.Literal('directory'), Type.Literal('link'), Type.Literal('other')]),
    size: Type.Integer({ minimum: 0 }),
    modifiedAt: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type FileEntry = Static<typeof FileEntry>;

/**
 * The tunnel socket carries the target's bytes as binary messages. Text messages are control
 * frames, validated on both sides: the agent's first one is `ready`; the client may send `resize`
 * (terminal) and `end` (upload: every byte was sent); the agent ends an upload with `done`.
 */
export const TunnelReadyFrame = Type.Object(
  {
    type: Type.Literal('ready'),
    /** `vnc`: the password the viewer must give (a one-time one when the agent started the VNC server). */
    vncPassword: Type.Optional(Type.String({ maxLength: 256 })),
    /** `file-read`: the file's size and name. */
    size: Type.Optional(Type.Integer({ minimum: 0 })),
    name: Type.Optional(Type.String({ maxLength: 4096 })),
    /** `file-list`: the directory's absolute path and its entries. */
    path: Type.Optional(FilePath),
    entries: Type.Optional(Type.Array(FileEntry, { maxItems: 100_000 })),
    truncated: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TunnelResizeFrame = Type.Object({ type: Type.Literal('resize'), ...TerminalSize }, { additionalProperties: false });
export const TunnelEndFrame = Type.Object({ type: Type.Literal('end') }, { additionalProperties: false });
export const TunnelDoneFrame = Type.Object(
  { type: Type.Literal('done'), bytes: Type.Integer({ minimum: 0 }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  { additionalProperties: false },
);
export const TunnelErrorFrame = Type.Object(
  { type: Type.Literal('error'), code: ErrorCode, message: Type.String({ maxLength: 2048 }) },
  { additionalProperties: false },
);

export const TunnelControlFrame = Type.Union([TunnelReadyFrame, TunnelResizeFrame, TunnelEndFrame, TunnelDoneFrame, TunnelErrorFrame]);
export type TunnelReadyFrame = Static<typeof TunnelReadyFrame>;
export type TunnelControlFrame = Static<typeof TunnelControlFrame>;
export type TunnelDoneFrame = Static<typeof TunnelDoneFrame>;

/** The text an agent signs, with its key, to open the tunnel socket the server asked for. */
export function tunnelAuthText(tunnelId: string, machineId: string): string {
  return `pons-tunnel-v1\n${tunnelId}\n${machineId}`;
}
export const TunnelAuthHeaders = { machine: 'x-pons-machine', signature: 'x-pons-tunnel-signature' } as const;
export const TunnelSignature = Base64Url;

/** `wol.send`: send magic packets for these MAC addresses from this machine. */
export const WakeSendArgs = Type.Object(
  {
    macs: Type.Array(Type.String({ pattern: '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$' }), { minItems: 1, maxItems: 64 }),
    addresses: Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-fA-F.:]+$' }), { minItems: 1, maxItems: 16 }),
    port: Type.Integer({ minimum: 1, maximum: 65_535 }),
  },
  { additionalProperties: false },
);
export type WakeSendArgs = Static<typeof WakeSendArgs>;
