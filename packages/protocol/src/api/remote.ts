import { Type, type Static } from '@sinclair/typebox';
import { FileEntry, FilePath, TerminalSize } from '../remote/tunnel.js';

/** `POST /api/v1/machines/:id/tunnels`: a remote desktop, a terminal or a port forward. */
export const OpenTunnelRequest = Type.Object(
  {
    kind: Type.Union([Type.Literal('vnc'), Type.Literal('terminal'), Type.Literal('tcp')]),
    /** `tcp`: the port on the machine (or on `host`, a host the machine reaches). */
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535 })),
    host: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9_.:-]+$' })),
    cols: Type.Optional(TerminalSize.cols),
    rows: Type.Optional(TerminalSize.rows),
  },
  { additionalProperties: false },
);
export type OpenTunnelRequest = Static<typeof OpenTunnelRequest>;

export const OpenTunnelResponse = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  machineId: Type.String(),
  hostname: Type.String(),
  entityId: Type.String(),
  /** Connect a WebSocket here (same origin) within `expiresAt`; it works once. */
  socketPath: Type.String(),
  expiresAt: Type.Integer(),
  /** `vnc`: what the viewer gives to the VNC server. */
  vncPassword: Type.Optional(Type.String()),
  /** From the request to the agent's tunnel being up. */
  openedInMs: Type.Integer(),
});
export type OpenTunnelResponse = Static<typeof OpenTunnelResponse>;

export const FilePathQuery = Type.Object({ path: FilePath }, { additionalProperties: false });
export const FileUploadQuery = Type.Object(
  { path: FilePath, overwrite: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

export const FileListResponse = Type.Object({
  path: Type.String(),
  entries: Type.Array(FileEntry),
  truncated: Type.Boolean(),
});
export type FileListResponse = Static<typeof FileListResponse>;

export const FileUploadResponse = Type.Object({
  path: Type.String(),
  bytes: Type.Integer(),
  sha256: Type.String(),
});
export type FileUploadResponse = Static<typeof FileUploadResponse>;

/** `POST /api/v1/machines/:id/wake`. */
export const WakeRequest = Type.Object(
  {
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_535, description: 'UDP port (default from the server configuration, 9)' })),
  },
  { additionalProperties: false },
);
export const WakeResponse = Type.Object({
  machineId: Type.String(),
  hostname: Type.String(),
  entityId: Type.String(),
  macs: Type.Array(Type.String()),
  /** Who sent the magic packets: an online agent on the target's subnet, or the server. */
  sentBy: Type.Object({
    kind: Type.Union([Type.Literal('agent'), Type.Literal('server')]),
    machineId: Type.Union([Type.String(), Type.Null()]),
    hostname: Type.String(),
  }),
  addresses: Type.Array(Type.String()),
  port: Type.Integer(),
  packets: Type.Integer(),
});
export type WakeRequest = Static<typeof WakeRequest>;
export type WakeResponse = Static<typeof WakeResponse>;

/** Per entity: whether remote sessions (desktop, terminal) need the logged-in user's consent. */
export const RemoteSettings = Type.Object({ consentRequired: Type.Boolean() }, { additionalProperties: false });
export type RemoteSettings = Static<typeof RemoteSettings>;
